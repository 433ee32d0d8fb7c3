/// The content of a completed `<t>.rollback` (Avro `HoodieRollbackMetadata`): which instants were rolled back
/// and, per partition, the files deleted. Also the per-instant entries of a restore.
public struct HoodieRollbackMetadata: HoodieAvroRecord, Equatable {
    public struct PartitionMetadata: Sendable, Equatable {
        public var partitionPath: String
        public var successDeleteFiles: [String]
        public var failedDeleteFiles: [String]

        public init(partitionPath: String, successDeleteFiles: [String], failedDeleteFiles: [String]) {
            self.partitionPath = partitionPath
            self.successDeleteFiles = successDeleteFiles
            self.failedDeleteFiles = failedDeleteFiles
        }
    }

    public var startRollbackTime: String
    public var timeTakenInMillis: Int64
    public var totalFilesDeleted: Int32
    public var commitsRollback: [String]
    public var partitionMetadata: [String: PartitionMetadata]
    public var instantsRollback: [HoodieInstantInfo]
    public var version: Int32 = 1

    public init(startRollbackTime: String, timeTakenInMillis: Int64, commitsRollback: [HoodieInstantInfo],
                partitionMetadata: [String: PartitionMetadata]) {
        self.startRollbackTime = startRollbackTime
        self.timeTakenInMillis = timeTakenInMillis
        totalFilesDeleted = Int32(clamping: partitionMetadata.values.reduce(0) { $0 + $1.successDeleteFiles.count })
        self.commitsRollback = commitsRollback.map(\.commitTime)
        self.partitionMetadata = partitionMetadata
        instantsRollback = commitsRollback
    }

    /// The record schema alone, for nesting in `HoodieRestoreMetadata` (it defines `HoodieInstantInfo`).
    static let recordSchemaJSON = #"{"type":"record","name":"HoodieRollbackMetadata","namespace":"org.apache.hudi.avro.model","fields":[{"name":"startRollbackTime","type":"string"},{"name":"timeTakenInMillis","type":"long"},{"name":"totalFilesDeleted","type":"int"},{"name":"commitsRollback","type":{"type":"array","items":"string"}},{"name":"partitionMetadata","type":{"type":"map","values":{"type":"record","name":"HoodieRollbackPartitionMetadata","fields":[{"name":"partitionPath","type":"string"},{"name":"successDeleteFiles","type":{"type":"array","items":"string"}},{"name":"failedDeleteFiles","type":{"type":"array","items":"string"}},{"name":"rollbackLogFiles","type":["null",{"type":"map","values":"long"}],"default":null},{"name":"logFilesFromFailedCommit","type":["null",{"type":"map","values":"long"}],"default":null}]}}},{"name":"version","type":["int","null"],"default":1},{"name":"instantsRollback","type":{"type":"array","items":\#(HoodieInstantInfo.schemaJSON)},"default":[]}]}"#

    public static var schemaJSON: String { recordSchemaJSON }

    public var avroValue: AvroValue {
        .record([
            ("startRollbackTime", .string(startRollbackTime)), ("timeTakenInMillis", .long(timeTakenInMillis)),
            ("totalFilesDeleted", .int(totalFilesDeleted)), ("commitsRollback", .strings(commitsRollback)),
            ("partitionMetadata", .sortedMap(partitionMetadata) { partition in
                .record([("partitionPath", .string(partition.partitionPath)),
                         ("successDeleteFiles", .strings(partition.successDeleteFiles)),
                         ("failedDeleteFiles", .strings(partition.failedDeleteFiles)),
                         ("rollbackLogFiles", .map([])), ("logFilesFromFailedCommit", .map([]))])
            }),
            ("version", .int(version)),
            ("instantsRollback", .array(instantsRollback.map(\.avroValue))),
        ])
    }

    public init(avro: AvroValue, instant: String) throws {
        let fields = AvroFields(avro, "rollback metadata \(instant)")
        startRollbackTime = try fields.string("startRollbackTime")
        timeTakenInMillis = try fields.long("timeTakenInMillis")
        totalFilesDeleted = Int32(clamping: try fields.long("totalFilesDeleted"))
        commitsRollback = try fields.strings("commitsRollback")
        partitionMetadata = [:]
        for (key, item) in try fields.map("partitionMetadata") {
            let partition = AvroFields(item, "rollback metadata \(instant) partition '\(key)'")
            partitionMetadata[key] = PartitionMetadata(partitionPath: try partition.string("partitionPath"),
                                                       successDeleteFiles: try partition.strings("successDeleteFiles"),
                                                       failedDeleteFiles: try partition.strings("failedDeleteFiles"))
        }
        instantsRollback = try fields.array("instantsRollback").map { try HoodieInstantInfo(AvroFields($0, "rollback metadata \(instant)")) }
        if case .int(let v)? = avro["version"] { version = v }
    }
}
