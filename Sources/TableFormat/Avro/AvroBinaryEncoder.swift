/// Encodes `AvroValue`s in Avro's binary encoding against a writer schema: zig-zag varints, length-prefixed
/// bytes and strings, arrays and maps as one counted block plus the closing 0, union branches by index.
///
/// A value must match its schema. A union takes the first branch the value fits, and a record field missing
/// from the value is written as null when its type allows null (Hudi's optional fields), so callers build only
/// the fields they know. Anything else throws, naming the path of the offending field.
public struct AvroBinaryEncoder {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func encode(_ value: AvroValue, as schema: AvroSchema) throws {
        try encode(value, schema, path: schema.displayName, depth: 0)
    }

    private mutating func encode(_ value: AvroValue, _ schema: AvroSchema, path: String, depth: Int) throws {
        guard depth < 128 else { throw mismatch(path, "datum nested deeper than 128 levels") }
        switch (schema, value) {
        case (.null, .null): return
        case (.boolean, .boolean(let v)): bytes.append(v ? 1 : 0)
        case (.int, .int(let v)): long(Int64(v))
        case (.long, .long(let v)): long(v)
        case (.long, .int(let v)): long(Int64(v))
        case (.float, .float(let v)): littleEndian(v.bitPattern)
        case (.double, .double(let v)): littleEndian(v.bitPattern)
        case (.bytes, .bytes(let v)): lengthPrefixed(v)
        case (.string, .string(let v)): lengthPrefixed(Array(v.utf8))
        case (.fixed(_, let size), .fixed(let v)):
            guard v.count == size else { throw mismatch(path, "fixed of \(v.count) bytes, schema says \(size)") }
            bytes += v
        case (.enumeration(let name, let symbols), .enumeration(let symbol)):
            guard let index = symbols.firstIndex(of: symbol) else { throw mismatch(path, "'\(symbol)' is not a symbol of enum \(name)") }
            long(Int64(index))
        case (.union(let branches), _):
            guard let index = branches.firstIndex(where: { AvroBinaryEncoder.fits(value, $0) }) else {
                throw mismatch(path, "\(value.kind) fits no branch of the union")
            }
            long(Int64(index))
            try encode(value, branches[index], path: path, depth: depth + 1)
        case (.record(_, let fields), .record(let values)):
            try record(values, fields, path: path, depth: depth)
        case (.array(let items), .array(let values)):
            if !values.isEmpty {
                long(Int64(values.count))
                for (i, item) in values.enumerated() { try encode(item, items, path: "\(path)[\(i)]", depth: depth + 1) }
            }
            long(0)
        case (.map(let valueSchema), .map(let entries)):
            if !entries.isEmpty {
                long(Int64(entries.count))
                for (key, item) in entries {
                    lengthPrefixed(Array(key.utf8))
                    try encode(item, valueSchema, path: "\(path)[\(key)]", depth: depth + 1)
                }
            }
            long(0)
        case (.logical(let base, _), _): try encode(value, base, path: path, depth: depth + 1)
        default: throw mismatch(path, "\(value.kind) where the schema wants \(schema.displayName)")
        }
    }

    /// Fields in schema order; a value's field the schema lacks is an error (it would be lost silently).
    private mutating func record(_ values: [(name: String, value: AvroValue)], _ fields: [AvroField], path: String,
                                 depth: Int) throws {
        let known = Set(fields.map(\.name))
        if let extra = values.first(where: { !known.contains($0.name) }) {
            throw mismatch(path, "field '\(extra.name)' is not in the schema")
        }
        for field in fields {
            let value = values.first { $0.name == field.name }?.value
            guard let value = value ?? (AvroBinaryEncoder.fits(.null, field.type) ? .null : nil) else {
                throw mismatch(path + "." + field.name, "required field missing")
            }
            try encode(value, field.type, path: path + "." + field.name, depth: depth + 1)
        }
    }

    /// Whether `value` can be written as `schema` (the union branch rule: first fit wins).
    static func fits(_ value: AvroValue, _ schema: AvroSchema) -> Bool {
        switch (schema, value) {
        case (.null, .null), (.boolean, .boolean), (.int, .int), (.long, .long), (.long, .int), (.float, .float),
             (.double, .double), (.bytes, .bytes), (.string, .string), (.array, .array), (.map, .map):
            return true
        case (.fixed(_, let size), .fixed(let v)): return v.count == size
        case (.enumeration(_, let symbols), .enumeration(let s)): return symbols.contains(s)
        case (.record(_, let fields), .record(let values)):
            let names = Set(fields.map(\.name))
            return values.allSatisfy { names.contains($0.name) }
        case (.logical(let base, _), _): return fits(value, base)
        case (.union(let branches), _): return branches.contains { fits(value, $0) }
        default: return false
        }
    }

    /// Zig-zag, then base-128 little-endian groups.
    public mutating func long(_ value: Int64) {
        var n = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while n >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        bytes.append(UInt8(n))
    }

    public mutating func lengthPrefixed(_ data: [UInt8]) {
        long(Int64(data.count))
        bytes += data
    }

    public mutating func raw(_ data: [UInt8]) {
        bytes += data
    }

    private mutating func littleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private func mismatch(_ path: String, _ why: String) -> TableFormatError {
        TableFormatError(.invalidAvro, "Avro encoding of \(path): \(why)")
    }
}

extension AvroSchema {
    /// The type's name in messages: a named type's full name, else its kind.
    var displayName: String {
        switch self {
        case .null: "null"
        case .boolean: "boolean"
        case .int: "int"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .bytes: "bytes"
        case .string: "string"
        case .record(let name, _), .enumeration(let name, _), .fixed(let name, _): name
        case .array: "array"
        case .map: "map"
        case .union: "union"
        case .logical(let base, let type): "\(base.displayName) (\(type.name))"
        }
    }
}

extension AvroValue {
    /// The value's kind in messages.
    var kind: String {
        switch self {
        case .null: "null"
        case .boolean: "boolean"
        case .int: "int"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .bytes: "bytes"
        case .string: "string"
        case .array: "array"
        case .map: "map"
        case .record: "record"
        case .enumeration: "enum symbol"
        case .fixed: "fixed"
        }
    }
}
