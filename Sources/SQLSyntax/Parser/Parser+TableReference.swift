/// FROM items: tables with time travel, file paths, table functions, subqueries, parenthesized joins, and the
/// joins between them (left-associative).
extension Parser {
    mutating func parseFromList() throws(ParserError) -> [TableReference] {
        var list = [try parseTableReference()]
        while consumeSymbol(",") { list.append(try parseTableReference()) }
        return list
    }

    mutating func parseTableReference() throws(ParserError) -> TableReference {
        var left = try parseTablePrimary()
        while let (kind, natural, location) = try parseJoinKeywords() {
            let right = try parseTablePrimary()
            var condition: Join.Condition?
            if natural {
                condition = .natural
            } else if kind != .cross, consume(.on) {
                condition = .on(try parseExpression())
            } else if kind != .cross, at(.using) {
                advance()
                condition = .using(try parenthesizedIdentifiers())
            }
            left = TableReference(.join(Join(kind: kind, left: left, right: right, condition: condition)),
                                  at: location)
        }
        return left
    }

    /// `[NATURAL] [INNER | LEFT [OUTER|SEMI|ANTI] | RIGHT [OUTER] | FULL [OUTER] | CROSS | SEMI | ANTI] JOIN`.
    private mutating func parseJoinKeywords() throws(ParserError) -> (Join.Kind, Bool, SourceLocation)? {
        let location = current.location
        let natural = consume(.natural)
        let kind: Join.Kind
        switch current.keyword {
        case .join: kind = .inner
        case .inner: kind = .inner
        case .cross: kind = .cross
        case .semi: kind = .semi
        case .anti: kind = .anti
        case .left:
            advance()
            kind = consume(.semi) ? .semi : consume(.anti) ? .anti : .left
            _ = consume(.outer)
            try expect(.join)
            return (kind, natural, location)
        case .right, .full:
            kind = advance().keyword == .right ? .right : .full
            _ = consume(.outer)
            try expect(.join)
            return (kind, natural, location)
        default:
            if natural { throw syntaxError() }
            return nil
        }
        if !at(.join) { advance() }
        try expect(.join)
        return (kind, natural, location)
    }

    private mutating func parseTablePrimary() throws(ParserError) -> TableReference {
        try enter()
        defer { leave() }
        let location = current.location
        if current.kind == .string {
            let path = advance().text
            return TableReference(.path(path, alias: try parseTableAlias()), at: location)
        }
        let lateral = consume(.lateral)
        if consumeSymbol("(") {
            if let query = try parseQueryInParentheses() {
                return TableReference(.subquery(query, alias: try parseTableAlias(), isLateral: lateral), at: location)
            }
            if lateral { throw syntaxError() }
            let inner = try parseTableReference()
            try expectSymbol(")")
            return TableReference(.parenthesized(inner, alias: try parseTableAlias()), at: location)
        }
        if lateral { throw syntaxError() }
        let name = try qualifiedName()
        if atSymbol("(") {
            let call = try parseFunctionCall(name)
            return TableReference(.function(call, alias: try parseTableAlias()), at: location)
        }
        let timeTravel = try parseTimeTravel()
        return TableReference(.table(name, timeTravel: timeTravel, alias: try parseTableAlias()), at: location)
    }

    /// `TIMESTAMP AS OF x`, `VERSION AS OF x`, `FOR SYSTEM_TIME AS OF x`.
    private mutating func parseTimeTravel() throws(ParserError) -> TimeTravel? {
        let kind: TimeTravel.Kind
        if (at(.timestamp) || at(.version)), peekIs(.as), peekIs(.of, 2) {
            kind = advance().keyword == .timestamp ? .timestamp : .version
        } else if at(.for), peekIs(.systemTime) {
            advance()
            advance()
            kind = .systemTime
        } else {
            return nil
        }
        try expect(.as)
        try expect(.of)
        return TimeTravel(kind: kind, value: try parseBitwiseOr())
    }

    /// `[AS] name [(columns)]`.
    mutating func parseTableAlias() throws(ParserError) -> TableAlias? {
        let name: Identifier
        if consume(.as) {
            name = try identifier()
        } else if let bare = optionalIdentifier() {
            name = bare
        } else {
            return nil
        }
        let columns = atSymbol("(") ? try parenthesizedIdentifiers() : []
        return TableAlias(name: name, columns: columns)
    }
}
