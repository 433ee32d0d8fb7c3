/// One boxed value. For tests, printing and row-at-a-time edges (CSV cells, SQL literals); never for hot loops.
public indirect enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Signed integers of any width, date (days), time and timestamp (in the type's unit).
    case int(Int64)
    /// Unsigned integers of any width.
    case uint(UInt64)
    /// float16 (widened), float32 (widened) and float64.
    case float(Double)
    /// Unscaled value; the scale comes from the type.
    case decimal(Int128)
    case string(String)
    /// binary and fixed binary.
    case bytes([UInt8])
    case list([Value])
    case structure([Value])
    case map([(key: Value, value: Value)])

    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.uint(let a), .uint(let b)): a == b
        case (.float(let a), .float(let b)): a == b || (a.isNaN && b.isNaN)
        case (.decimal(let a), .decimal(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.bytes(let a), .bytes(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.structure(let a), .structure(let b)): a == b
        case (.map(let a), .map(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let v): hasher.combine(v)
        case .int(let v): hasher.combine(v)
        case .uint(let v): hasher.combine(v)
        case .float(let v): hasher.combine(v.isNaN ? Double.nan.bitPattern : v.bitPattern)
        case .decimal(let v): hasher.combine(v)
        case .string(let v): hasher.combine(v)
        case .bytes(let v): hasher.combine(v)
        case .list(let v), .structure(let v): hasher.combine(v)
        case .map(let v):
            for entry in v {
                hasher.combine(entry.key)
                hasher.combine(entry.value)
            }
        }
    }
}
