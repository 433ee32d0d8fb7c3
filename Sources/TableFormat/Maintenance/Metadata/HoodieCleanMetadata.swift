/// The content of a completed `<t>.clean` (Avro `HoodieCleanMetadata`, version 2): the earliest commit whose
/// files were retained, and the file names deleted per partition.
public struct HoodieCleanMetadata: HoodieAvroRecord, Equatable {
    public struct PartitionMetadata: Sendable, Equatable {
        public var partitionPath: String
        public var policy: String
        public var deletePathPatterns: [String]
        public var successDeleteFiles: [String]
        public var failedDeleteFiles: [String]
    }

    public var policy: String
    public var startCleanTime: String
    public var timeTakenInMillis: Int64
    public var totalFilesDeleted: Int32
    /// Time travel to an instant before this one may find its files gone ("" when the policy keeps versions, not commits).
    public var earliestCommitToRetain: String
    public var lastCompletedCommitTimestamp: String
    public var partitionMetadata: [String: PartitionMetadata]
    /// Sluice records the retention here (`hoodie.cleaner.commits.retained`), so a refused read can say it.
    public var extraMetadata: [String: String]
    public var version: Int32 = 2

    public init(policy: String, startCleanTime: String, timeTakenInMillis: Int64, earliestCommitToRetain: String,
                lastCompletedCommitTimestamp: String, partitionMetadata: [String: PartitionMetadata],
                extraMetadata: [String: String] = [:]) {
        self.policy = policy
        self.startCleanTime = startCleanTime
        self.timeTakenInMillis = timeTakenInMillis
        totalFilesDeleted = Int32(clamping: partitionMetadata.values.reduce(0) { $0 + $1.successDeleteFiles.count })
        self.earliestCommitToRetain = earliestCommitToRetain
        self.lastCompletedCommitTimestamp = lastCompletedCommitTimestamp
        self.partitionMetadata = partitionMetadata
        self.extraMetadata = extraMetadata
    }

    static let partitionSchemaJSON = #"{"type":"record","name":"HoodieCleanPartitionMetadata","namespace":"org.apache.hudi.avro.model","fields":[{"name":"partitionPath","type":"string"},{"name":"policy","type":"string"},{"name":"deletePathPatterns","type":{"type":"array","items":"string"}},{"name":"successDeleteFiles","type":{"type":"array","items":"string"}},{"name":"failedDeleteFiles","type":{"type":"array","items":"string"}},{"name":"isPartitionDeleted","type":["null","boolean"],"default":null}]}"#

    public static let schemaJSON = #"{"type":"record","name":"HoodieCleanMetadata","namespace":"org.apache.hudi.avro.model","fields":[{"name":"policy","type":"string","default":""},{"name":"startCleanTime","type":"string"},{"name":"timeTakenInMillis","type":"long"},{"name":"totalFilesDeleted","type":"int"},{"name":"earliestCommitToRetain","type":"string"},{"name":"lastCompletedCommitTimestamp","type":"string","default":""},{"name":"partitionMetadata","type":{"type":"map","values":\#(partitionSchemaJSON)}},{"name":"version","type":["int","null"],"default":1},{"name":"bootstrapPartitionMetadata","type":["null",{"type":"map","values":"HoodieCleanPartitionMetadata"}],"default":null},{"name":"extraMetadata","type":["null",{"type":"map","values":"string"}],"default":null}]}"#

    public var avroValue: AvroValue {
        .record([
            ("policy", .string(policy)), ("startCleanTime", .string(startCleanTime)),
            ("timeTakenInMillis", .long(timeTakenInMillis)), ("totalFilesDeleted", .int(totalFilesDeleted)),
            ("earliestCommitToRetain", .string(earliestCommitToRetain)),
            ("lastCompletedCommitTimestamp", .string(lastCompletedCommitTimestamp)),
            ("partitionMetadata", .sortedMap(partitionMetadata) { p in
                .record([("partitionPath", .string(p.partitionPath)), ("policy", .string(p.policy)),
                         ("deletePathPatterns", .strings(p.deletePathPatterns)), ("successDeleteFiles", .strings(p.successDeleteFiles)),
                         ("failedDeleteFiles", .strings(p.failedDeleteFiles)), ("isPartitionDeleted", .boolean(false))])
            }),
            ("version", .int(version)),
            ("bootstrapPartitionMetadata", .map([])),
            ("extraMetadata", .optionalStringMap(extraMetadata)),
        ])
    }

    public init(avro: AvroValue, instant: String) throws {
        let fields = AvroFields(avro, "clean metadata \(instant)")
        policy = fields.optionalString("policy") ?? ""
        startCleanTime = try fields.string("startCleanTime")
        timeTakenInMillis = try fields.long("timeTakenInMillis")
        totalFilesDeleted = Int32(clamping: try fields.long("totalFilesDeleted"))
        earliestCommitToRetain = try fields.string("earliestCommitToRetain")
        lastCompletedCommitTimestamp = fields.optionalString("lastCompletedCommitTimestamp") ?? ""
        partitionMetadata = [:]
        for (key, item) in try fields.map("partitionMetadata") {
            let p = AvroFields(item, "clean metadata \(instant) partition '\(key)'")
            partitionMetadata[key] = PartitionMetadata(partitionPath: try p.string("partitionPath"), policy: p.optionalString("policy") ?? policy,
                                                       deletePathPatterns: try p.strings("deletePathPatterns"),
                                                       successDeleteFiles: try p.strings("successDeleteFiles"),
                                                       failedDeleteFiles: try p.strings("failedDeleteFiles"))
        }
        extraMetadata = try fields.stringMap("extraMetadata")
        if case .int(let v)? = avro["version"] { version = v }
    }
}
