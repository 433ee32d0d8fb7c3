import Columnar
import Storage

/// Finds the table schema as Java's TableSchemaResolver does: the newest completed commit whose metadata
/// records one (`extraMetadata.schema`), else the schema of a base file named in the newest commit's write
/// stats, else `hoodie.table.create.schema`. (hudi-rs looks only at the newest commit; walking back also
/// covers commits that recorded no schema, such as some clustering and delete-partition instants.)
struct TableSchemaResolver {
    let store: any ObjectStore
    let basePath: String
    let config: HoodieTableConfig
    let timeline: HoodieActiveTimeline

    /// The Avro JSON (nil when the schema came from a base file) and the data schema (meta fields removed by
    /// the caller).
    func resolve() throws -> (avro: String?, schema: Schema) {
        let commits = timeline.completedCommits
        for instant in commits.reversed() {
            if let avro = try timeline.commitMetadata(instant, store: store).schema {
                return (avro, try AvroSchema(json: avro).columnarSchema())
            }
        }
        if let latest = commits.last, config.baseFileFormat == "PARQUET",
           let path = try timeline.commitMetadata(latest, store: store).writeStats.lazy.compactMap(\.path).first {
            let reader = try HudiTable.parquetReader(store: store, key: HudiTable.key(basePath, path), size: nil, columns: [])
            return (nil, reader.schema)
        }
        if let create = config.createSchema, !create.isEmpty {
            return (create, try AvroSchema(json: create).columnarSchema())
        }
        if commits.isEmpty { return (nil, Schema([])) }
        throw TableFormatError(.invalidMetadata, "table '\(config.name)' has no schema: no commit records one, no write stat names a base file, and hoodie.properties has no create schema")
    }
}
