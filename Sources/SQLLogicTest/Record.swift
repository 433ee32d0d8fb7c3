/// One record of a sqllogictest file.
public struct Record: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case statement(StatementRecord)
        case query(QueryRecord)
        /// `hash-threshold N`: results with more than N values are compared by MD5 (0 turns hashing off).
        case hashThreshold(Int)
        /// `halt`: stop reading the file.
        case halt
        /// DuckDB `loop i 0 10` (end exclusive) ... `endloop`.
        case loop(variable: String, start: Int, end: Int)
        /// DuckDB `foreach x a b c` ... `endloop`.
        case foreach(variable: String, values: [String])
        case endLoop
        /// DuckDB `require parquet`: the rest of the file is skipped unless the engine has it.
        case require(String)
        /// DuckDB `mode skip`, `mode unskip`, `mode output_result`, ...
        case mode(String)
    }

    public var location: RecordLocation
    public var conditions: [Condition]
    public var kind: Kind

    public init(location: RecordLocation, conditions: [Condition] = [], kind: Kind) {
        self.location = location
        self.conditions = conditions
        self.kind = kind
    }
}

/// `skipif <engine>` / `onlyif <engine>` before a record.
public enum Condition: Hashable, Sendable {
    case skipIf(String)
    case onlyIf(String)
}

/// `statement ok|error|maybe`, then the SQL; DuckDB puts an expected error message after `----`.
public struct StatementRecord: Hashable, Sendable {
    public enum Expectation: Hashable, Sendable {
        case ok
        /// The statement must fail; with a message, the error must contain it (`<REGEX>:` for a pattern).
        case error(message: String?)
        /// Either outcome passes (DuckDB).
        case maybe
    }

    public var expectation: Expectation
    public var sql: String

    public init(expectation: Expectation, sql: String) {
        self.expectation = expectation
        self.sql = sql
    }
}

/// `query <types> [sort mode] [label]`, the SQL, and the expected lines after `----`.
public struct QueryRecord: Hashable, Sendable {
    public var columnTypes: [ColumnType]
    public var sortMode: SortMode
    public var label: String?
    public var sql: String
    /// The lines after `----`: values one per line (SQLite), rows with tab-separated values (DuckDB), or one
    /// `N values hashing to <md5>` line. Empty when the query expects no rows.
    public var expected: [String]

    public init(columnTypes: [ColumnType], sortMode: SortMode = .noSort, label: String? = nil, sql: String,
                expected: [String] = []) {
        self.columnTypes = columnTypes
        self.sortMode = sortMode
        self.label = label
        self.sql = sql
        self.expected = expected
    }
}

/// One letter of a query's type string.
public enum ColumnType: Character, Hashable, Sendable {
    case text = "T", integer = "I", real = "R"
    /// DataFusion's letters, rendered as text here.
    case boolean = "B", date = "D", timestamp = "P", any = "?"
}

public enum SortMode: String, Hashable, Sendable {
    case noSort = "nosort", rowSort = "rowsort", valueSort = "valuesort"
}

/// `file:line` of a record's first line (its first condition, when it has one).
public struct RecordLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}
