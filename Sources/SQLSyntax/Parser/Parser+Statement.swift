/// Statement dispatch on the first keyword, and the short statements (SHOW, DESCRIBE, CALL, EXPLAIN, SET,
/// transactions). DDL, DML and COPY have their own files.
extension Parser {
    mutating func parseStatement() throws(ParserError) -> Statement {
        let token = current
        let location = token.location
        switch token.keyword {
        case .select, .values, .with:
            return Statement(.query(try parseQuery()), at: location)
        case .create: return try parseCreate()
        case .drop: return try parseDrop()
        case .alter: return try parseAlterTable()
        case .insert: return try parseInsert()
        case .update: return try parseUpdate()
        case .delete: return try parseDelete()
        case .merge: return try parseMerge()
        case .copy: return try parseCopy()
        case .show: return try parseShow()
        case .describe, .desc: return try parseDescribe()
        case .call:
            advance()
            return Statement(.call(try parseFunctionCall(try qualifiedName())), at: location)
        case .explain:
            advance()
            let analyze = consume(.analyze)
            return Statement(.explain(Explain(analyze: analyze, statement: try parseStatement())), at: location)
        case .set: return try parseSet()
        case .begin, .start, .commit, .rollback, .end: return try parseTransaction()
        case .reindex: throw unsupported("REINDEX", at: location)
        case .replace: throw unsupported("REPLACE INTO", at: location)
        default:
            if token.isSymbol("(") { return Statement(.query(try parseQuery()), at: location) }
            throw syntaxError()
        }
    }

    private mutating func parseShow() throws(ParserError) -> Statement {
        let location = advance().location
        if consume(.tables) {
            guard consume(.from) || consume(.in) else { return Statement(.showTables(database: nil), at: location) }
            return Statement(.showTables(database: try qualifiedName()), at: location)
        }
        try expect(.create)
        try expect(.table)
        return Statement(.showCreateTable(try qualifiedName()), at: location)
    }

    private mutating func parseDescribe() throws(ParserError) -> Statement {
        let location = advance().location
        _ = consume(.table)
        let extended = consume(.extended)
        return Statement(.describe(try qualifiedName(), extended: extended), at: location)
    }

    /// `SET a.b.c = value` or `SET name TO value`; a bare word value is a column expression naming it.
    private mutating func parseSet() throws(ParserError) -> Statement {
        let location = advance().location
        let name = try qualifiedName()
        if !consumeSymbol("=") { try expect(.to) }
        return Statement(.set(name: name, value: try parseExpression()), at: location)
    }

    private mutating func parseTransaction() throws(ParserError) -> Statement {
        let token = advance()
        let command: TransactionCommand
        switch token.keyword {
        case .begin: command = .begin
        case .start:
            try expect(.transaction)
            return Statement(.transaction(.begin), at: token.location)
        case .rollback: command = .rollback
        default: command = .commit
        }
        _ = consume(.transaction) || consume(.work)
        return Statement(.transaction(command), at: token.location)
    }

    /// `COPY t [(columns)] TO|FROM 'file' [(options)]` or `COPY (query) TO 'file' [(options)]`.
    private mutating func parseCopy() throws(ParserError) -> Statement {
        let location = advance().location
        let source: Copy.Source
        if consumeSymbol("(") {
            source = .query(try parseQuery())
            try expectSymbol(")")
        } else {
            let name = try qualifiedName()
            source = .table(name, columns: atSymbol("(") ? try parenthesizedIdentifiers() : [])
        }
        let direction: Copy.Direction
        if consume(.to) {
            direction = .to
        } else {
            guard case .table = source, consume(.from) else { throw syntaxError() }
            direction = .from
        }
        var copy = Copy(source: source, direction: direction, path: try stringLiteral())
        _ = consume(.with)
        if consumeSymbol("(") {
            repeat {
                let name = try nameAfterDot()
                let value = atSymbol(",") || atSymbol(")") ? nil : try parseExpression()
                copy.options.append(CopyOption(name: name, value: value))
            } while consumeSymbol(",")
            try expectSymbol(")")
        }
        return Statement(.copy(copy), at: location)
    }
}
