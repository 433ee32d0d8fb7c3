import Columnar
import Parquet
import Storage

/// What a read returns and how.
public struct HudiReadOptions: Sendable {
    /// Top-level columns to return, in table order; nil returns every column.
    public var columns: [String]? = nil
    /// Rows per batch from each base file.
    public var batchSize = Batch.capacity
    /// Merge-on-read tables: read base files only. Merging log files is not supported yet, so a snapshot of a
    /// MOR table without this flag throws.
    public var readOptimized = false
    /// Conditions every returned row meets (ANDed); they also prune partitions and row groups.
    public var filters: [ScanPredicate] = []

    public init(columns: [String]? = nil, batchSize: Int = Batch.capacity, readOptimized: Bool = false,
                filters: [ScanPredicate] = []) {
        self.columns = columns
        self.batchSize = batchSize
        self.readOptimized = readOptimized
        self.filters = filters
    }
}

/// A Hudi table in an object store: its config, active timeline and schema, and snapshot, time-travel and
/// incremental reads as streams of Columnar batches.
public final class HudiTable: Sendable {
    /// The five meta columns Hudi puts first in every base file.
    public static let metaFields = ["_hoodie_commit_time", "_hoodie_commit_seqno", "_hoodie_record_key",
                                    "_hoodie_partition_path", "_hoodie_file_name"]

    public let store: any ObjectStore
    /// The table's key prefix in `store` ("" for the store's root).
    public let basePath: String
    public let config: HoodieTableConfig
    public let timeline: HoodieActiveTimeline
    /// The data schema (no meta fields) as Avro JSON, from the latest commit that recorded one, else
    /// `hoodie.table.create.schema`; nil when neither exists (the schema then comes from a base file).
    public let avroSchema: String?
    /// The schema reads return: the meta fields (when the table populates them), then the data columns.
    public let schema: Schema

    /// Opens the table at `path` (a key prefix of `store`): reads `.hoodie/hoodie.properties`, verifies its
    /// checksum, loads the active timeline and resolves the schema.
    public init(store: any ObjectStore, path: String) throws {
        self.store = store
        basePath = path.split(separator: "/").joined(separator: "/")
        config = try HudiTable.readConfig(store: store, basePath: basePath)
        timeline = try HoodieActiveTimeline.load(store: store, directory: HudiTable.key(basePath, config.timelineDirectory),
                                                 layoutVersion: try config.timelineLayoutVersion)
        let resolved = try TableSchemaResolver(store: store, basePath: basePath, config: config, timeline: timeline).resolve()
        avroSchema = resolved.avro
        let data = resolved.schema.fields.filter { !HudiTable.metaFields.contains($0.name) }
        schema = config.populatesMetaFields ? Schema(HudiTable.metaFields.map { Field($0, .string) } + data) : Schema(data)
    }

    public static func open(store: any ObjectStore, path: String) throws -> HudiTable {
        try HudiTable(store: store, path: path)
    }

    static func readConfig(store: any ObjectStore, basePath: String) throws -> HoodieTableConfig {
        let propertiesKey = key(basePath, ".hoodie/hoodie.properties")
        let bytes: [UInt8]
        do {
            bytes = try store.get(propertiesKey)
        } catch let error as StorageError where error.code == .notFound {
            throw TableFormatError(.notATable, "\(store.uri)/\(basePath) is not a Hudi table: no .hoodie/hoodie.properties")
        } catch {
            throw TableFormatError(.io, "\(store.uri)/\(propertiesKey): \(error)")
        }
        // Properties files are ISO-8859-1; every byte maps to the code point of the same value.
        let config = try HoodieTableConfig(text: String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })))
        try config.verifyChecksum()
        return config
    }

    static func key(_ base: String, _ relative: String) -> String {
        base.isEmpty ? relative : base + "/" + relative
    }

    /// The commit metadata of a completed instant.
    public func commitMetadata(_ instant: HoodieInstant) throws -> HoodieCommitMetadata {
        try timeline.commitMetadata(instant, store: store)
    }

    /// The data schema without meta fields.
    public var dataSchema: Schema {
        Schema(schema.fields.filter { !HudiTable.metaFields.contains($0.name) })
    }

    func parquetReader(key: String, size: Int?, columns: [String]?, batchSize: Int = Batch.capacity,
                       source: ObjectByteSource? = nil) throws -> ParquetFileReader {
        try HudiTable.parquetReader(store: store, key: key, size: size, columns: columns, batchSize: batchSize, source: source)
    }

    static func parquetReader(store: any ObjectStore, key: String, size: Int?, columns: [String]?,
                              batchSize: Int = Batch.capacity, source: ObjectByteSource? = nil) throws -> ParquetFileReader {
        var options = ParquetReadOptions()
        options.columns = columns
        options.batchSize = batchSize
        do {
            let source = try source ?? ObjectByteSource(store: store, key: key, size: size)
            return try ParquetFileReader(source: source, options: options)
        } catch let error as ParquetError {
            throw TableFormatError(.io, "base file '\(key)': \(error.message)")
        }
    }
}
