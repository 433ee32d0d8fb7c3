import Columnar

/// Type facts the executor needs: SQL names for messages, numeric classes and the promotion lattice.
extension DataType {
    /// The name messages use: INT32, DOUBLE, DECIMAL(18,2), VARCHAR...
    public var sqlName: String {
        switch self {
        case .null: "NULL"
        case .boolean: "BOOLEAN"
        case .int8: "INT8"
        case .int16: "INT16"
        case .int32: "INT32"
        case .int64: "INT64"
        case .uint8: "UINT8"
        case .uint16: "UINT16"
        case .uint32: "UINT32"
        case .uint64: "UINT64"
        case .float16: "FLOAT16"
        case .float32: "FLOAT"
        case .float64: "DOUBLE"
        case .decimal(let p, let s): "DECIMAL(\(p),\(s))"
        case .string: "VARCHAR"
        case .binary: "BLOB"
        case .fixedBinary(let n): "FIXED_BLOB(\(n))"
        case .date: "DATE"
        case .time: "TIME"
        case .timestamp(_, let utc): utc ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP"
        case .list(let f): "\(f.type.sqlName)[]"
        case .structure(let fs): "STRUCT(" + fs.map { "\($0.name) \($0.type.sqlName)" }.joined(separator: ", ") + ")"
        case .map(let k, let v): "MAP(\(k.type.sqlName), \(v.type.sqlName))"
        }
    }

    public var isSignedInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: true
        default: false
        }
    }

    public var isUnsignedInteger: Bool {
        switch self {
        case .uint8, .uint16, .uint32, .uint64: true
        default: false
        }
    }

    public var isInteger: Bool { isSignedInteger || isUnsignedInteger }

    public var isFloatingPoint: Bool {
        switch self {
        case .float16, .float32, .float64: true
        default: false
        }
    }

    public var isDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }

    public var isNumeric: Bool { isInteger || isFloatingPoint || isDecimal }

    public var isTemporal: Bool {
        switch self {
        case .date, .time, .timestamp: true
        default: false
        }
    }

    /// Decimal digits an integer type needs, for promotion to decimal.
    var integerDigits: Int? {
        switch self {
        case .int8, .uint8: 3
        case .int16, .uint16: 5
        case .int32, .uint32: 10
        case .int64: 19
        case .uint64: 20
        default: nil
        }
    }

    /// Byte width of an integer type.
    var integerWidth: Int { fixedWidth ?? 0 }
}

/// The promotion rules arithmetic and comparison use to give both operands one type.
public enum TypePromotion {
    /// The smallest type both `a` and `b` convert to without loss (or to DOUBLE when none exists).
    public static func common(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if case .null = a { return b }
        if case .null = b { return a }
        if a.isNumeric && b.isNumeric { return commonNumeric(a, b) }
        switch (a, b) {
        case (.string, _) where b.isTemporal || b.isNumeric || b == .boolean: return b
        case (_, .string) where a.isTemporal || a.isNumeric || a == .boolean: return a
        case (.date, .timestamp), (.timestamp, .date): return a == .date ? b : a
        case (.timestamp(let u1, let z1), .timestamp(let u2, let z2)):
            return .timestamp(finer(u1, u2), utc: z1 || z2)
        case (.binary, .string), (.string, .binary): return .binary
        default: return nil
        }
    }

    static func finer(_ a: TimeUnit, _ b: TimeUnit) -> TimeUnit { a.perSecond >= b.perSecond ? a : b }

    static func commonNumeric(_ a: DataType, _ b: DataType) -> DataType {
        if a.isFloatingPoint || b.isFloatingPoint { return .float64 }
        if case .decimal(let p1, let s1) = a, case .decimal(let p2, let s2) = b {
            let scale = max(s1, s2)
            let whole = max(p1 - s1, p2 - s2)
            return whole + scale <= 38 ? .decimal(precision: whole + scale, scale: scale) : .float64
        }
        if case .decimal = a, let digits = b.integerDigits {
            return commonNumeric(a, .decimal(precision: digits, scale: 0))
        }
        if case .decimal = b, let digits = a.integerDigits {
            return commonNumeric(.decimal(precision: digits, scale: 0), b)
        }
        return commonInteger(a, b)
    }

    static func commonInteger(_ a: DataType, _ b: DataType) -> DataType {
        if a.isSignedInteger == b.isSignedInteger { return a.integerWidth >= b.integerWidth ? a : b }
        let (signed, unsigned) = a.isSignedInteger ? (a, b) : (b, a)
        if signed.integerWidth > unsigned.integerWidth { return signed }
        switch unsigned.integerWidth {
        case 1: return .int16
        case 2: return .int32
        case 4: return .int64
        default: return .decimal(precision: 20, scale: 0)
        }
    }
}
