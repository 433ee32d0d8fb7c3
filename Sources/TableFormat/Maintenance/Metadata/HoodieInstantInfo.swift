/// An instant named by time and action (Avro `HoodieInstantInfo`), as rollback and restore records list them.
public struct HoodieInstantInfo: Sendable, Hashable {
    public var commitTime: String
    public var action: String

    public init(commitTime: String, action: String) {
        self.commitTime = commitTime
        self.action = action
    }

    public init(_ instant: HoodieInstant) {
        self.init(commitTime: instant.requestedTime, action: instant.action.rawValue)
    }

    static let schemaJSON = #"{"type":"record","name":"HoodieInstantInfo","namespace":"org.apache.hudi.avro.model","fields":[{"name":"commitTime","type":"string"},{"name":"action","type":"string"}]}"#

    var avroValue: AvroValue { .record([("commitTime", .string(commitTime)), ("action", .string(action))]) }

    init(_ fields: AvroFields) throws {
        self.init(commitTime: try fields.string("commitTime"), action: try fields.string("action"))
    }
}
