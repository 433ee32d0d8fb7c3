/// CREATE TABLE / VIEW / INDEX, DROP and ALTER TABLE.
extension Parser {
    mutating func parseCreate() throws(ParserError) -> Statement {
        let location = advance().location
        var orReplace = false
        if consume(.or) {
            try expect(.replace)
            orReplace = true
        }
        let temporary = consume(.temp) || consume(.temporary)
        switch current.keyword {
        case .table:
            advance()
            let ifNotExists = try parseIfNotExists()
            var table = CreateTable(name: try qualifiedName(), ifNotExists: ifNotExists, orReplace: orReplace,
                                    isTemporary: temporary)
            try parseCreateTableBody(into: &table)
            return Statement(.createTable(table), at: location)
        case .view:
            advance()
            let ifNotExists = try parseIfNotExists()
            let name = try qualifiedName()
            let columns = atSymbol("(") ? try parenthesizedIdentifiers() : []
            try expect(.as)
            let view = CreateView(name: name, orReplace: orReplace, isTemporary: temporary, ifNotExists: ifNotExists,
                                  columns: columns, query: try parseQuery())
            return Statement(.createView(view), at: location)
        case .unique, .index:
            return Statement(.createIndex(try parseCreateIndex()), at: location)
        case .trigger:
            throw unsupported("CREATE TRIGGER", at: current.location)
        default:
            throw syntaxError()
        }
    }

    private mutating func parseIfNotExists() throws(ParserError) -> Bool {
        guard consume(.if) else { return false }
        try expect(.not)
        try expect(.exists)
        return true
    }

    private mutating func parseIfExists() throws(ParserError) -> Bool {
        guard consume(.if) else { return false }
        try expect(.exists)
        return true
    }

    /// Columns, then Spark's clauses in any order, then `AS query`.
    private mutating func parseCreateTableBody(into table: inout CreateTable) throws(ParserError) {
        if consumeSymbol("(") {
            repeat {
                if let constraint = try parseTableConstraint() {
                    table.constraints.append(constraint)
                } else {
                    table.columns.append(try parseColumnDefinition())
                }
            } while consumeSymbol(",")
            try expectSymbol(")")
        }
        while try parseCreateTableClause(into: &table) {}
        if consume(.as) { table.query = try parseQuery() }
    }

    private mutating func parseCreateTableClause(into table: inout CreateTable) throws(ParserError) -> Bool {
        switch current.keyword {
        case .using:
            advance()
            table.using = try identifier()
        case .primary:
            guard let constraint = try parseTableConstraint() else { throw syntaxError() }
            table.constraints.append(constraint)
        case .partitioned:
            advance()
            try expect(.by)
            table.partitionedBy = try parenthesizedIdentifiers()
        case .tblproperties:
            advance()
            table.properties = try parseProperties()
        case .options:
            advance()
            table.options = try parseProperties()
        case .location:
            advance()
            table.path = try stringLiteral()
        case .comment:
            advance()
            table.comment = try stringLiteral()
        default:
            return false
        }
        return true
    }

    private mutating func parseTableConstraint() throws(ParserError) -> TableConstraint? {
        if at(.primary) {
            advance()
            try expect(.key)
            return .primaryKey(try parenthesizedIdentifiers())
        }
        if at(.unique), peek().isSymbol("(") {
            advance()
            return .unique(try parenthesizedIdentifiers())
        }
        return nil
    }

    mutating func parseColumnDefinition() throws(ParserError) -> ColumnDefinition {
        let name = try identifier()
        var column = ColumnDefinition(name: name, type: nil)
        if current.kind == .word || current.kind == .quotedIdentifier, !Parser.columnConstraintStarts.contains(current.keyword) {
            column.type = try parseType()
        }
        while try parseColumnConstraint(into: &column) {}
        return column
    }

    private static let columnConstraintStarts: Set<Keyword?> = [.not, .null, .primary, .unique, .default, .comment]

    private mutating func parseColumnConstraint(into column: inout ColumnDefinition) throws(ParserError) -> Bool {
        switch current.keyword {
        case .not:
            advance()
            try expect(.null)
            column.notNull = true
        case .null:
            advance()
        case .primary:
            advance()
            try expect(.key)
            column.primaryKey = true
            _ = consume(.asc) || consume(.desc)
        case .unique:
            advance()
            column.unique = true
        case .default:
            advance()
            column.defaultValue = try parseBitwiseOr()
        case .comment:
            advance()
            column.comment = try stringLiteral()
        default:
            return false
        }
        return true
    }

    /// `(key = 'value', 'quoted.key' = 1, a.b.c = true)`; the `=` is optional, as in Spark.
    private mutating func parseProperties() throws(ParserError) -> [Property] {
        try expectSymbol("(")
        var properties: [Property] = []
        repeat {
            let key: String
            if current.kind == .string {
                key = advance().text
            } else {
                key = try qualifiedPropertyKey()
            }
            _ = consumeSymbol("=")
            properties.append(Property(key: key, value: try parseBitwiseOr()))
        } while consumeSymbol(",")
        try expectSymbol(")")
        return properties
    }

    private mutating func qualifiedPropertyKey() throws(ParserError) -> String {
        var key = try nameAfterDot().name
        while consumeSymbol(".") { key += "." + (try nameAfterDot().name) }
        return key
    }

    private mutating func parseCreateIndex() throws(ParserError) -> CreateIndex {
        let unique = consume(.unique)
        try expect(.index)
        let ifNotExists = try parseIfNotExists()
        let name = try qualifiedName()
        try expect(.on)
        let table = try qualifiedName()
        try expectSymbol("(")
        let columns = try parseOrderByItems()
        try expectSymbol(")")
        return CreateIndex(name: name, table: table, isUnique: unique, ifNotExists: ifNotExists, columns: columns)
    }

    mutating func parseDrop() throws(ParserError) -> Statement {
        let location = advance().location
        let kind: Drop.ObjectKind
        switch current.keyword {
        case .table: kind = .table
        case .view: kind = .view
        case .index: kind = .index
        case .trigger: throw unsupported("DROP TRIGGER", at: current.location)
        default: throw syntaxError()
        }
        advance()
        var drop = Drop(objectKind: kind, ifExists: try parseIfExists(), name: try qualifiedName())
        drop.purge = consume(.purge)
        if consume(.cascade) {
            drop.cascade = true
        } else {
            _ = consume(.restrict)
        }
        return Statement(.drop(drop), at: location)
    }

    /// `ALTER TABLE t ADD COLUMN(S) (...)`, `ADD [COLUMN] c t`, `ALTER [COLUMN] c [SET DATA] TYPE t`,
    /// `RENAME TO n`, `DROP COLUMN(S) ...`.
    mutating func parseAlterTable() throws(ParserError) -> Statement {
        let location = advance().location
        try expect(.table)
        let name = try qualifiedName()
        let action: AlterTable.Action
        switch current.keyword {
        case .add:
            advance()
            _ = consume(.column) || consume(.columns)
            action = .addColumns(try parseColumnDefinitions())
        case .alter:
            advance()
            _ = consume(.column)
            let column = try parseColumnPath()
            if consume(.set), atWord("DATA") { advance() }
            try expect(.type)
            action = .alterColumnType(column: column, type: try parseType())
        case .drop:
            advance()
            _ = consume(.column) || consume(.columns)
            action = .dropColumns(atSymbol("(") ? try parenthesizedIdentifiers() : [try identifier()])
        default:
            guard atWord("RENAME") else { throw syntaxError() }
            advance()
            if consume(.column) {
                let column = try parseColumnPath()
                try expect(.to)
                action = .renameColumn(column: column, to: try identifier())
            } else {
                try expect(.to)
                action = .renameTo(try qualifiedName())
            }
        }
        return Statement(.alterTable(AlterTable(name: name, action: action)), at: location)
    }

    private mutating func parseColumnDefinitions() throws(ParserError) -> [ColumnDefinition] {
        guard consumeSymbol("(") else { return [try parseColumnDefinition()] }
        var columns = [try parseColumnDefinition()]
        while consumeSymbol(",") { columns.append(try parseColumnDefinition()) }
        try expectSymbol(")")
        return columns
    }

    /// `a` or `a.b.c` (a nested field).
    mutating func parseColumnPath() throws(ParserError) -> [Identifier] {
        var path = [try identifier()]
        while consumeSymbol(".") { path.append(try nameAfterDot()) }
        return path
    }
}
