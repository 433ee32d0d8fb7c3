import Columnar
import Foundation
import Parquet
import Storage
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
    /// Workers of a bulk insert: each reads its share of the files (big CSV files cut into byte ranges) and
    /// writes its own file groups. 1 reads on one thread while the write encodes.
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    /// The smallest byte range a CSV file is cut into for the workers (tests cut small files).
    var minimumSplitBytes = 16 << 20

    // Sources.
    /// CSV and JSON reader options (delimiter, quote, escape, header, null strings, encoding, compression...).
    public var text = TextSourceOptions()
    /// Column names and types that override inference (and the table's schema) for text sources.
    public var schema: Schema?
    public var schemaMode: SchemaMode = .evolve

    // Incremental runs.
    /// At most this many files per commit; a run makes as many commits as it needs.
    public var maxFiles: Int?
    /// At most about this many source bytes per commit (a commit takes at least one file). An upsert or insert
    /// holds a commit's rows until they are written (bulk insert streams them), so this bounds a run's memory:
    /// 256 MiB by default; nil for no bound.
    public var maxBytes: Int? = IngestOptions.defaultMaxBytes
    public static let defaultMaxBytes = 256 << 20
    /// Files changed since they were ingested are ingested again (else reported and left alone).
    public var reingestChanged = false
    /// For sources that rewrite files: only rows whose value in this column is above the greatest one already
    /// taken are ingested (changed files are read again, as with `reingestChanged`).
    public var sinceColumn: String?

    // Rows.
    /// CDC deletes: rows whose `deleteColumn` text equals `deleteValue` delete their key.
    public var deleteColumn: String?
    public var deleteValue: String?
    /// `SELECT ... FROM source`: SQL applied to each batch before it is validated and written.
    public var transform: String?
    /// SQL predicates over `source` every row must not make false.
    public var expectations: [String] = []
    public var onError: RowErrorPolicy = .quarantine
    /// The quarantine table (`<table>_quarantine` beside the table, chosen by the caller).
    public var quarantine: (store: any ObjectStore, path: String)?

    public init(recordKeyFields: [String], precombineField: String? = nil, partitionFields: [String] = [],
                operation: WriteOperationType = .upsert) {
        self.recordKeyFields = recordKeyFields
        self.precombineField = precombineField
        self.partitionFields = partitionFields
        self.operation = operation
    }

    /// The key, precombine and partition columns: they must exist, and never change type.
    var fixedColumns: Set<String> {
        Set(recordKeyFields + partitionFields + [precombineField].compactMap { $0 })
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
