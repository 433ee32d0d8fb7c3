/// Columnar: the in-memory format of Sluice. Types, vectors, validity, batches.
///
/// It owns no I/O and imports nothing but the standard library. Every layer above (Parquet, the table
/// format, the SQL executor) decodes into or computes over these vectors.

/// The unit of a time or timestamp value.
public enum TimeUnit: String, Sendable, Hashable, CaseIterable {
    case second = "s"
    case millisecond = "ms"
    case microsecond = "us"
    case nanosecond = "ns"

    /// How many of this unit make one second.
    public var perSecond: Int64 {
        switch self {
        case .second: 1
        case .millisecond: 1_000
        case .microsecond: 1_000_000
        case .nanosecond: 1_000_000_000
        }
    }
}

/// A logical type. Its physical layout in a `Vector` is fixed by `PhysicalLayout`.
public indirect enum DataType: Sendable, Hashable {
    /// Every value is null (Parquet's UNKNOWN / Null logical type).
    case null
    case boolean
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    /// IEEE half precision, stored as its 16 raw bits (`UInt16`).
    case float16
    case float32, float64
    /// Unscaled integer: `Int64` when precision ≤ 18, `Int128` otherwise. Precision ≤ 38.
    case decimal(precision: Int, scale: Int)
    case string
    case binary
    case fixedBinary(Int)
    /// Days since 1970-01-01, `Int32`.
    case date
    /// Time of day in `unit`, `Int64`.
    case time(TimeUnit)
    /// Since the Unix epoch in `unit`, `Int64`. `utc` is Parquet's isAdjustedToUTC.
    case timestamp(TimeUnit, utc: Bool)
    case list(Field)
    case structure([Field])
    case map(key: Field, value: Field)

    /// Width in bytes of one value in `Vector.buffer`, or nil for variable-width and nested types.
    public var fixedWidth: Int? {
        switch self {
        case .null: 0
        case .boolean, .int8, .uint8: 1
        case .int16, .uint16, .float16: 2
        case .int32, .uint32, .float32, .date: 4
        case .int64, .uint64, .float64, .time, .timestamp: 8
        case .decimal(let precision, _): precision <= 18 ? 8 : 16
        case .fixedBinary(let n): n
        case .string, .binary, .list, .structure, .map: nil
        }
    }

    /// True for string and binary: offsets + bytes.
    public var isVariableWidth: Bool {
        switch self {
        case .string, .binary: true
        default: false
        }
    }

    public var isNested: Bool {
        switch self {
        case .list, .structure, .map: true
        default: false
        }
    }

    /// The largest precision a decimal can have.
    public static let maxDecimalPrecision = 38
}

/// A named, typed slot in a schema or a struct.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: DataType
    public var nullable: Bool

    public init(_ name: String, _ type: DataType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// An ordered list of top-level fields.
public struct Schema: Sendable, Hashable {
    public var fields: [Field]
    public init(_ fields: [Field]) { self.fields = fields }

    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }
}
