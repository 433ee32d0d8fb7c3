/// Turning raw `Statistics` bytes into typed bounds that are safe to prune with.
///
/// Rules (parquet.thrift `ColumnOrder`, notes §7):
/// * `min_value`/`max_value` (5/6) follow the column's sort order: signed for plain ints, DATE/TIME/TIMESTAMP
///   and DECIMAL; unsigned for UINT_* / INTEGER(isSigned: false); unsigned byte-wise for strings and binary.
/// * The deprecated `min`/`max` (2/1) were computed with signed comparison; they are used only when 5/6 are
///   absent and the column's order is signed on a numeric physical type.
/// * NaN bounds are dropped; a zero min is widened to -0.0 and a zero max to +0.0.
/// * INT96 bounds only under `INT96_TIMESTAMP_ORDER`; unknown column orders and undefined orders (INTERVAL,
///   LIST, MAP, unknown logical types) give no bounds. Absent counts stay absent (absent != 0).

/// A typed statistics bound. Values of different cases do not compare.
public enum StatisticsValue: Sendable, Hashable {
    case bool(Bool)
    /// Signed integers (and DATE, TIME, TIMESTAMP, DECIMAL on INT32/INT64).
    case int(Int64)
    /// Unsigned integers; a UINT_64 stored as INT64 -1 is `UInt64.max`.
    case uint(UInt64)
    /// FLOAT, DOUBLE and FLOAT16, never NaN.
    case double(Double)
    /// Strings, binary, FIXED_LEN_BYTE_ARRAY: compared unsigned byte-wise.
    case bytes([UInt8])
    /// DECIMAL on BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY: big-endian two's complement, compared by value.
    case decimalBytes([UInt8])
    /// INT96 timestamps, compared by (julianDay, nanosOfDay).
    case int96(nanosOfDay: Int64, julianDay: Int32)

    /// -1, 0 or 1; nil when the two values are of different kinds.
    public func compare(to other: StatisticsValue) -> Int? {
        switch (self, other) {
        case (.bool(let a), .bool(let b)): a == b ? 0 : (a ? 1 : -1)
        case (.int(let a), .int(let b)): a < b ? -1 : (a == b ? 0 : 1)
        case (.uint(let a), .uint(let b)): a < b ? -1 : (a == b ? 0 : 1)
        case (.double(let a), .double(let b)): a < b ? -1 : (a == b ? 0 : 1)
        case (.bytes(let a), .bytes(let b)): Self.compareUnsigned(a, b)
        case (.decimalBytes(let a), .decimalBytes(let b)): Self.compareDecimal(a, b)
        case (.int96(let an, let ad), .int96(let bn, let bd)):
            ad != bd ? (ad < bd ? -1 : 1) : (an < bn ? -1 : (an == bn ? 0 : 1))
        default: nil
        }
    }

    /// Lexicographic, unsigned bytes; a prefix sorts first.
    static func compareUnsigned(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Big-endian two's complement of any lengths: sign-extend the shorter, then compare with the sign bit
    /// flipped.
    static func compareDecimal(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let width = max(a.count, b.count)
        func byte(_ v: [UInt8], _ i: Int) -> UInt8 {
            let pad = width - v.count
            if i < pad { return v.first.map { $0 & 0x80 != 0 ? 0xFF : 0 } ?? 0 }
            return v[i - pad]
        }
        for i in 0..<width {
            var x = byte(a, i), y = byte(b, i)
            if i == 0 { x ^= 0x80; y ^= 0x80 }
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}

/// How a column's values are ordered for statistics.
public enum StatisticsSortOrder: Sendable, Hashable {
    case signed, unsigned, undefined

    /// The order TYPE_ORDER defines for a leaf: logical type first, then converted type, then physical type.
    public init(_ leaf: SchemaElement) {
        if let logical = leaf.logicalType {
            self = Self.order(logical)
        } else if let converted = leaf.convertedType {
            self = Self.order(converted)
        } else {
            switch leaf.type {
            case .boolean, .int32, .int64, .float, .double: self = .signed
            case .byteArray, .fixedLenByteArray: self = .unsigned
            case .int96, nil: self = .undefined
            }
        }
    }

    private static func order(_ logical: LogicalType) -> StatisticsSortOrder {
        switch logical {
        case .string, .enumeration, .json, .bson, .uuid: .unsigned
        case .decimal, .date, .time, .timestamp, .float16: .signed
        case .integer(_, let isSigned): isSigned ? .signed : .unsigned
        case .map, .list, .unknown, .other: .undefined
        }
    }

    private static func order(_ converted: ConvertedType) -> StatisticsSortOrder {
        switch converted {
        case .utf8, .enumeration, .json, .bson: .unsigned
        case .uint8, .uint16, .uint32, .uint64: .unsigned
        case .decimal, .date, .timeMillis, .timeMicros, .timestampMillis, .timestampMicros: .signed
        case .int8, .int16, .int32, .int64: .signed
        default: .undefined
        }
    }
}

/// Statistics of one column chunk or page, interpreted for its leaf.
public struct ColumnStatistics: Sendable, Hashable {
    /// Lower bound of the non-null, non-NaN values (possibly truncated: see `isMinExact`).
    public var min: StatisticsValue?
    public var max: StatisticsValue?
    /// nil when the writer did not say.
    public var isMinExact: Bool?
    public var isMaxExact: Bool?
    /// nil when absent, which does not mean 0.
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var nanCount: Int64?

    public init() {}
}
