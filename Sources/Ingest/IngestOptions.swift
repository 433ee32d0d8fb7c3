import Parquet
import TableFormat

/// How sources land in the table, and how the table is created when it does not exist yet.
public struct IngestOptions: Sendable {
    public var recordKeyFields: [String]
    public var precombineField: String?
    public var partitionFields: [String] = []
    public var hiveStyle = false
    public var operation: WriteOperationType = .upsert
    /// For a new table: 6 (timeline layout 1) or 8 (layout 2).
    public var tableVersion = 6
    /// For a new table; nil: the last segment of its path.
    public var tableName: String?
    public var write = HudiWriteOptions()

    public init(recordKeyFields: [String], precombineField: String? = nil, partitionFields: [String] = [],
                operation: WriteOperationType = .upsert) {
        self.recordKeyFields = recordKeyFields
        self.precombineField = precombineField
        self.partitionFields = partitionFields
        self.operation = operation
    }
}

/// A file to ingest: its name for messages, and how to open it (the caller knows local paths from object URIs).
public struct IngestSource: Sendable {
    public var name: String
    public var open: @Sendable () throws -> any ByteSource

    public init(name: String, open: @escaping @Sendable () throws -> any ByteSource) {
        self.name = name
        self.open = open
    }
}
