/// Queries: WITH, set operations (INTERSECT binds tighter than UNION and EXCEPT, all left-associative),
/// SELECT blocks, VALUES, ORDER BY, LIMIT and OFFSET (also SQLite's `LIMIT offset, count`).
extension Parser {
    mutating func parseQuery() throws(ParserError) -> Query {
        try enter()
        defer { leave() }
        let location = current.location
        let with = at(.with) ? try parseWith() : nil
        var query = Query(with: with, body: try parseUnionLevel(), location: location)
        if consume(.order) {
            try expect(.by)
            query.orderBy = try parseOrderByItems()
        }
        try parseLimitOffset(into: &query)
        return query
    }

    private mutating func parseLimitOffset(into query: inout Query) throws(ParserError) {
        if consume(.limit) {
            let first = try parseExpression()
            if consumeSymbol(",") {
                query.offset = first
                query.limit = try parseExpression()
                return
            }
            query.limit = first
        }
        if consume(.offset) {
            query.offset = try parseExpression()
            if query.limit == nil, consume(.limit) { query.limit = try parseExpression() }
        }
    }

    private mutating func parseWith() throws(ParserError) -> WithClause {
        advance()
        let recursive = consume(.recursive)
        var tables: [CommonTableExpression] = []
        repeat {
            let name = try identifier()
            let columns = atSymbol("(") ? try parenthesizedIdentifiers() : []
            try expect(.as)
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            tables.append(CommonTableExpression(name: name, columns: columns, query: query))
        } while consumeSymbol(",")
        return WithClause(isRecursive: recursive, tables: tables)
    }

    private mutating func parseUnionLevel() throws(ParserError) -> QueryBody {
        var left = try parseIntersectLevel()
        while at(.union) || at(.except) {
            let token = advance()
            let all = try parseSetQuantifier()
            let right = try parseIntersectLevel()
            let op: SetOperation.Operator = token.keyword == .union ? .union : .except
            left = .setOperation(SetOperation(operator: op, all: all, left: left, right: right,
                                              location: token.location))
        }
        return left
    }

    private mutating func parseIntersectLevel() throws(ParserError) -> QueryBody {
        var left = try parseQueryPrimary()
        while at(.intersect) {
            let location = advance().location
            let all = try parseSetQuantifier()
            let right = try parseQueryPrimary()
            left = .setOperation(SetOperation(operator: .intersect, all: all, left: left, right: right,
                                              location: location))
        }
        return left
    }

    private mutating func parseSetQuantifier() throws(ParserError) -> Bool {
        if consume(.all) { return true }
        _ = consume(.distinct)
        return false
    }

    private mutating func parseQueryPrimary() throws(ParserError) -> QueryBody {
        if at(.select) { return .select(try parseSelect()) }
        if at(.values) { return .values(try parseValues()) }
        if consumeSymbol("(") {
            let query = try parseQuery()
            try expectSymbol(")")
            return .parenthesized(query)
        }
        throw syntaxError()
    }

    mutating func parseValues() throws(ParserError) -> Values {
        let location = advance().location
        var rows: [[Expression]] = []
        repeat {
            if consumeSymbol("(") {
                rows.append(try parseExpressionList())
                try expectSymbol(")")
            } else {
                rows.append([try parseExpression()])
            }
        } while consumeSymbol(",")
        return Values(rows: rows, location: location)
    }

    private mutating func parseSelect() throws(ParserError) -> Select {
        let location = advance().location
        var select = Select(items: [], location: location)
        if consume(.distinct) {
            select.quantifier = .distinct
        } else if consume(.all) {
            select.quantifier = .all
        }
        select.items = [try parseSelectItem()]
        while consumeSymbol(",") { select.items.append(try parseSelectItem()) }
        if consume(.from) { select.from = try parseFromList() }
        if consume(.where) { select.whereClause = try parseExpression() }
        if consume(.group) {
            try expect(.by)
            select.groupBy = try parseExpressionList()
        }
        if consume(.having) { select.having = try parseExpression() }
        return select
    }

    private mutating func parseSelectItem() throws(ParserError) -> SelectItem {
        let location = current.location
        if consumeSymbol("*") { return SelectItem(.wildcard(qualifier: []), at: location) }
        if let qualifier = try parseWildcardQualifier() {
            return SelectItem(.wildcard(qualifier: qualifier), at: location)
        }
        let expression = try parseExpression()
        return SelectItem(.expression(expression, alias: try parseColumnAlias()), at: location)
    }

    /// `t.*` or `db.t.*`: names followed by `.*`, found by looking ahead before committing.
    private mutating func parseWildcardQualifier() throws(ParserError) -> [Identifier]? {
        var ahead = 0
        while peek(ahead).kind == .word || peek(ahead).kind == .quotedIdentifier, peek(ahead + 1).isSymbol(".") {
            if peek(ahead + 2).isSymbol("*") {
                var qualifier: [Identifier] = []
                for _ in 0...(ahead / 2) {
                    qualifier.append(try nameAfterDot())
                    advance()
                }
                advance()
                return qualifier
            }
            ahead += 2
        }
        return nil
    }

    /// `AS name` or a bare non-reserved name.
    mutating func parseColumnAlias() throws(ParserError) -> Identifier? {
        if consume(.as) { return try identifier() }
        return optionalIdentifier()
    }
}
