import Foundation

/// An Avro schema (spec 1.11): primitives, records, enums, arrays, maps, unions and fixed, with logical types
/// kept as annotations. Named types are resolved while parsing, so references become the schema itself.
public indirect enum AvroSchema: Sendable, Equatable {
    case null, boolean, int, long, float, double, bytes, string
    case record(name: String, fields: [AvroField])
    case enumeration(name: String, symbols: [String])
    case array(AvroSchema)
    case map(AvroSchema)
    case union([AvroSchema])
    case fixed(name: String, size: Int)
    /// A type with a `logicalType` attribute (decimal, date, timestamp-micros, uuid...).
    case logical(AvroSchema, LogicalType)

    public struct LogicalType: Sendable, Equatable {
        public var name: String
        public var precision: Int?
        public var scale: Int?
    }

    /// Parses the schema JSON (as stored in `avro.schema` or Hudi's `extraMetadata.schema`).
    public init(json text: String) throws {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw TableFormatError(.invalidAvro, "Avro schema is not JSON: \(text.prefix(80))")
        }
        var parser = AvroSchemaParser()
        self = try parser.parse(object, namespace: nil)
    }

    /// The non-null branch of `["null", T]` and the flag saying it was nullable.
    public var nonNull: (schema: AvroSchema, nullable: Bool) {
        if case .union(let branches) = self {
            let rest = branches.filter { $0 != .null }
            if rest.count == 1, rest.count < branches.count { return (rest[0], true) }
        }
        return (self, false)
    }
}

public struct AvroField: Sendable, Equatable {
    public var name: String
    public var type: AvroSchema
}

/// Resolves names against the types defined so far, with namespaces as the spec says.
struct AvroSchemaParser {
    var named: [String: AvroSchema] = [:]
    var depth = 0

    mutating func parse(_ object: Any, namespace: String?) throws -> AvroSchema {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw TableFormatError(.invalidAvro, "Avro schema nested deeper than 64 levels") }
        if let name = object as? String { return try reference(name, namespace: namespace) }
        if let branches = object as? [Any] { return .union(try branches.map { try parse($0, namespace: namespace) }) }
        guard let dict = object as? [String: Any], let type = dict["type"] else {
            throw TableFormatError(.invalidAvro, "Avro schema element is not a name, union or object: \(object)")
        }
        var schema: AvroSchema
        if let typeName = type as? String {
            schema = try complex(typeName, dict, namespace: namespace)
        } else {
            schema = try parse(type, namespace: namespace)
        }
        if let logical = dict["logicalType"] as? String {
            schema = .logical(schema, .init(name: logical, precision: dict["precision"] as? Int, scale: dict["scale"] as? Int))
        }
        return schema
    }

    private mutating func complex(_ type: String, _ dict: [String: Any], namespace: String?) throws -> AvroSchema {
        switch type {
        case "record", "error":
            let (full, ns) = try qualified(dict, namespace)
            // Registered before the fields so a recursive reference resolves (to an empty shell).
            named[full] = .record(name: full, fields: [])
            guard let fields = dict["fields"] as? [[String: Any]] else {
                throw TableFormatError(.invalidAvro, "Avro record '\(full)' has no fields array")
            }
            var parsed: [AvroField] = []
            for field in fields {
                guard let name = field["name"] as? String, let fieldType = field["type"] else {
                    throw TableFormatError(.invalidAvro, "Avro record '\(full)' has a field without name or type")
                }
                parsed.append(AvroField(name: name, type: try parse(fieldType, namespace: ns)))
            }
            let record = AvroSchema.record(name: full, fields: parsed)
            named[full] = record
            return record
        case "enum":
            let (full, _) = try qualified(dict, namespace)
            let schema = AvroSchema.enumeration(name: full, symbols: dict["symbols"] as? [String] ?? [])
            named[full] = schema
            return schema
        case "fixed":
            let (full, _) = try qualified(dict, namespace)
            guard let size = dict["size"] as? Int, size >= 0 else {
                throw TableFormatError(.invalidAvro, "Avro fixed '\(full)' has no valid size")
            }
            let schema = AvroSchema.fixed(name: full, size: size)
            named[full] = schema
            return schema
        case "array":
            guard let items = dict["items"] else { throw TableFormatError(.invalidAvro, "Avro array without items") }
            return .array(try parse(items, namespace: namespace))
        case "map":
            guard let values = dict["values"] else { throw TableFormatError(.invalidAvro, "Avro map without values") }
            return .map(try parse(values, namespace: namespace))
        default:
            return try reference(type, namespace: namespace)
        }
    }

    private func reference(_ name: String, namespace: String?) throws -> AvroSchema {
        switch name {
        case "null": return .null
        case "boolean": return .boolean
        case "int": return .int
        case "long": return .long
        case "float": return .float
        case "double": return .double
        case "bytes": return .bytes
        case "string": return .string
        default:
            if let schema = named[name] { return schema }
            if let namespace, let schema = named[namespace + "." + name] { return schema }
            throw TableFormatError(.invalidAvro, "Avro schema refers to unknown type '\(name)'")
        }
    }

    private func qualified(_ dict: [String: Any], _ namespace: String?) throws -> (String, String?) {
        guard let name = dict["name"] as? String else { throw TableFormatError(.invalidAvro, "Avro named type without a name") }
        if name.contains(".") { return (name, String(name[..<name.lastIndex(of: ".")!])) }
        let ns = (dict["namespace"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? namespace
        return (ns.map { $0 + "." + name } ?? name, ns)
    }
}
