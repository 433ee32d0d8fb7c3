import Foundation

/// Renders values the way SQLite's reference runner prints them (slt_sqlite.c), so expected results written by
/// SQLite compare as strings:
/// * NULL is `NULL` whatever the column type;
/// * `I`: the value coerced to an integer (reals truncate toward zero, text uses its numeric prefix) and cut to
///   32 bits, as `sqlite3_column_int` does;
/// * `R`: `%.3f`;
/// * `T`: the text, `(empty)` for an empty string, every byte outside `' '...'~'` as `@`; integers as `%d`,
///   reals as `%!.15g` (always with a point: `1.0`).
public enum ResultFormatter {
    public static func render(_ value: ResultValue, as type: ColumnType) -> String {
        if case .null = value { return "NULL" }
        switch type {
        case .integer: return String(Int32(truncatingIfNeeded: integer(value)))
        case .real: return fixedThreeDecimals(real(value))
        default: return text(value)
        }
    }

    static func integer(_ value: ResultValue) -> Int64 {
        switch value {
        case .null: return 0
        case .integer(let integer): return integer
        case .boolean(let flag): return flag ? 1 : 0
        case .real(let real): return truncated(real)
        case .text(let text): return truncated(numericPrefix(text))
        }
    }

    static func real(_ value: ResultValue) -> Double {
        switch value {
        case .null: return 0
        case .integer(let integer): return Double(integer)
        case .boolean(let flag): return flag ? 1 : 0
        case .real(let real): return real
        case .text(let text): return numericPrefix(text)
        }
    }

    /// Toward zero, saturating at the Int64 range (and NaN as 0), as SQLite converts reals.
    private static func truncated(_ real: Double) -> Int64 {
        guard real.isFinite else { return real.isNaN ? 0 : (real > 0 ? .max : .min) }
        if real >= 9.223372036854775807e18 { return .max }
        if real <= -9.223372036854775808e18 { return .min }
        return Int64(real.rounded(.towardZero))
    }

    /// The longest leading part of `text` that reads as a decimal number, after leading spaces: `'12abc'` is 12,
    /// `' -1.5e2x'` is -150, `'abc'` is 0 (SQLite's text-to-number rule).
    static func numericPrefix(_ text: String) -> Double {
        let bytes = Array(text.utf8.drop(while: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }))
        var end = 0
        func digits() { while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 } }
        if end < bytes.count, bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+") { end += 1 }
        digits()
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            end += 1
            digits()
        }
        var accepted = end
        if end < bytes.count, bytes[end] | 0x20 == UInt8(ascii: "e") {
            end += 1
            if end < bytes.count, bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+") { end += 1 }
            let exponentStart = end
            digits()
            if end > exponentStart { accepted = end }
        }
        return Double(String(decoding: bytes[..<accepted], as: UTF8.self)) ?? 0
    }

    static func text(_ value: ResultValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let integer): return String(integer)
        case .boolean(let flag): return flag ? "true" : "false"
        case .real(let real): return fifteenSignificantDigits(real)
        case .text(let text):
            if text.isEmpty { return "(empty)" }
            return String(decoding: text.utf8.map { $0 < 0x20 || $0 > 0x7E ? UInt8(ascii: "@") : $0 }, as: UTF8.self)
        }
    }

    /// `sqlite3_snprintf("%.3f")`: like C's, except that SQLite's printf writes at most 16 significant digits
    /// and zeros after them (-2^63 prints as `-9223372036854776000.000`).
    static func fixedThreeDecimals(_ real: Double) -> String {
        guard real.isFinite, abs(real) >= 1e13 else { return String(format: "%.3f", real) }
        let scientific = String(format: "%.15e", real)
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...])
        else { return String(format: "%.3f", real) }
        let digits = Array(scientific[..<e].filter(\.isNumber))
        let wanted = exponent + 1 + 3
        let padded = digits.count >= wanted ? Array(digits.prefix(wanted))
            : digits + Array(repeating: "0", count: wanted - digits.count)
        let whole = String(padded.prefix(exponent + 1))
        return (real < 0 ? "-" : "") + whole + "." + String(padded.suffix(3))
    }

    /// SQLite's `%!.15g`: 15 significant digits, and a point always present (`1.0`, `1.0e+20`).
    static func fifteenSignificantDigits(_ real: Double) -> String {
        var text = String(format: "%.15g", real)
        guard real.isFinite, !text.contains(".") else { return text }
        if let exponent = text.firstIndex(of: "e") {
            text.insert(contentsOf: ".0", at: exponent)
        } else {
            text += ".0"
        }
        return text
    }
}
