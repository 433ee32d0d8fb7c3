import Columnar
import SQLSyntax

extension SQLType {
    /// The columnar type a column declared with this SQL type holds. Spark's reading where engines differ:
    /// `TIMESTAMP` is an instant (UTC-adjusted microseconds), `TIMESTAMP_NTZ` a wall-clock time, `DECIMAL`
    /// alone is `DECIMAL(10, 0)`, and `FLOAT` and `REAL` are 32-bit.
    public func dataType() throws(PlannerError) -> DataType {
        switch self {
        case .boolean: return .boolean
        case .tinyint(let unsigned): return unsigned ? .uint8 : .int8
        case .smallint(let unsigned): return unsigned ? .uint16 : .int16
        case .integer(let unsigned): return unsigned ? .uint32 : .int32
        case .bigint(let unsigned): return unsigned ? .uint64 : .int64
        case .float, .real: return .float32
        case .double: return .float64
        case .decimal(let precision, let scale): return try Self.decimal(precision ?? 10, scale ?? 0)
        case .string, .varchar, .char: return .string
        case .binary: return .binary
        case .date: return .date
        case .timestamp: return .timestamp(.microsecond, utc: true)
        case .timestampNTZ: return .timestamp(.microsecond, utc: false)
        case .array(let element): return .list(Field("element", try element.dataType()))
        case .map(let key, let value):
            return .map(key: Field("key", try key.dataType(), nullable: false),
                        value: Field("value", try value.dataType()))
        case .struct(let fields):
            return .structure(try fields.map { field throws(PlannerError) in
                Field(field.name.name, try field.type.dataType())
            })
        case .interval, .named:
            throw PlannerError(.binder, "type \(self) cannot be stored in a column")
        }
    }

    private static func decimal(_ precision: Int, _ scale: Int) throws(PlannerError) -> DataType {
        guard (1...DataType.maxDecimalPrecision).contains(precision), (0...precision).contains(scale) else {
            throw PlannerError(.binder, "DECIMAL(\(precision), \(scale)) is out of range: precision 1 to 38, scale 0 to precision")
        }
        return .decimal(precision: precision, scale: scale)
    }
}
