/// The postfix predicates of the equality level: IS, IN, BETWEEN, LIKE/ILIKE/GLOB, each optionally negated.
extension Parser {
    /// Parses a predicate applied to `left`, or returns nil when none starts here.
    mutating func parsePredicate(after left: Expression) throws(ParserError) -> Expression? {
        let location = current.location
        switch current.keyword {
        case .is:
            advance()
            return try parseIs(left, at: location)
        case .isnull, .notnull:
            let negated = advance().keyword == .notnull
            return Expression(.isNull(left, negated: negated), at: location)
        case .not:
            guard let next = peek().keyword, [.between, .in, .like, .ilike, .glob, .null].contains(next) else {
                return nil
            }
            advance()
            if consume(.null) { return Expression(.isNull(left, negated: true), at: location) }
            return try parseNegatable(left, negated: true, at: location)
        case .between, .in, .like, .ilike, .glob:
            return try parseNegatable(left, negated: false, at: location)
        default:
            return nil
        }
    }

    private mutating func parseIs(_ left: Expression, at location: SourceLocation) throws(ParserError) -> Expression {
        let negated = consume(.not)
        if consume(.null) { return Expression(.isNull(left, negated: negated), at: location) }
        if consume(.true) { return Expression(.isBoolean(left, true, negated: negated), at: location) }
        if consume(.false) { return Expression(.isBoolean(left, false, negated: negated), at: location) }
        if consume(.distinct) {
            try expect(.from)
            let right = try parseBitwiseOr()
            return Expression(.isDistinctFrom(left, right, negated: negated), at: location)
        }
        throw syntaxError()
    }

    private mutating func parseNegatable(_ left: Expression, negated: Bool,
                                         at location: SourceLocation) throws(ParserError) -> Expression {
        let keyword = advance().keyword
        switch keyword {
        case .between:
            let low = try parseBitwiseOr()
            try expect(.and)
            let high = try parseBitwiseOr()
            return Expression(.between(left, low: low, high: high, negated: negated), at: location)
        case .in:
            return try parseIn(left, negated: negated, at: location)
        default:
            let op: PatternOperator = keyword == .like ? .like : keyword == .ilike ? .ilike : .glob
            let pattern = try parseBitwiseOr()
            let escape = consume(.escape) ? try parseBitwiseOr() : nil
            return Expression(.like(left, pattern: pattern, escape: escape, operator: op, negated: negated),
                              at: location)
        }
    }

    private mutating func parseIn(_ left: Expression, negated: Bool,
                                  at location: SourceLocation) throws(ParserError) -> Expression {
        try expectSymbol("(")
        if let query = try parseQueryInParentheses() {
            return Expression(.inQuery(left, query, negated: negated), at: location)
        }
        var list: [Expression] = []
        if !atSymbol(")") {
            list.append(try parseExpression())
            while consumeSymbol(",") { list.append(try parseExpression()) }
        }
        try expectSymbol(")")
        return Expression(.inList(left, list, negated: negated), at: location)
    }

    /// After an opening parenthesis: the query and its closing parenthesis when a query starts here. A query
    /// opening with more parentheses (`((SELECT 1) UNION ...)` versus `((SELECT 1) + 1, 2)`) is tried and
    /// rewound if it turns out to be an expression.
    mutating func parseQueryInParentheses() throws(ParserError) -> Query? {
        if at(.select) || at(.values) || at(.with) {
            let query = try parseQuery()
            try expectSymbol(")")
            return query
        }
        guard atQueryStart else { return nil }
        let saved = position
        if let query = try? parseQuery(), consumeSymbol(")") { return query }
        rewind(to: saved)
        return nil
    }

    /// Whether a query starts here (inside parentheses): SELECT, VALUES, WITH, or `(` leading to one.
    var atQueryStart: Bool {
        if at(.select) || at(.values) || at(.with) { return true }
        var ahead = 0
        while peek(ahead).isSymbol("(") { ahead += 1 }
        guard ahead > 0 else { return false }
        let first = peek(ahead).keyword
        return first == .select || first == .values || first == .with
    }
}
