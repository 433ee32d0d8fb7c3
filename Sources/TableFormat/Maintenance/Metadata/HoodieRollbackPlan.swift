/// The content of `<t>.rollback.requested` (Avro `HoodieRollbackPlan`): the instant to roll back and, per file
/// group or partition, the files to delete. Paths are full paths, as Java writes them.
public struct HoodieRollbackPlan: HoodieAvroRecord, Equatable {
    /// One unit of rollback work (Avro `HoodieRollbackRequest`). Copy-on-write deletes whole base files, so
    /// `fileId` and `latestBaseInstant` are empty, as Java leaves them for deletions.
    public struct Request: Sendable, Equatable {
        public var partitionPath: String
        public var fileId: String
        public var latestBaseInstant: String
        public var filesToBeDeleted: [String]

        public init(partitionPath: String, fileId: String = "", latestBaseInstant: String = "", filesToBeDeleted: [String]) {
            self.partitionPath = partitionPath
            self.fileId = fileId
            self.latestBaseInstant = latestBaseInstant
            self.filesToBeDeleted = filesToBeDeleted
        }
    }

    public var instantToRollback: HoodieInstantInfo
    public var rollbackRequests: [Request]
    public var version: Int32 = 1

    public init(instantToRollback: HoodieInstantInfo, rollbackRequests: [Request]) {
        self.instantToRollback = instantToRollback
        self.rollbackRequests = rollbackRequests
    }

    public static let schemaJSON = #"{"type":"record","name":"HoodieRollbackPlan","namespace":"org.apache.hudi.avro.model","fields":[{"name":"instantToRollback","type":["null",\#(HoodieInstantInfo.schemaJSON)],"default":null},{"name":"RollbackRequests","type":["null",{"type":"array","items":{"type":"record","name":"HoodieRollbackRequest","fields":[{"name":"partitionPath","type":"string"},{"name":"fileId","type":["null","string"],"default":null},{"name":"latestBaseInstant","type":["null","string"],"default":null},{"name":"filesToBeDeleted","type":{"type":"array","items":"string"},"default":[]},{"name":"logBlocksToBeDeleted","type":["null",{"type":"map","values":"long"}],"default":null}]}}],"default":null},{"name":"version","type":["int","null"],"default":1}]}"#

    public var avroValue: AvroValue {
        .record([
            ("instantToRollback", instantToRollback.avroValue),
            ("RollbackRequests", .array(rollbackRequests.map { request in
                .record([("partitionPath", .string(request.partitionPath)), ("fileId", .string(request.fileId)),
                         ("latestBaseInstant", .string(request.latestBaseInstant)),
                         ("filesToBeDeleted", .strings(request.filesToBeDeleted)), ("logBlocksToBeDeleted", .map([]))])
            })),
            ("version", .int(version)),
        ])
    }

    public init(avro: AvroValue, instant: String) throws {
        let fields = AvroFields(avro, "rollback plan \(instant)")
        guard let target = fields.record("instantToRollback") else {
            throw TableFormatError(.invalidMetadata, "rollback plan \(instant) names no instant to roll back")
        }
        instantToRollback = try HoodieInstantInfo(target)
        rollbackRequests = try fields.array("RollbackRequests").map { item in
            let request = AvroFields(item, "rollback plan \(instant) request")
            return Request(partitionPath: try request.string("partitionPath"), fileId: request.optionalString("fileId") ?? "",
                           latestBaseInstant: request.optionalString("latestBaseInstant") ?? "",
                           filesToBeDeleted: try request.strings("filesToBeDeleted"))
        }
        if case .int(let v)? = avro["version"] { version = v }
    }
}
