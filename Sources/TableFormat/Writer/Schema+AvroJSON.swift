import Columnar
import Foundation

extension Schema {
    /// The Avro record Spark's Hudi writer records for these columns (`hoodie.table.create.schema`,
    /// `extraMetadata.schema`): record `<table>_record` in namespace `hoodie.<table>`, nullable columns as
    /// `["null", T]` with default null, decimals as `fixed` with the decimal logical type.
    public func avroSchemaJSON(tableName: String) throws -> String {
        let namespace = "hoodie.\(tableName)"
        let object: [String: Any] = ["type": "record", "name": "\(tableName)_record", "namespace": namespace,
                                     "fields": try fields.map { try $0.avroField(namespace: namespace + ".\(tableName)_record") }]
        return try AvroJSON.text(object)
    }
}

extension Field {
    func avroField(namespace: String) throws -> [String: Any] {
        let type = try self.type.avroType(name: name, namespace: namespace)
        if nullable { return ["name": name, "type": ["null", type], "default": NSNull()] }
        return ["name": name, "type": type]
    }
}

extension DataType {
    /// `name` and `namespace` name the records and fixed types this column defines, as parquet-avro does.
    func avroType(name: String, namespace: String) throws -> Any {
        switch self {
        case .boolean: return "boolean"
        case .int32: return "int"
        case .int64: return "long"
        case .float32: return "float"
        case .float64: return "double"
        case .string: return "string"
        case .binary: return "bytes"
        case .fixedBinary(let size): return ["type": "fixed", "name": name, "namespace": namespace, "size": size]
        case .decimal(let precision, let scale):
            return ["type": "fixed", "name": "fixed", "namespace": namespace + ".\(name)", "size": DataType.decimalBytes(precision),
                    "logicalType": "decimal", "precision": precision, "scale": scale]
        case .date: return ["type": "int", "logicalType": "date"]
        case .time(.millisecond): return ["type": "int", "logicalType": "time-millis"]
        case .time(.microsecond): return ["type": "long", "logicalType": "time-micros"]
        case .timestamp(let unit, let utc) where unit != .second:
            let suffix = unit == .millisecond ? "millis" : unit == .microsecond ? "micros" : "nanos"
            return ["type": "long", "logicalType": (utc ? "timestamp-" : "local-timestamp-") + suffix]
        case .list(let element):
            let item = try element.type.avroType(name: name, namespace: namespace)
            return ["type": "array", "items": element.nullable ? ["null", item] : item]
        case .map(let key, let value):
            guard case .string = key.type else {
                throw TableFormatError(.unsupported, "column '\(name)': Avro maps have string keys, not \(key.type)")
            }
            let item = try value.type.avroType(name: name, namespace: namespace)
            return ["type": "map", "values": value.nullable ? ["null", item] : item]
        case .structure(let fields):
            return ["type": "record", "name": name, "namespace": namespace,
                    "fields": try fields.map { try $0.avroField(namespace: namespace + ".\(name)") }]
        default:
            throw TableFormatError(.unsupported, "column '\(name)' has type \(self), which Avro (and so a Hudi table schema) cannot hold; use int32, int64, float32/64, decimal, string, binary, date, time or timestamp")
        }
    }

    /// The fewest bytes holding a two's-complement unscaled value of `precision` digits (parquet-avro's size).
    static func decimalBytes(_ precision: Int) -> Int {
        var bytes = 1
        while true {
            let maxValue = (0..<(8 * bytes - 1)).reduce(1.0) { value, _ in value * 2 } - 1
            if maxValue >= pow(10.0, Double(precision)) - 1 { return bytes }
            bytes += 1
        }
    }
}

/// JSON text with keys in the order Avro's Java library prints them (fields: name, type, default; types: type,
/// name, namespace, ...), no spaces.
enum AvroJSON {
    static let fieldKeys = ["name", "type", "default"]
    static let typeKeys = ["type", "name", "namespace", "fields", "items", "values", "size", "logicalType", "precision", "scale"]

    static func text(_ object: Any) throws -> String {
        var out = ""
        try write(object, into: &out)
        return out
    }

    private static func write(_ object: Any, into out: inout String) throws {
        switch object {
        case is NSNull: out += "null"
        case let text as String: out += quoted(text)
        case let number as Int: out += String(number)
        case let list as [Any]:
            out += "["
            for (i, item) in list.enumerated() {
                if i > 0 { out += "," }
                try write(item, into: &out)
            }
            out += "]"
        case let dict as [String: Any]:
            let order = Set(dict.keys).isSubset(of: fieldKeys) ? fieldKeys : typeKeys
            let keys = dict.keys.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
            out += "{"
            for (i, key) in keys.enumerated() {
                if i > 0 { out += "," }
                out += quoted(key) + ":"
                try write(dict[key]!, into: &out)
            }
            out += "}"
        default: throw TableFormatError(.invalidArgument, "cannot write \(type(of: object)) as JSON")
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
