/// The content of `<t>.clean.requested` and `<t>.clean.inflight` (Avro `HoodieCleanerPlan`, version 2): the
/// earliest instant whose files must stay, and the full paths to delete per partition.
public struct HoodieCleanerPlan: HoodieAvroRecord, Equatable {
    /// Avro `HoodieActionInstant`.
    public struct ActionInstant: Sendable, Equatable {
        public var timestamp: String
        public var action: String
        public var state: String
    }

    public var earliestInstantToRetain: ActionInstant?
    public var lastCompletedCommitTimestamp: String
    /// `KEEP_LATEST_COMMITS`, Hudi's default (and the only policy Sluice plans).
    public var policy: String
    /// Full paths per partition path (Avro `filePathsToBeDeletedPerPartition`).
    public var filePathsToBeDeletedPerPartition: [String: [String]]
    public var extraMetadata: [String: String]
    public var version: Int32 = 2

    public init(earliestInstantToRetain: ActionInstant?, lastCompletedCommitTimestamp: String, policy: String,
                filePathsToBeDeletedPerPartition: [String: [String]], extraMetadata: [String: String] = [:]) {
        self.earliestInstantToRetain = earliestInstantToRetain
        self.lastCompletedCommitTimestamp = lastCompletedCommitTimestamp
        self.policy = policy
        self.filePathsToBeDeletedPerPartition = filePathsToBeDeletedPerPartition
        self.extraMetadata = extraMetadata
    }

    public static let schemaJSON = #"{"type":"record","name":"HoodieCleanerPlan","namespace":"org.apache.hudi.avro.model","fields":[{"name":"earliestInstantToRetain","type":["null",{"type":"record","name":"HoodieActionInstant","fields":[{"name":"timestamp","type":"string"},{"name":"action","type":"string"},{"name":"state","type":"string"}]}],"default":null},{"name":"lastCompletedCommitTimestamp","type":"string","default":""},{"name":"policy","type":"string"},{"name":"filesToBeDeletedPerPartition","type":["null",{"type":"map","values":{"type":"array","items":"string"}}],"default":null},{"name":"version","type":["int","null"],"default":1},{"name":"filePathsToBeDeletedPerPartition","type":["null",{"type":"map","values":{"type":"array","items":{"type":"record","name":"HoodieCleanFileInfo","fields":[{"name":"filePath","type":["null","string"],"default":null},{"name":"isBootstrapBaseFile","type":["null","boolean"],"default":null}]}}}],"default":null},{"name":"partitionsToBeDeleted","type":["null",{"type":"array","items":"string"}],"default":null},{"name":"extraMetadata","type":["null",{"type":"map","values":"string"}],"default":null}]}"#

    public var avroValue: AvroValue {
        let earliest: AvroValue = earliestInstantToRetain.map {
            .record([("timestamp", .string($0.timestamp)), ("action", .string($0.action)), ("state", .string($0.state))])
        } ?? .null
        return .record([
            ("earliestInstantToRetain", earliest),
            ("lastCompletedCommitTimestamp", .string(lastCompletedCommitTimestamp)),
            ("policy", .string(policy)),
            ("version", .int(version)),
            ("filePathsToBeDeletedPerPartition", .sortedMap(filePathsToBeDeletedPerPartition) { paths in
                .array(paths.map { .record([("filePath", .string($0)), ("isBootstrapBaseFile", .boolean(false))]) })
            }),
            ("partitionsToBeDeleted", .array([])),
            ("extraMetadata", .optionalStringMap(extraMetadata)),
        ])
    }

    public init(avro: AvroValue, instant: String) throws {
        let fields = AvroFields(avro, "cleaner plan \(instant)")
        if let earliest = fields.record("earliestInstantToRetain") {
            earliestInstantToRetain = ActionInstant(timestamp: try earliest.string("timestamp"), action: try earliest.string("action"),
                                                    state: try earliest.string("state"))
        }
        lastCompletedCommitTimestamp = fields.optionalString("lastCompletedCommitTimestamp") ?? ""
        policy = try fields.string("policy")
        filePathsToBeDeletedPerPartition = [:]
        for (partition, files) in try fields.map("filePathsToBeDeletedPerPartition") {
            guard case .array(let infos) = files else { throw TableFormatError(.invalidMetadata, "cleaner plan \(instant): files of '\(partition)' are not a list") }
            filePathsToBeDeletedPerPartition[partition] = infos.compactMap { AvroFields($0, "").optionalString("filePath") }
        }
        // Version 1 plans list file names per partition instead.
        for (partition, names) in try fields.map("filesToBeDeletedPerPartition") where filePathsToBeDeletedPerPartition[partition] == nil {
            guard case .array(let items) = names else { continue }
            filePathsToBeDeletedPerPartition[partition] = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        extraMetadata = try fields.stringMap("extraMetadata")
        if case .int(let v)? = avro["version"] { version = v }
    }
}
