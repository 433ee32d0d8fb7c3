import Sluice

extension DataType {
    /// A short SQL-like name for listings: `INT`, `DECIMAL(10,5)`, `ARRAY<STRUCT<a: STRING>>`.
    var sqlName: String {
        switch self {
        case .null: "NULL"
        case .boolean: "BOOLEAN"
        case .int8: "TINYINT"
        case .int16: "SMALLINT"
        case .int32: "INT"
        case .int64: "BIGINT"
        case .uint8: "UTINYINT"
        case .uint16: "USMALLINT"
        case .uint32: "UINT"
        case .uint64: "UBIGINT"
        case .float16: "HALF"
        case .float32: "FLOAT"
        case .float64: "DOUBLE"
        case .decimal(let p, let s): "DECIMAL(\(p),\(s))"
        case .string: "STRING"
        case .binary: "BINARY"
        case .fixedBinary(let n): "FIXED(\(n))"
        case .date: "DATE"
        case .time(let unit): "TIME(\(unit.rawValue))"
        case .timestamp(let unit, let utc): utc ? "TIMESTAMP(\(unit.rawValue), UTC)" : "TIMESTAMP(\(unit.rawValue))"
        case .list(let element): "ARRAY<\(element.type.sqlName)>"
        case .map(let key, let value): "MAP<\(key.type.sqlName), \(value.type.sqlName)>"
        case .structure(let fields): "STRUCT<" + fields.map { "\($0.name): \($0.type.sqlName)" }.joined(separator: ", ") + ">"
        }
    }
}
