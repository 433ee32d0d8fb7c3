import Columnar

extension AvroSchema {
    /// The Columnar schema of a top-level Avro record, as parquet-avro lays the same record out in Parquet:
    /// `["null", T]` is a nullable T, byte and short are int, decimals are `fixed`/`bytes` + logical type.
    public func columnarSchema() throws -> Schema {
        guard case .record(let name, let fields) = nonNull.schema else {
            throw TableFormatError(.schemaMismatch, "table schema is not an Avro record")
        }
        return Schema(try fields.map { try $0.columnarField(path: name) })
    }

    func columnarType(path: String) throws -> DataType {
        switch self {
        case .null: return .null
        case .boolean: return .boolean
        case .int: return .int32
        case .long: return .int64
        case .float: return .float32
        case .double: return .float64
        case .bytes: return .binary
        case .string, .enumeration: return .string
        case .fixed(_, let size): return .fixedBinary(size)
        case .record(_, let fields): return .structure(try fields.map { try $0.columnarField(path: path) })
        case .array(let items):
            let (item, nullable) = items.nonNull
            return .list(Field("element", try item.columnarType(path: path + ".element"), nullable: nullable))
        case .map(let values):
            let (value, nullable) = values.nonNull
            return .map(key: Field("key", .string, nullable: false),
                        value: Field("value", try value.columnarType(path: path + ".value"), nullable: nullable))
        case .union(let branches):
            let (inner, _) = nonNull
            if case .union = inner {
                throw TableFormatError(.unsupported, "column '\(path)' is an Avro union of \(branches.count) types")
            }
            return try inner.columnarType(path: path)
        case .logical(let base, let logical):
            return try logicalType(base: base, logical, path: path)
        }
    }

    private func logicalType(base: AvroSchema, _ logical: LogicalType, path: String) throws -> DataType {
        switch logical.name {
        case "decimal":
            guard let precision = logical.precision, precision > 0, precision <= DataType.maxDecimalPrecision,
                  let scale = Optional(logical.scale ?? 0), scale >= 0, scale <= precision else {
                throw TableFormatError(.schemaMismatch, "column '\(path)' has an invalid decimal (precision \(logical.precision ?? 0), scale \(logical.scale ?? 0))")
            }
            return .decimal(precision: precision, scale: scale)
        case "date": return .date
        case "time-millis": return .time(.millisecond)
        case "time-micros": return .time(.microsecond)
        case "timestamp-millis": return .timestamp(.millisecond, utc: true)
        case "timestamp-micros": return .timestamp(.microsecond, utc: true)
        case "timestamp-nanos": return .timestamp(.nanosecond, utc: true)
        case "local-timestamp-millis": return .timestamp(.millisecond, utc: false)
        case "local-timestamp-micros": return .timestamp(.microsecond, utc: false)
        case "local-timestamp-nanos": return .timestamp(.nanosecond, utc: false)
        case "uuid": return .string
        default: return try base.columnarType(path: path)
        }
    }
}

extension AvroField {
    func columnarField(path: String) throws -> Field {
        let (schema, nullable) = type.nonNull
        return Field(name, try schema.columnarType(path: path + "." + name), nullable: nullable || type == .null)
    }
}
