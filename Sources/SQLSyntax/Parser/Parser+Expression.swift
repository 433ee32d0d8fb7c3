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
        var left = try parseRelational()
        while true {
            let token = current
            if token.kind == .symbol, let op = Parser.equalityOperators[token.text] {
                advance()
                left = Expression(.binary(op, left, try parseRelational()), at: token.location)
            } else if let predicate = try parsePredicate(after: left) {
                left = predicate
            } else {
                return left
            }
        }
    }

    private static let equalityOperators: [String: BinaryOperator] = ["=": .equal, "==": .equal, "<>": .notEqual,
                                                                        "!=": .notEqual]
    private static let relationalOperators: [String: BinaryOperator] = ["<": .less, "<=": .lessOrEqual,
                                                                          ">": .greater, ">=": .greaterOrEqual]

    private mutating func parseRelational() throws(ParserError) -> Expression {
        var left = try parseBitwiseOr()
        while current.kind == .symbol, let op = Parser.relationalOperators[current.text] {
            let location = advance().location
            left = Expression(.binary(op, left, try parseBitwiseOr()), at: location)
        }
        return left
    }

    /// The value-expression levels from `|` down to `* /`, each a left-associative loop.
    mutating func parseBitwiseOr() throws(ParserError) -> Expression {
        try parseBinaryLevel(0)
    }

    private static let binaryLevels: [[String: BinaryOperator]] = [
        ["|": .bitwiseOr],
        ["^": .bitwiseXor],
        ["&": .bitwiseAnd],
        ["<<": .shiftLeft, ">>": .shiftRight],
        ["+": .add, "-": .subtract, "||": .concat],
        ["*": .multiply, "/": .divide, "%": .modulo],
    ]

    private mutating func parseBinaryLevel(_ level: Int) throws(ParserError) -> Expression {
        guard level < Parser.binaryLevels.count else { return try parseUnary() }
        var left = try parseBinaryLevel(level + 1)
        while true {
            let token = current
            let op: BinaryOperator
            if token.kind == .symbol, let symbolOperator = Parser.binaryLevels[level][token.text] {
                op = symbolOperator
            } else if token.keyword == .div, level == Parser.binaryLevels.count - 1 {
                op = .integerDivide
            } else {
                return left
            }
            advance()
            left = Expression(.binary(op, left, try parseBinaryLevel(level + 1)), at: token.location)
        }
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
