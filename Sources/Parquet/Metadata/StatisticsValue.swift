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
    public static func compareUnsigned(_ a: [UInt8], _ b: [UInt8]) -> Int {
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
