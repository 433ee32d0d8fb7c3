import Columnar
import SQLSyntax

extension DataType {
    /// The SQL type that declares a column of this type (the inverse of `SQLType.dataType()`), for SHOW CREATE
    /// TABLE; nil for types no DDL declares (time, non-microsecond timestamps, fixed binary, float16).
    public var declaredSQLType: SQLType? {
        switch self {
        case .boolean: return .boolean
        case .int8: return .tinyint(unsigned: false)
        case .int16: return .smallint(unsigned: false)
        case .int32: return .integer(unsigned: false)
        case .int64: return .bigint(unsigned: false)
        case .uint8: return .tinyint(unsigned: true)
        case .uint16: return .smallint(unsigned: true)
        case .uint32: return .integer(unsigned: true)
        case .uint64: return .bigint(unsigned: true)
        case .float32: return .float
        case .float64: return .double
        case .decimal(let precision, let scale): return .decimal(precision: precision, scale: scale)
        case .string: return .string
        case .binary: return .binary
        case .date: return .date
        case .timestamp(.microsecond, utc: let utc): return utc ? .timestamp : .timestampNTZ
        case .list(let element): return element.type.declaredSQLType.map { .array($0) }
        case .map(let key, let value):
            guard let k = key.type.declaredSQLType, let v = value.type.declaredSQLType else { return nil }
            return .map(key: k, value: v)
        case .structure(let fields):
            var declared: [StructField] = []
            for field in fields {
                guard let type = field.type.declaredSQLType else { return nil }
                declared.append(StructField(name: Identifier(field.name, isQuoted: true), type: type))
            }
            return .struct(declared)
        default: return nil
        }
    }
}
