import Foundation

/// A decoded Avro datum. Records keep field order; union values are the chosen branch's value.
public indirect enum AvroValue: Sendable, Equatable {
    case null
    case boolean(Bool)
    case int(Int32)
    case long(Int64)
    case float(Float)
    case double(Double)
    case bytes([UInt8])
    case string(String)
    case array([AvroValue])
    case map([(key: String, value: AvroValue)])
    case record([(name: String, value: AvroValue)])
    case enumeration(String)
    case fixed([UInt8])

    public static func == (a: AvroValue, b: AvroValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.boolean(let x), .boolean(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.long(let x), .long(let y)): x == y
        case (.float(let x), .float(let y)): x == y
        case (.double(let x), .double(let y)): x == y
        case (.bytes(let x), .bytes(let y)), (.fixed(let x), .fixed(let y)): x == y
        case (.string(let x), .string(let y)), (.enumeration(let x), .enumeration(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.map(let x), .map(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.record(let x), .record(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && $0.value == $1.value }
        default: false
        }
    }

    /// The value of record field `name`.
    public subscript(field: String) -> AvroValue? {
        if case .record(let fields) = self { return fields.first { $0.name == field }?.value }
        return nil
    }

    /// The JSON shape Jackson would give the same object (what layout-1 commit metadata holds), so one parser
    /// serves both layouts: records and maps become dictionaries, bytes stay arrays of numbers.
    public var jsonObject: Any {
        switch self {
        case .null: return NSNull()
        case .boolean(let v): return v
        case .int(let v): return Int(v)
        case .long(let v): return Int(v)
        case .float(let v): return Double(v)
        case .double(let v): return v
        case .bytes(let v), .fixed(let v): return v.map { Int($0) }
        case .string(let v), .enumeration(let v): return v
        case .array(let v): return v.map(\.jsonObject)
        case .map(let entries): return Dictionary(entries.map { ($0.key, $0.value.jsonObject) }, uniquingKeysWith: { $1 })
        case .record(let fields): return Dictionary(fields.map { ($0.name, $0.value.jsonObject) }, uniquingKeysWith: { $1 })
        }
    }
}

