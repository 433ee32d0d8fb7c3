/// INSERT, UPDATE, DELETE and MERGE INTO.
extension Parser {
    /// `INSERT INTO [TABLE] t [PARTITION (spec)] [(columns)] query` or `INSERT OVERWRITE [TABLE] t ...`.
    mutating func parseInsert() throws(ParserError) -> Statement {
        let location = advance().location
        if at(.or) { throw unsupported("INSERT OR \(peek().text.uppercased())", at: current.location) }
        let overwrite = consume(.overwrite)
        if !overwrite { try expect(.into) }
        _ = consume(.table)
        var insert = Insert(table: try qualifiedName(), overwrite: overwrite,
                            source: Query(body: .values(Values(rows: []))))
        if consume(.partition) { insert.partition = try parsePartitionSpec() }
        if atSymbol("("), !(peekIs(.select) || peekIs(.values) || peekIs(.with) || peek().isSymbol("(")) {
            insert.columns = try parenthesizedIdentifiers()
        }
        insert.source = try parseQuery()
        return Statement(.insert(insert), at: location)
    }

    /// `(p = 'v', q, ...)` after PARTITION.
    private mutating func parsePartitionSpec() throws(ParserError) -> [PartitionSpecItem] {
        try expectSymbol("(")
        var items: [PartitionSpecItem] = []
        repeat {
            var item = PartitionSpecItem(column: try identifier())
            if consumeSymbol("=") { item.value = try parseExpression() }
            items.append(item)
        } while consumeSymbol(",")
        try expectSymbol(")")
        return items
    }

    /// `UPDATE t [[AS] a] SET c = v, ... [WHERE ...]`.
    mutating func parseUpdate() throws(ParserError) -> Statement {
        let location = advance().location
        let table = try qualifiedName()
        let alias = try parseTargetAlias()
        try expect(.set)
        var update = Update(table: table, alias: alias, assignments: try parseAssignments())
        if consume(.where) { update.whereClause = try parseExpression() }
        return Statement(.update(update), at: location)
    }

    /// `DELETE FROM t [[AS] a] [WHERE ...]`.
    mutating func parseDelete() throws(ParserError) -> Statement {
        let location = advance().location
        try expect(.from)
        let table = try qualifiedName()
        var delete = Delete(table: table, alias: try parseTargetAlias())
        if consume(.where) { delete.whereClause = try parseExpression() }
        return Statement(.delete(delete), at: location)
    }

    private mutating func parseTargetAlias() throws(ParserError) -> Identifier? {
        if consume(.as) { return try identifier() }
        return optionalIdentifier()
    }

    private mutating func parseAssignments() throws(ParserError) -> [Assignment] {
        var assignments: [Assignment] = []
        repeat {
            let column = try parseColumnPath()
            try expectSymbol("=")
            assignments.append(Assignment(column: column, value: try parseExpression()))
        } while consumeSymbol(",")
        return assignments
    }

    /// `MERGE INTO t [[AS] a] USING source ON condition (WHEN [NOT] MATCHED [AND c] THEN action)+`.
    mutating func parseMerge() throws(ParserError) -> Statement {
        let location = advance().location
        try expect(.into)
        let target = try qualifiedName()
        let alias = try parseTargetAlias()
        try expect(.using)
        let source = try parseTableReference()
        try expect(.on)
        var merge = Merge(target: target, targetAlias: alias, source: source, condition: try parseExpression(),
                          clauses: [])
        while at(.when) { merge.clauses.append(try parseMergeClause()) }
        guard !merge.clauses.isEmpty else { throw syntaxError() }
        return Statement(.merge(merge), at: location)
    }

    private mutating func parseMergeClause() throws(ParserError) -> MergeClause {
        advance()
        let matched = !consume(.not)
        try expect(.matched)
        var clause = MergeClause(matched: matched, action: .delete)
        if consume(.and) { clause.condition = try parseExpression() }
        try expect(.then)
        if matched {
            clause.action = try parseMatchedAction()
        } else {
            clause.action = try parseNotMatchedAction()
        }
        return clause
    }

    private mutating func parseMatchedAction() throws(ParserError) -> MergeClause.Action {
        if consume(.delete) { return .delete }
        try expect(.update)
        try expect(.set)
        if consumeSymbol("*") { return .updateAll }
        return .update(try parseAssignments())
    }

    private mutating func parseNotMatchedAction() throws(ParserError) -> MergeClause.Action {
        try expect(.insert)
        if consumeSymbol("*") { return .insertAll }
        let columns = atSymbol("(") ? try parenthesizedIdentifiers() : []
        try expect(.values)
        try expectSymbol("(")
        let values = try parseExpressionList()
        try expectSymbol(")")
        return .insert(columns: columns, values: values)
    }
}
