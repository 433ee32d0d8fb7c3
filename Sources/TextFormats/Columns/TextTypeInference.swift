import Columnar

/// The type a column of text values can take, narrowed value by value like DuckDB's sniffer: candidates are
/// tried in the order boolean, bigint, decimal (when asked), double, date, timestamp, and string is the last
/// resort. A value removes every candidate it does not parse as; NULLs remove none.
struct TextTypeInference {
    private var boolean = true
    private var bigint = true
    private var decimal = true
    private var double = true
    private var date = true
    private var timestamp = true
    private var zoned = false
    private var integerDigits = 0
    private var fractionDigits = 0
    private(set) var sawValue = false

    /// Narrows by one non-null value.
    mutating func observe(_ p: UnsafePointer<UInt8>, _ n: Int) {
        sawValue = true
        if boolean && TextParse.boolean(p, n, strict: true) == nil { boolean = false }
        if bigint && TextParse.int64(p, n) == nil { bigint = false }
        if double && TextParse.double(p, n) == nil { double = false }
        if decimal {
            if let shape = TextParse.decimalShape(p, n) {
                integerDigits = max(integerDigits, shape.integer)
                fractionDigits = max(fractionDigits, shape.fraction)
            } else {
                decimal = false
            }
        }
        if date && TextParse.date(p, n) == nil { date = false }
        if timestamp {
            if let parsed = TextParse.timestamp(p, n, unit: .microsecond) { zoned = zoned || parsed.zoned } else { timestamp = false }
        }
    }

    /// Narrows by everything `other` saw.
    mutating func merge(_ other: TextTypeInference) {
        guard other.sawValue else { return }
        guard sawValue else { self = other; return }
        boolean = boolean && other.boolean
        bigint = bigint && other.bigint
        decimal = decimal && other.decimal
        double = double && other.double
        date = date && other.date
        timestamp = timestamp && other.timestamp
        zoned = zoned || other.zoned
        integerDigits = max(integerDigits, other.integerDigits)
        fractionDigits = max(fractionDigits, other.fractionDigits)
    }

    mutating func observe(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { observe($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
    }

    /// Whether `p[0..<n]` parses as `type` (for header detection).
    static func parses(_ p: UnsafePointer<UInt8>, _ n: Int, as type: DataType) -> Bool {
        switch type {
        case .boolean: TextParse.boolean(p, n) != nil
        case .int64: TextParse.int64(p, n) != nil
        case .float64: TextParse.double(p, n) != nil
        case .decimal(let precision, let scale): TextParse.decimal(p, n, precision: precision, scale: scale) != nil
        case .date: TextParse.date(p, n) != nil
        case .timestamp: TextParse.timestamp(p, n, unit: .microsecond) != nil
        default: true
        }
    }

    /// The narrowest type left. A column that never saw a value is a string, as in DuckDB.
    func resolved(inferDecimal: Bool) -> DataType {
        guard sawValue else { return .string }
        if boolean { return .boolean }
        if bigint { return .int64 }
        let precision = max(integerDigits + fractionDigits, 1)
        if inferDecimal && decimal && precision <= DataType.maxDecimalPrecision {
            return .decimal(precision: max(precision, fractionDigits), scale: fractionDigits)
        }
        if double { return .float64 }
        if date { return .date }
        if timestamp { return .timestamp(.microsecond, utc: zoned) }
        return .string
    }
}

/// DuckDB's names for types, used in conversion messages ("could not convert 'abc' to DOUBLE").
enum TypeName {
    static func of(_ type: DataType) -> String {
        switch type {
        case .null: "NULL"
        case .boolean: "BOOLEAN"
        case .int8: "TINYINT"
        case .int16: "SMALLINT"
        case .int32: "INTEGER"
        case .int64: "BIGINT"
        case .uint8: "UTINYINT"
        case .uint16: "USMALLINT"
        case .uint32: "UINTEGER"
        case .uint64: "UBIGINT"
        case .float16, .float32: "FLOAT"
        case .float64: "DOUBLE"
        case .decimal(let p, let s): "DECIMAL(\(p),\(s))"
        case .string: "VARCHAR"
        case .binary, .fixedBinary: "BLOB"
        case .date: "DATE"
        case .time: "TIME"
        case .timestamp(_, let utc): utc ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP"
        case .list(let element): "\(of(element.type))[]"
        case .structure(let fields): "STRUCT(" + fields.map { "\($0.name) \(of($0.type))" }.joined(separator: ", ") + ")"
        case .map(let key, let value): "MAP(\(of(key.type)), \(of(value.type)))"
        }
    }
}
