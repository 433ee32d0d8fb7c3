/// Encodes `AvroValue`s in Avro's binary encoding against a writer schema. A record value supplies its fields
/// by name (a missing field is written as null, which the schema must allow); a union takes the first branch
/// the value fits.
public struct AvroBinaryEncoder {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func encode(_ value: AvroValue, as schema: AvroSchema, path: String = "") throws {
        switch (schema, value) {
        case (.null, .null): break
        case (.boolean, .boolean(let v)): bytes.append(v ? 1 : 0)
        case (.int, .int(let v)): long(Int64(v))
        case (.int, .long(let v)) where Int32(exactly: v) != nil: long(v)
        case (.long, .long(let v)): long(v)
        case (.long, .int(let v)): long(Int64(v))
        case (.float, .float(let v)): append(littleEndian: v.bitPattern)
        case (.double, .double(let v)): append(littleEndian: v.bitPattern)
        case (.bytes, .bytes(let v)): lengthPrefixed(v)
        case (.string, .string(let v)), (.string, .enumeration(let v)): lengthPrefixed(Array(v.utf8))
        case (.fixed(_, let size), .fixed(let v)) where v.count == size: bytes += v
        case (.enumeration(_, let symbols), .enumeration(let v)) where symbols.contains(v):
            long(Int64(symbols.firstIndex(of: v)!))
        case (.logical(let base, _), _): try encode(value, as: base, path: path)
        case (.union(let branches), _):
            guard let index = branches.firstIndex(where: { AvroBinaryEncoder.fits(value, $0) }) else {
                throw mismatch(value, schema, path)
            }
            long(Int64(index))
            try encode(value, as: branches[index], path: path)
        case (.record(_, let fields), .record(let values)):
            for field in fields {
                let fieldValue = values.first { $0.name == field.name }?.value ?? .null
                try encode(fieldValue, as: field.type, path: path + "." + field.name)
            }
        case (.array(let items), .array(let values)):
            if !values.isEmpty {
                long(Int64(values.count))
                for item in values { try encode(item, as: items, path: path + "[]") }
            }
            long(0)
        case (.map(let valueSchema), .map(let entries)):
            if !entries.isEmpty {
                long(Int64(entries.count))
                for (key, item) in entries {
                    lengthPrefixed(Array(key.utf8))
                    try encode(item, as: valueSchema, path: path + "[\(key)]")
                }
            }
            long(0)
        default:
            throw mismatch(value, schema, path)
        }
    }

    /// Whether `value` can be written as `schema` (for choosing a union branch).
    static func fits(_ value: AvroValue, _ schema: AvroSchema) -> Bool {
        switch (schema, value) {
        case (.null, .null), (.boolean, .boolean), (.int, .int), (.long, .long), (.long, .int), (.float, .float),
             (.double, .double), (.bytes, .bytes), (.string, .string), (.string, .enumeration), (.fixed, .fixed),
             (.enumeration, .enumeration), (.record, .record), (.array, .array), (.map, .map): true
        case (.logical(let base, _), _): fits(value, base)
        default: false
        }
    }

    public mutating func long(_ value: Int64) {
        var v = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func lengthPrefixed(_ data: [UInt8]) {
        long(Int64(data.count))
        bytes += data
    }

    mutating func append<T: FixedWidthInteger>(littleEndian value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private func mismatch(_ value: AvroValue, _ schema: AvroSchema, _ path: String) -> TableFormatError {
        TableFormatError(.invalidAvro, "Avro value at '\(path.isEmpty ? "<root>" : path)' does not fit its schema (\(schema)): \(value)")
    }
}

extension AvroObjectContainerFile {
    /// An object container file holding `values` in one block, codec `null`, as Hudi writes timeline files.
    public static func write(schemaJSON: String, values: [AvroValue], syncMarker: [UInt8]? = nil) throws -> [UInt8] {
        let schema = try AvroSchema(json: schemaJSON)
        var header = AvroBinaryEncoder()
        try header.encode(.map([("avro.schema", .bytes(Array(schemaJSON.utf8))), ("avro.codec", .bytes(Array("null".utf8)))]),
                          as: .map(.bytes))
        var block = AvroBinaryEncoder()
        for value in values { try block.encode(value, as: schema) }
        let sync = syncMarker ?? (0..<16).map { _ in UInt8.random(in: 0...255) }
        var out = magic + header.bytes + sync
        var counts = AvroBinaryEncoder()
        counts.long(Int64(values.count))
        counts.lengthPrefixed(block.bytes)
        out += counts.bytes + sync
        return out
    }
}
