/// Expressions, lowest precedence first:
/// OR; AND; NOT; `= == <> != IS IN LIKE ILIKE GLOB BETWEEN` (left-associative, as in SQLite); `< <= > >=`;
/// `|`; `^`; `&`; `<< >>`; `+ - ||` (Spark puts `||` with `+`); `* / % DIV`; unary `- + ~`;
/// postfix `::type`, `[index]`, `.field`, `COLLATE`.
extension Parser {
    mutating func parseExpression() throws(ParserError) -> Expression {
        try enter()
        defer { leave() }
        return try parseOr()
    }

    private mutating func parseOr() throws(ParserError) -> Expression {
        var left = try parseAnd()
        while at(.or) {
            let location = advance().location
            left = Expression(.binary(.or, left, try parseAnd()), at: location)
        }
        return left
    }

    private mutating func parseAnd() throws(ParserError) -> Expression {
        var left = try parseNot()
        while at(.and) {
            let location = advance().location
            left = Expression(.binary(.and, left, try parseNot()), at: location)
        }
        return left
    }

    private mutating func parseNot() throws(ParserError) -> Expression {
        guard at(.not) else { return try parseEquality() }
        let location = advance().location
        try enter()
        defer { leave() }
        return Expression(.unary(.not, try parseNot()), at: location)
    }

    /// Equality and the predicates, left-associative: `a = b IN (...)` is `(a = b) IN (...)`.
    private mutating func parseEquality() throws(ParserError) -> Expression {
        var left = try parseOperators(above: Level.relational)
        while true {
            let token = current
            if let op = token.binaryOperator, Level.of(op) == Level.equality {
                advance()
                left = Expression(.binary(op, left, try parseOperators(above: Level.relational)), at: token.location)
            } else if let predicate = try parsePredicate(after: left) {
                left = predicate
            } else {
                return left
            }
        }
    }

    /// Binding levels of the binary operators below equality, as in `SQLFormatter.precedence(of:)`.
    enum Level {
        static let equality = 4, relational = 5, bitwiseOr = 6, multiplicative = 11

        static func of(_ op: BinaryOperator) -> Int { SQLFormatter.precedence(of: op) }
    }

    /// The value-expression levels from `|` down to `* /` (and `< <= > >=` when asked), by precedence climbing:
    /// operators binding at least `minimum`, each level left-associative.
    mutating func parseOperators(above minimum: Int) throws(ParserError) -> Expression {
        var left = try parseUnary()
        while let op = current.binaryOperator, case let level = Level.of(op), level >= minimum,
              level > Level.equality {
            let location = advance().location
            let right = try parseOperators(above: level + 1)
            left = Expression(.binary(op, left, right), at: location)
        }
        return left
    }

    /// An operand of BETWEEN, LIKE, IS DISTINCT FROM and window frame offsets: no comparisons, no predicates.
    mutating func parseBitwiseOr() throws(ParserError) -> Expression {
        try parseOperators(above: Level.bitwiseOr)
    }

    private mutating func parseUnary() throws(ParserError) -> Expression {
        let token = current
        let op: UnaryOperator
        switch token.kind == .symbol ? token.text : "" {
        case "-": op = .negate
        case "+": op = .plus
        case "~": op = .bitwiseNot
        default: return try parsePostfix()
        }
        advance()
        try enter()
        defer { leave() }
        return Expression(.unary(op, try parseUnary()), at: token.location)
    }

    private mutating func parsePostfix() throws(ParserError) -> Expression {
        var expression = try parsePrimary()
        while true {
            let location = current.location
            if consumeSymbol("::") {
                expression = Expression(.cast(expression, try parseType(), .doubleColon), at: location)
            } else if consumeSymbol("[") {
                let index = try parseExpression()
                try expectSymbol("]")
                expression = Expression(.element(expression, index), at: location)
            } else if atSymbol("."), peek().kind == .word || peek().kind == .quotedIdentifier {
                advance()
                expression = Expression(.field(expression, try nameAfterDot()), at: location)
            } else if consume(.collate) {
                expression = Expression(.collate(expression, try identifier()), at: location)
            } else {
                return expression
            }
        }
    }
}
