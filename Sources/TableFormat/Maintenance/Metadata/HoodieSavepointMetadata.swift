/// The content of a completed `<t>.savepoint` (Avro `HoodieSavepointMetadata`): the base file names that make up
/// the table as of instant t, per partition. The cleaner keeps these files while the savepoint exists.
public struct HoodieSavepointMetadata: HoodieAvroRecord, Equatable {
    public var savepointedBy: String
    /// Milliseconds since the epoch.
    public var savepointedAt: Int64
    public var comments: String
    /// Partition path → base file names.
    public var partitionMetadata: [String: [String]]

    public init(savepointedBy: String, savepointedAt: Int64, comments: String, partitionMetadata: [String: [String]]) {
        self.savepointedBy = savepointedBy
        self.savepointedAt = savepointedAt
        self.comments = comments
        self.partitionMetadata = partitionMetadata
    }

    public static let schemaJSON = #"{"type":"record","name":"HoodieSavepointMetadata","namespace":"org.apache.hudi.avro.model","fields":[{"name":"savepointedBy","type":"string"},{"name":"savepointedAt","type":"long"},{"name":"comments","type":"string"},{"name":"partitionMetadata","type":{"type":"map","values":{"type":"record","name":"HoodieSavepointPartitionMetadata","fields":[{"name":"partitionPath","type":"string"},{"name":"savepointDataFile","type":{"type":"array","items":"string"}}]}}},{"name":"version","type":["int","null"],"default":1}]}"#

    public var avroValue: AvroValue {
        .record([
            ("savepointedBy", .string(savepointedBy)), ("savepointedAt", .long(savepointedAt)), ("comments", .string(comments)),
            ("partitionMetadata", .map(partitionMetadata.sorted { $0.key < $1.key }.map { partition, files in
                (partition, .record([("partitionPath", .string(partition)), ("savepointDataFile", .strings(files))]))
            })),
            ("version", .int(1)),
        ])
    }

    public init(avro: AvroValue, instant: String) throws {
        let fields = AvroFields(avro, "savepoint metadata \(instant)")
        savepointedBy = fields.optionalString("savepointedBy") ?? ""
        savepointedAt = (try? fields.long("savepointedAt")) ?? 0
        comments = fields.optionalString("comments") ?? ""
        partitionMetadata = [:]
        for (key, item) in try fields.map("partitionMetadata") {
            partitionMetadata[key] = try AvroFields(item, "savepoint metadata \(instant) partition '\(key)'").strings("savepointDataFile")
        }
    }

    /// Every savepointed file as `<partition>/<name>` ("<name>" when non-partitioned).
    public var files: Set<String> {
        Set(partitionMetadata.flatMap { partition, names in names.map { partition.isEmpty ? $0 : partition + "/" + $0 } })
    }
}
