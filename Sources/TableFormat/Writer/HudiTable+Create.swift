import Columnar
import Foundation
import Storage

extension HudiTable {
    /// Lays out a new, empty copy-on-write table at `path`: `.hoodie/hoodie.properties` with the keys Spark
    /// writes for the version (6 or 8), `hoodie.table.timeline.timezone=UTC` and the checksum last. The
    /// properties file is created with put-if-absent, so creating over an existing table fails and changes nothing.
    public static func create(store: any ObjectStore, path: String, options: HudiTableOptions) throws -> HudiTable {
        try options.validate()
        let basePath = path.split(separator: "/").joined(separator: "/")
        let config = try HoodieTableConfig(entries: try properties(options))
        let key = HudiTable.key(basePath, ".hoodie/hoodie.properties")
        // ISO-8859-1, as Java writes it; `serialized` escapes everything beyond ASCII.
        let bytes = Array(config.serialized().utf8)
        do {
            try store.putIfAbsent(key, bytes)
        } catch let error as StorageError where error.code == .alreadyExists {
            throw TableFormatError(.invalidArgument, "\(store.uri)/\(basePath) is already a Hudi table (\(key) exists)")
        } catch {
            throw TableFormatError(.io, "creating \(store.uri)/\(key): \(error)")
        }
        return try HudiTable.open(store: store, path: basePath)
    }

    /// The table properties in the order Spark writes them (the checksum is appended on serialization).
    static func properties(_ options: HudiTableOptions) throws -> [(key: String, value: String)] {
        typealias Key = HoodieTableConfig.Key
        let v8 = options.version == 8
        var entries: [(key: String, value: String)] = [
            (Key.name, options.name), (Key.type, HoodieTableConfig.TableType.copyOnWrite.rawValue),
            (Key.version, String(options.version)),
        ]
        if v8 { entries.append(("hoodie.table.initial.version", "8")) }
        entries.append((Key.timelineLayoutVersion, v8 ? "2" : "1"))
        if v8 { entries += [(Key.timelinePath, "timeline"), ("hoodie.timeline.history.path", "history")] }
        entries += [(Key.databaseName, options.databaseName), (Key.recordKeyFields, options.recordKeyFields.joined(separator: ","))]
        if let precombine = options.precombineField { entries.append((Key.precombineField, precombine)) }
        if !options.partitionFields.isEmpty { entries.append((Key.partitionFields, options.partitionFields.joined(separator: ","))) }
        let generator = options.resolvedKeyGenerator
        entries.append(v8 ? (Key.keyGeneratorType, generator.typeName) : (Key.keyGeneratorClass, generator.className))
        entries += mergeProperties(version: options.version, ordered: options.precombineField != nil)
        entries += [(Key.baseFileFormat, "PARQUET"), (Key.populateMetaFields, "true"),
                    (Key.hiveStylePartitioning, String(options.hiveStyle)), (Key.urlEncodePartitioning, String(options.urlEncode)),
                    (Key.dropPartitionColumns, "false")]
        if !v8 { entries.append(("hoodie.archivelog.folder", "archived")) }
        entries += [(Key.timelineTimezone, "UTC"), (Key.createSchema, try options.schema.avroSchemaJSON(tableName: options.name))]
        return try withExtraProperties(entries, options)
    }

    /// `options.extraProperties` after the table's own entries; an extra naming one of those must agree with it.
    private static func withExtraProperties(_ entries: [(key: String, value: String)], _ options: HudiTableOptions) throws
        -> [(key: String, value: String)]
    {
        var result = entries
        for (key, value) in options.extraProperties {
            if let own = result.first(where: { $0.key == key }) {
                guard own.value == value else {
                    throw TableFormatError(.invalidArgument, "table '\(options.name)': property '\(key)' = '\(value)' conflicts with the table's own '\(own.value)'")
                }
                continue
            }
            result.append((key, value))
        }
        return result
    }

    /// Every key `create` writes for any options, besides extra properties (and the checksum).
    public static let createdPropertyKeys: Set<String> = {
        var keys: Set<String> = [HoodieTableConfig.Key.checksum]
        for version in [6, 8] {
            var options = HudiTableOptions(name: "t", schema: Schema([Field("k", .int64), Field("p", .string)]), recordKeyFields: ["k"],
                                           precombineField: "k", partitionFields: ["p"], version: version)
            options.keyGenerator = .simple
            keys.formUnion(((try? properties(options)) ?? []).map(\.key))
            keys.formUnion(mergeProperties(version: version, ordered: false).map(\.key))
            keys.insert(HoodieTableConfig.Key.keyGeneratorClass)
            keys.insert(HoodieTableConfig.Key.keyGeneratorType)
        }
        return keys
    }()

    /// How records with one key merge: by the precombine field (event time) or by arrival (commit time).
    static func mergeProperties(version: Int, ordered: Bool) -> [(key: String, value: String)] {
        let payload = "hoodie.compaction.payload.class"
        if version == 6 {
            return ordered ? [(payload, "org.apache.hudi.common.model.DefaultHoodieRecordPayload")] : []
        }
        if ordered {
            return [("hoodie.record.merge.mode", "EVENT_TIME_ORDERING"),
                    ("hoodie.record.merge.strategy.id", "eeb8d96f-b1e4-49fd-bbf8-28ac514178e5"),
                    (payload, "org.apache.hudi.common.model.DefaultHoodieRecordPayload")]
        }
        return [("hoodie.record.merge.mode", "COMMIT_TIME_ORDERING"),
                ("hoodie.record.merge.strategy.id", "ce9acb64-bde0-424c-9b91-f6ebba25356d"),
                (payload, "org.apache.hudi.common.model.OverwriteWithLatestAvroPayload")]
    }
}
