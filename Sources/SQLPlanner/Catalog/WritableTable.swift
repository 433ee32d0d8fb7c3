import Columnar

/// How one write treats its rows: Hudi's write operations, which a keyed table (a primary key) honours and a
/// keyless one reduces to appends and replacements.
public enum TableWriteOperation: Hashable, Sendable {
    /// New rows; keys are not looked up (a key already present is written again).
    case insert
    /// Rows whose key exists replace it (the greater `preCombineField` wins), the rest are inserted.
    case upsert
    /// Rows carry at least the key and partition columns; those keys are removed.
    case delete
    /// Replaces every row of the partitions the rows fall in (the whole table when unpartitioned).
    case overwritePartitions
    /// Replaces every row of the table.
    case overwriteTable
}

/// One write: the operation and, for MERGE, the column of the incoming batches (not of the table) whose TRUE
/// rows are deletes within an upsert. The column is stripped before anything is written.
public struct TableWrite: Hashable, Sendable {
    public var operation: TableWriteOperation
    public var deleteMarkerColumn: String?
    /// Recorded with the commit (a Hudi table's `extraMetadata`); formats without commit metadata ignore it.
    public var extraMetadata: [String: String]
    /// `.overwritePartitions` from a PARTITION clause that gives every partition column a value (table column
    /// name → value of its type): that partition is replaced even when the query yields no row for it.
    public var staticPartition: [String: Value]

    public init(_ operation: TableWriteOperation, deleteMarkerColumn: String? = nil, extraMetadata: [String: String] = [:],
                staticPartition: [String: Value] = [:]) {
        self.operation = operation
        self.deleteMarkerColumn = deleteMarkerColumn
        self.extraMetadata = extraMetadata
        self.staticPartition = staticPartition
    }
}

/// What a committed write did.
public struct TableWriteResult: Hashable, Sendable {
    /// The incoming rows written (inserted, updated or deleted).
    public var rowCount: Int
    /// The version the write created (a Hudi instant time), nil for unversioned tables.
    public var version: String?

    public init(rowCount: Int, version: String? = nil) {
        self.rowCount = rowCount
        self.version = version
    }
}

/// A table's keys and options: what CREATE TABLE asks for, and what DESCRIBE EXTENDED and SHOW CREATE TABLE show.
/// Names follow Hudi's Spark SQL table properties.
public struct TableProperties: Hashable, Sendable {
    /// `primaryKey`: the record key columns; empty for a keyless table.
    public var primaryKey: [String]
    /// `preCombineField`: of two rows with one key, the greater value of this column wins.
    public var preCombineField: String?
    /// `PARTITIONED BY`.
    public var partitionFields: [String]
    /// `type`: `cow` or `mor`; nil where the format has no table type.
    public var tableType: String?
    /// Where the table lives (a path or object URI); nil in memory.
    public var location: String?
    /// The table format's version (Hudi's `hoodie.table.version`).
    public var tableVersion: Int?
    /// Any other TBLPROPERTIES, by key (`hoodie.*`).
    public var options: [String: String]

    public init(primaryKey: [String] = [], preCombineField: String? = nil, partitionFields: [String] = [],
                tableType: String? = nil, location: String? = nil, tableVersion: Int? = nil, options: [String: String] = [:]) {
        self.primaryKey = primaryKey
        self.preCombineField = preCombineField
        self.partitionFields = partitionFields
        self.tableType = tableType
        self.location = location
        self.tableVersion = tableVersion
        self.options = options
    }
}

/// A table to create: name, columns and properties.
public struct TableDefinition: Hashable, Sendable {
    public var name: String
    public var schema: Schema
    public var properties: TableProperties

    public init(name: String, schema: Schema, properties: TableProperties = TableProperties()) {
        self.name = name
        self.schema = schema
        self.properties = properties
    }
}

/// A table SQL writes with keyed operations, each write one commit: all of it or, when it throws, nothing.
public protocol WritableTable: MutableTableProvider {
    var properties: TableProperties { get }
    /// The columns a write supplies, in table order: `schema` without a format's own columns (Hudi's meta fields).
    var dataSchema: Schema { get }
    /// Writes the batches `next` yields (the columns of `schema`, by name, plus any delete marker) as one commit.
    /// A throw from `next` or from the write leaves the table as it was.
    @discardableResult
    func write(_ write: TableWrite, next: () throws -> Batch?) throws -> TableWriteResult
    /// Evolves the table to `schema`: the same columns in order, some widened, new nullable ones at the end.
    /// Rows written before read the new columns as NULL.
    func alterSchema(_ schema: Schema) throws
}

extension WritableTable {
    @discardableResult
    public func write(_ write: TableWrite, batches: [Batch]) throws -> TableWriteResult {
        var iterator = batches.makeIterator()
        return try self.write(write, next: { iterator.next() })
    }

    public func append(_ batches: [Batch]) throws { try write(TableWrite(.insert), batches: batches) }

    public func replace(with batches: [Batch]) throws { try write(TableWrite(.overwriteTable), batches: batches) }
}

/// A catalog that creates tables with keys and properties and drops them with their data.
public protocol WritableCatalog: Catalog {
    /// Creates an empty table; throws a Catalog Error if one has the name.
    func create(_ definition: TableDefinition) throws -> any WritableTable
    /// Drops the table; `purge` also deletes data a catalog would otherwise keep.
    func drop(_ name: String, purge: Bool) throws
}

extension WritableCatalog {
    public func create(_ name: String, schema: Schema) throws -> any TableProvider {
        try create(TableDefinition(name: name, schema: schema))
    }

    public func drop(_ name: String) throws { try drop(name, purge: false) }
}
