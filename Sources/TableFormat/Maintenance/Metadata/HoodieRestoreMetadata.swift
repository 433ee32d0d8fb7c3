/// The content of `<t>.restore.requested` (Avro `HoodieRestorePlan`): the instants a restore rolls back, newest
/// first, and the savepoint it restores to, if any.
public struct HoodieRestorePlan: HoodieAvroRecord, Equatable {
    public var instantsToRollback: [HoodieInstantInfo]
    public var savepointToRestoreTimestamp: String?
    public var version: Int32 = 2

    public init(instantsToRollback: [HoodieInstantInfo], savepointToRestoreTimestamp: String?) {
        self.instantsToRollback = instantsToRollback
        self.savepointToRestoreTimestamp = savepointToRestoreTimestamp
    }

    public static let schemaJSON = #"{"type":"record","name":"HoodieRestorePlan","namespace":"org.apache.hudi.avro.model","fields":[{"name":"instantsToRollback","type":{"type":"array","items":\#(HoodieInstantInfo.schemaJSON)},"default":[]},{"name":"version","type":["int","null"],"default":2},{"name":"savepointToRestoreTimestamp","type":["null","string"],"default":null}]}"#

    public var avroValue: AvroValue {
        .record([("instantsToRollback", .array(instantsToRollback.map(\.avroValue))), ("version", .int(version)),
                 ("savepointToRestoreTimestamp", savepointToRestoreTimestamp.map(AvroValue.string) ?? .null)])
    }

    public init(avro: AvroValue, instant: String) throws {
        let fields = AvroFields(avro, "restore plan \(instant)")
        instantsToRollback = try fields.array("instantsToRollback").map { try HoodieInstantInfo(AvroFields($0, "restore plan \(instant)")) }
        savepointToRestoreTimestamp = fields.optionalString("savepointToRestoreTimestamp")
        if case .int(let v)? = avro["version"] { version = v }
    }
}

/// The content of a completed `<t>.restore` (Avro `HoodieRestoreMetadata`): every instant rolled back, with its
/// rollback metadata keyed by instant time.
public struct HoodieRestoreMetadata: HoodieAvroRecord, Equatable {
    public var startRestoreTime: String
    public var timeTakenInMillis: Int64
    public var instantsToRollback: [String]
    public var hoodieRestoreMetadata: [String: [HoodieRollbackMetadata]]
    public var restoreInstantInfo: [HoodieInstantInfo]
    public var version: Int32 = 1

    public init(startRestoreTime: String, timeTakenInMillis: Int64, rollbacks: [(HoodieInstantInfo, HoodieRollbackMetadata)]) {
        self.startRestoreTime = startRestoreTime
        self.timeTakenInMillis = timeTakenInMillis
        instantsToRollback = rollbacks.map(\.0.commitTime)
        hoodieRestoreMetadata = Dictionary(rollbacks.map { ($0.0.commitTime, [$0.1]) }, uniquingKeysWith: +)
        restoreInstantInfo = rollbacks.map(\.0)
    }

    public static let schemaJSON = #"{"type":"record","name":"HoodieRestoreMetadata","namespace":"org.apache.hudi.avro.model","fields":[{"name":"startRestoreTime","type":"string"},{"name":"timeTakenInMillis","type":"long"},{"name":"instantsToRollback","type":{"type":"array","items":"string"}},{"name":"hoodieRestoreMetadata","type":{"type":"map","values":{"type":"array","items":["null",\#(HoodieRollbackMetadata.recordSchemaJSON)]}}},{"name":"version","type":["int","null"],"default":1},{"name":"restoreInstantInfo","type":{"type":"array","items":"HoodieInstantInfo"},"default":[]},{"name":"extraMetadata","type":["null",{"type":"map","values":"string"}],"default":null}]}"#

    public var avroValue: AvroValue {
        .record([
            ("startRestoreTime", .string(startRestoreTime)), ("timeTakenInMillis", .long(timeTakenInMillis)),
            ("instantsToRollback", .strings(instantsToRollback)),
            ("hoodieRestoreMetadata", .sortedMap(hoodieRestoreMetadata) { .array($0.map(\.avroValue)) }),
            ("version", .int(version)), ("restoreInstantInfo", .array(restoreInstantInfo.map(\.avroValue))),
        ])
    }

    public init(avro: AvroValue, instant: String) throws {
        let fields = AvroFields(avro, "restore metadata \(instant)")
        startRestoreTime = try fields.string("startRestoreTime")
        timeTakenInMillis = try fields.long("timeTakenInMillis")
        instantsToRollback = try fields.strings("instantsToRollback")
        hoodieRestoreMetadata = [:]
        for (key, item) in try fields.map("hoodieRestoreMetadata") {
            guard case .array(let entries) = item else { throw TableFormatError(.invalidMetadata, "restore metadata \(instant): entry '\(key)' is not a list") }
            hoodieRestoreMetadata[key] = try entries.filter { $0 != .null }.map { try HoodieRollbackMetadata(avro: $0, instant: instant) }
        }
        restoreInstantInfo = try fields.array("restoreInstantInfo").map { try HoodieInstantInfo(AvroFields($0, "restore metadata \(instant)")) }
        if case .int(let v)? = avro["version"] { version = v }
    }
}
