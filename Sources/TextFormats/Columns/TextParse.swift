#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsers from a field's bytes to a value, over raw pointers: no String, no allocation. Surrounding spaces
/// and tabs are ignored, as DuckDB does for non-string types. Each returns nil when the text is not a value
/// of its type (the caller turns that into a conversion `RowError`).
enum TextParse {
    /// The field with leading and trailing blanks removed.
    @inline(__always)
    static func trimmed(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
        var start = 0
        var end = n
        while start < end && (p[start] == 0x20 || p[start] == 0x09) { start &+= 1 }
        while end > start && (p[end &- 1] == 0x20 || p[end &- 1] == 0x09) { end &-= 1 }
        return (p + start, end &- start)
    }

    /// A decimal integer with optional sign; nil on overflow.
    @inline(__always)
    static func int64(_ raw: UnsafePointer<UInt8>, _ rawCount: Int) -> Int64? {
        if rawCount > 0 && rawCount <= 18, let value = shortDigits(raw, rawCount) { return value }
        let (p, n) = trimmed(raw, rawCount)
        guard n > 0 else { return nil }
        var i = 0
        let negative = p[0] == UInt8(ascii: "-")
        if negative || p[0] == UInt8(ascii: "+") { i = 1 }
        guard i < n else { return nil }
        var magnitude: UInt64 = 0
        while i < n {
            let digit = p[i] &- 0x30
            guard digit < 10 else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1 && !o2 else { return nil }
            magnitude = sum
            i &+= 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// 1 to 18 ASCII digits and nothing else (most integer fields): below 10^18, so no overflow test per digit.
    /// nil for anything else (the general parser then decides).
    @inline(__always)
    static func shortDigits(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        var value: Int64 = 0
        for i in 0..<n {
            let digit = p[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int64(digit)
        }
        return value
    }

    /// `true`/`false`, `t`/`f`, `1`/`0`, `yes`/`no`, any case. `strict` accepts only `true` and `false`
    /// (what the sniffer calls boolean).
    static func boolean(_ raw: UnsafePointer<UInt8>, _ rawCount: Int, strict: Bool = false) -> Bool? {
        let (p, n) = trimmed(raw, rawCount)
        func matches(_ word: StaticString) -> Bool {
            guard n == word.utf8CodeUnitCount else { return false }
            for i in 0..<n where p[i] | 0x20 != word.utf8Start[i] { return false }
            return true
        }
        if matches("true") { return true }
        if matches("false") { return false }
        if strict { return nil }
        if matches("t") || matches("1") || matches("yes") || matches("y") { return true }
        if matches("f") || matches("0") || matches("no") || matches("n") { return false }
        return nil
    }

    static let exactPowers: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// A floating-point number, correctly rounded: Clinger's fast path when the digits fit 2^53 and the
    /// exponent is small, `strtod` otherwise. `inf`, `infinity` and `nan` in any case, with a sign.
    static func double(_ raw: UnsafePointer<UInt8>, _ rawCount: Int) -> Double? {
        let (p, n) = trimmed(raw, rawCount)
        guard n > 0 else { return nil }
        var i = 0
        let negative = p[0] == UInt8(ascii: "-")
        if negative || p[0] == UInt8(ascii: "+") { i = 1 }
        let signLength = i
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < n, case let d = p[i] &- 0x30, d < 10 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d); if mantissa > 0 { digits &+= 1 } } else { exponent &+= 1 }
            sawDigit = true
            i &+= 1
        }
        if i < n && p[i] == UInt8(ascii: ".") {
            i &+= 1
            while i < n, case let d = p[i] &- 0x30, d < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d); exponent &-= 1; if mantissa > 0 { digits &+= 1 } }
                sawDigit = true
                i &+= 1
            }
        }
        guard sawDigit else { return special(p + signLength, n - signLength, negative) }
        if i < n && (p[i] | 0x20) == UInt8(ascii: "e") {
            guard let e = smallExponent(p + i + 1, n - i - 1) else { return slow(p, n) }
            exponent &+= e
            i = n
        }
        guard i == n else { return nil }
        if digits < 19 && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * exactPowers[exponent] : m / exactPowers[-exponent]
            return negative ? -value : value
        }
        return slow(p, n)
    }

    /// A short exponent (`[+-]digits`, at most 4 digits); nil sends the caller to the slow path.
    private static func smallExponent(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        guard n > 0 else { return nil }
        var i = 0
        let negative = p[0] == UInt8(ascii: "-")
        if negative || p[0] == UInt8(ascii: "+") { i = 1 }
        guard i < n, n - i <= 4 else { return nil }
        var value = 0
        while i < n {
            let d = p[i] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
            i += 1
        }
        return negative ? -value : value
    }

    /// `strtod` over a NUL-terminated copy; the whole text must be consumed.
    private static func slow(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n < 512 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buffer in
            for i in 0..<n {
                guard p[i] != 0 else { return nil }
                buffer[i] = CChar(bitPattern: p[i])
            }
            buffer[n] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &endPointer)
            guard let endPointer, endPointer - buffer.baseAddress! == n else { return nil }
            // strtod also accepts hex floats and "nan(...)"; keep decimal text only.
            for i in 0..<n where p[i] | 0x20 == UInt8(ascii: "x") || p[i] == UInt8(ascii: "(") { return nil }
            return value
        }
    }

    private static func special(_ p: UnsafePointer<UInt8>, _ n: Int, _ negative: Bool) -> Double? {
        func matches(_ word: StaticString) -> Bool {
            guard n == word.utf8CodeUnitCount else { return false }
            for i in 0..<n where p[i] | 0x20 != word.utf8Start[i] { return false }
            return true
        }
        if matches("inf") || matches("infinity") { return negative ? -.infinity : .infinity }
        if matches("nan") { return .nan }
        return nil
    }
}

extension TextParse {
    /// A decimal unsigned integer (a leading `+` allowed); nil on overflow.
    static func uint64(_ raw: UnsafePointer<UInt8>, _ rawCount: Int) -> UInt64? {
        let (p, n) = trimmed(raw, rawCount)
        var i = n > 0 && p[0] == UInt8(ascii: "+") ? 1 : 0
        guard i < n else { return nil }
        var value: UInt64 = 0
        while i < n {
            let digit = p[i] &- 0x30
            guard digit < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1 && !o2 else { return nil }
            value = sum
            i &+= 1
        }
        return value
    }
}
