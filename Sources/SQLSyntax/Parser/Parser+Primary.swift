/// Primary expressions: literals, names, function calls, parenthesized expressions and subqueries, CASE, CAST,
/// EXISTS, INTERVAL, EXTRACT, typed literals (`DATE '...'`) and array literals.
extension Parser {
    mutating func parsePrimary() throws(ParserError) -> Expression {
        let token = current
        switch token.kind {
        case .integer, .decimal, .float, .string, .blob:
            advance()
            return Expression(.literal(Parser.literal(of: token)), at: token.location)
        case .symbol:
            return try parseSymbolPrimary()
        case .quotedIdentifier:
            return try parseNameOrCall()
        case .word:
            if let expression = try parseKeywordPrimary() { return expression }
            if let keyword = token.keyword, keyword.isReserved,
               !(Parser.reservedFunctionNames.contains(keyword) && peek().isSymbol("(")) {
                throw syntaxError()
            }
            return try parseNameOrCall()
        case .end:
            throw syntaxError()
        }
    }

    /// Reserved words that are also function names (`left(s, 2)`, `right(s, 2)`).
    private static let reservedFunctionNames: Set<Keyword> = [.left, .right]

    static func literal(of token: Token) -> Literal {
        switch token.kind {
        case .integer: return .integer(token.text)
        case .decimal: return .decimal(token.text)
        case .float: return .float(token.text)
        case .blob: return .blob(token.text)
        default: return .string(token.text)
        }
    }

    private mutating func parseSymbolPrimary() throws(ParserError) -> Expression {
        let location = current.location
        if consumeSymbol("(") {
            if let query = try parseQueryInParentheses() {
                return Expression(.subquery(query), at: location)
            }
            let first = try parseExpression()
            guard consumeSymbol(",") else {
                try expectSymbol(")")
                return first
            }
            var items = [first, try parseExpression()]
            while consumeSymbol(",") { items.append(try parseExpression()) }
            try expectSymbol(")")
            return Expression(.row(items), at: location)
        }
        if consumeSymbol("[") {
            var items: [Expression] = []
            if !atSymbol("]") {
                items.append(try parseExpression())
                while consumeSymbol(",") { items.append(try parseExpression()) }
            }
            try expectSymbol("]")
            return Expression(.array(items), at: location)
        }
        throw syntaxError()
    }

    private mutating func parseKeywordPrimary() throws(ParserError) -> Expression? {
        let token = current
        switch token.keyword {
        case .null:
            advance()
            return Expression(.literal(.null), at: token.location)
        case .true, .false:
            advance()
            return Expression(.literal(.boolean(token.keyword == .true)), at: token.location)
        case .case:
            return try parseCase()
        case .cast, .tryCast:
            return try parseCast()
        case .exists:
            advance()
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            return Expression(.exists(query), at: token.location)
        case .interval where peek().kind == .string || peek().kind == .integer:
            return try parseInterval()
        case .extract where peek().isSymbol("("):
            return try parseExtract()
        default:
            return try parseTypedLiteral()
        }
    }

    /// `DATE '2024-01-01'`, `TIMESTAMP '...'`, `TIMESTAMP_NTZ '...'`: a type name directly followed by a string.
    private mutating func parseTypedLiteral() throws(ParserError) -> Expression? {
        let token = current
        guard peek().kind == .string else { return nil }
        let type: SQLType
        switch token.text.uppercased() {
        case "DATE": type = .date
        case "TIMESTAMP": type = .timestamp
        case "TIMESTAMP_NTZ": type = .timestampNTZ
        default: return nil
        }
        advance()
        return Expression(.literal(.typed(type, advance().text)), at: token.location)
    }

    private mutating func parseCase() throws(ParserError) -> Expression {
        let location = advance().location
        let operand = at(.when) ? nil : try parseExpression()
        var branches: [CaseBranch] = []
        while consume(.when) {
            let condition = try parseExpression()
            try expect(.then)
            branches.append(CaseBranch(condition: condition, result: try parseExpression()))
        }
        guard !branches.isEmpty else { throw syntaxError() }
        let otherwise = consume(.else) ? try parseExpression() : nil
        try expect(.end)
        return Expression(.caseWhen(operand: operand, branches: branches, otherwise: otherwise), at: location)
    }

    private mutating func parseCast() throws(ParserError) -> Expression {
        let token = advance()
        try expectSymbol("(")
        let value = try parseExpression()
        try expect(.as)
        let type = try parseType()
        try expectSymbol(")")
        return Expression(.cast(value, type, token.keyword == .tryCast ? .tryCast : .cast), at: token.location)
    }

    /// `INTERVAL '1' DAY`, `INTERVAL '1 day'`, `INTERVAL 3 MONTHS`; a bare `interval` is a column name.
    private mutating func parseInterval() throws(ParserError) -> Expression {
        let location = advance().location
        let value = advance().text
        var unit: IntervalUnit?
        if current.kind == .word, let parsed = IntervalUnit(word: current.text) {
            advance()
            unit = parsed
        }
        return Expression(.literal(.interval(value, unit: unit)), at: location)
    }

    private mutating func parseExtract() throws(ParserError) -> Expression {
        let location = advance().location
        try expectSymbol("(")
        let field = try nameAfterDot()
        try expect(.from)
        let value = try parseExpression()
        try expectSymbol(")")
        return Expression(.extract(field: field, value), at: location)
    }

    /// A column path `a.b.c`, or a function call `f(...)` / `db.f(...)`.
    private mutating func parseNameOrCall() throws(ParserError) -> Expression {
        let location = current.location
        var parts = [try nameAfterDot()]
        while atSymbol("."), peek().kind == .word || peek().kind == .quotedIdentifier {
            advance()
            parts.append(try nameAfterDot())
        }
        if atSymbol("(") {
            return Expression(.function(try parseFunctionCall(QualifiedName(parts))), at: location)
        }
        return Expression(.column(parts), at: location)
    }
}
