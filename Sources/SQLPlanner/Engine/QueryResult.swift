import Columnar

/// What one statement produced: rows (a query, EXPLAIN, SHOW) or a count/message (DDL, DML, SET).
public struct QueryResult: Sendable {
    public var schema: Schema
    public var batches: [Batch]
    /// Rows written by INSERT/UPDATE/DELETE.
    public var rowCount: Int?
    /// A statement without rows: "CREATE TABLE", "SET threads = 2".
    public var message: String?

    public init(schema: Schema, batches: [Batch], rowCount: Int? = nil, message: String? = nil) {
        self.schema = schema
        self.batches = batches
        self.rowCount = rowCount
        self.message = message
    }

    public static func message(_ text: String, rowCount: Int? = nil) -> QueryResult {
        QueryResult(schema: Schema([]), batches: [], rowCount: rowCount, message: text)
    }

    /// True when the statement returns rows (even zero of them).
    public var hasRows: Bool { message == nil }

    /// Live rows, boxed; for tests and small outputs.
    public var rows: [[Value]] { batches.flatMap(\.rows) }
}
