/// One SQL statement.
public struct Statement: Hashable, Sendable, CustomStringConvertible {
    public indirect enum Kind: Hashable, Sendable {
        case query(Query)
        case createTable(CreateTable)
        case createView(CreateView)
        case createIndex(CreateIndex)
        case drop(Drop)
        case alterTable(AlterTable)
        case insert(Insert)
        case update(Update)
        case delete(Delete)
        case merge(Merge)
        /// `SHOW TABLES [FROM|IN db]`.
        case showTables(database: QualifiedName?)
        /// `SHOW CREATE TABLE t`.
        case showCreateTable(QualifiedName)
        /// `DESCRIBE [TABLE] [EXTENDED] t` (also `DESC`).
        case describe(QualifiedName, extended: Bool)
        /// `CALL proc(name => value, ...)`: Hudi's procedures (`show_commits`, `run_clean`, ...).
        case call(FunctionCall)
        case explain(Explain)
        case copy(Copy)
        /// `SET name = value` or `SET name TO value`.
        case set(name: QualifiedName, value: Expression)
        case transaction(TransactionCommand)
    }

    public var kind: Kind
    @IgnoredByEquality public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation = .start) {
        self.kind = kind
        self.location = location
    }

    public var description: String { SQLFormatter.statement(self) }
}

public enum TransactionCommand: String, Hashable, Sendable {
    case begin = "BEGIN", commit = "COMMIT", rollback = "ROLLBACK"
}

/// `EXPLAIN [ANALYZE] statement`.
public struct Explain: Hashable, Sendable {
    public var analyze: Bool
    public var statement: Statement

    public init(analyze: Bool, statement: Statement) {
        self.analyze = analyze
        self.statement = statement
    }
}

/// `COPY table|(query) TO 'file' (options)` and `COPY table FROM 'file' (options)`.
public struct Copy: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        case table(QualifiedName, columns: [Identifier])
        case query(Query)
    }

    public enum Direction: String, Hashable, Sendable { case to = "TO", from = "FROM" }

    public var source: Source
    public var direction: Direction
    public var path: String
    /// `(FORMAT parquet, HEADER true, DELIMITER ',')`: names upper-cased as written, values as expressions
    /// (a bare word such as `parquet` is a column expression naming it). A value may be absent (`HEADER`).
    public var options: [CopyOption]

    public init(source: Source, direction: Direction, path: String, options: [CopyOption] = []) {
        self.source = source
        self.direction = direction
        self.path = path
        self.options = options
    }
}

public struct CopyOption: Hashable, Sendable {
    public var name: Identifier
    public var value: Expression?

    public init(name: Identifier, value: Expression?) {
        self.name = name
        self.value = value
    }
}
