/// A Hudi timeline record (clean, rollback, savepoint and restore plans and metadata): Avro, one record per
/// object container file, codec null, in timeline layouts 1 and 2 alike. Each type carries its writer schema,
/// written with the field names and order of Hudi's `org.apache.hudi.avro.model` schemas so Java resolves them.
public protocol HoodieAvroRecord: Sendable {
    static var schemaJSON: String { get }
    var avroValue: AvroValue { get }
    init(avro: AvroValue, instant: String) throws
}

extension HoodieAvroRecord {
    /// The timeline file's bytes.
    public func serialized() throws -> [UInt8] {
        try AvroObjectContainerFile.encode([avroValue], schemaJSON: Self.schemaJSON)
    }

    /// Decodes a timeline file written by Java or by us (any writer schema with the fields we read).
    public init(bytes: [UInt8], instant: String) throws {
        let file = try AvroObjectContainerFile(bytes: bytes, name: instant)
        guard let record = file.values.first else {
            throw TableFormatError(.invalidMetadata, "instant \(instant): the Avro file holds no record")
        }
        try self.init(avro: record, instant: instant)
    }
}

/// Typed access to a decoded record's fields, with errors naming the instant and the field.
struct AvroFields {
    let value: AvroValue
    let place: String

    init(_ value: AvroValue, _ place: String) {
        self.value = value
        self.place = place
    }

    private func bad(_ field: String, _ want: String) -> TableFormatError {
        TableFormatError(.invalidMetadata, "\(place): field '\(field)' is missing or not \(want)")
    }

    func string(_ field: String) throws -> String {
        guard case .string(let s)? = value[field] else { throw bad(field, "a string") }
        return s
    }

    func optionalString(_ field: String) -> String? {
        if case .string(let s)? = value[field] { return s }
        return nil
    }

    func long(_ field: String) throws -> Int64 {
        switch value[field] {
        case .long(let v)?: return v
        case .int(let v)?: return Int64(v)
        default: throw bad(field, "a number")
        }
    }

    /// A field of `array<string>`; null or absent reads as empty (Hudi's optional lists).
    func strings(_ field: String) throws -> [String] {
        try array(field).map { item in
            guard case .string(let s) = item else { throw bad(field, "a list of strings") }
            return s
        }
    }

    func array(_ field: String) throws -> [AvroValue] {
        switch value[field] {
        case .array(let items)?: return items
        case .null?, nil: return []
        default: throw bad(field, "an array")
        }
    }

    func map(_ field: String) throws -> [(key: String, value: AvroValue)] {
        switch value[field] {
        case .map(let entries)?: return entries
        case .null?, nil: return []
        default: throw bad(field, "a map")
        }
    }

    func stringMap(_ field: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for (key, item) in try map(field) {
            guard case .string(let s) = item else { throw bad(field, "a map of strings") }
            out[key] = s
        }
        return out
    }

    func record(_ field: String) -> AvroFields? {
        guard let item = value[field], case .record = item else { return nil }
        return AvroFields(item, place + "." + field)
    }
}

extension AvroValue {
    static func strings(_ values: [String]) -> AvroValue { .array(values.map(AvroValue.string)) }

    /// A map in key order, so the same metadata always serializes to the same bytes.
    static func sortedMap<T>(_ dictionary: [String: T], _ transform: (T) -> AvroValue) -> AvroValue {
        .map(dictionary.sorted { $0.key < $1.key }.map { ($0.key, transform($0.value)) })
    }

    static func optionalStringMap(_ dictionary: [String: String]) -> AvroValue {
        dictionary.isEmpty ? .null : sortedMap(dictionary, AvroValue.string)
    }
}
