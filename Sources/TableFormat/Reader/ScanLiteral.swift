import Columnar
import Foundation

/// A predicate literal in the physical form of its column: what the column's buffer holds, and what Parquet
/// statistics decode to.
public enum ScanLiteral: Sendable, Hashable {
    /// Signed integers, dates (days), times and timestamps (in the column's unit), decimals up to 18 digits
    /// (unscaled).
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    /// Decimals of 19 to 38 digits, unscaled.
    case wideDecimal(Int128)
    case bool(Bool)
    /// Strings and binary: compared as unsigned bytes.
    case bytes([UInt8])

    /// Reads `text` as a value of `type`; `context` starts the error message.
    public init(parsing text: String, as type: DataType, context: String) throws {
        func fail(_ why: String) -> TableFormatError {
            TableFormatError(.invalidArgument, "\(context): '\(text)' \(why)")
        }
        switch type {
        case .int8, .int16, .int32, .int64:
            guard let v = Int64(text) else { throw fail("is not an integer") }
            self = .int(v)
        case .uint8, .uint16, .uint32, .uint64:
            guard let v = UInt64(text) else { throw fail("is not an unsigned integer") }
            self = .uint(v)
        case .float16, .float32, .float64:
            guard let v = Double(text), !v.isNaN else { throw fail("is not a number") }
            self = .double(v)
        case .boolean:
            guard let v = Bool(text.lowercased()) else { throw fail("is not true or false") }
            self = .bool(v)
        case .string, .binary, .fixedBinary:
            self = .bytes(Array(text.utf8))
        case .decimal(let precision, let scale):
            guard let unscaled = Self.unscaled(text, scale: scale) else { throw fail("is not a decimal with at most \(scale) fraction digits") }
            self = precision <= 18 ? (Int64(exactly: unscaled).map { .int($0) } ?? .wideDecimal(unscaled)) : .wideDecimal(unscaled)
        case .date:
            guard let seconds = Self.epochSeconds(text), seconds % 86_400 == 0 else { throw fail("is not a date (YYYY-MM-DD)") }
            self = .int(seconds / 86_400)
        case .timestamp(let unit, _), .time(let unit):
            guard let ticks = Self.ticks(text, unit: unit, isTime: { if case .time = type { return true }; return false }()) else {
                throw fail("is not a \(type) (YYYY-MM-DD HH:MM:SS[.fraction], UTC)")
            }
            self = .int(ticks)
        default:
            throw TableFormatError(.invalidArgument, "\(context): columns of type \(type) cannot be filtered on")
        }
    }

    /// `-12.5` at scale 2 → -1250; nil when the text has more fraction digits than `scale` or overflows.
    static func unscaled(_ text: String, scale: Int) -> Int128? {
        var digits = Substring(text)
        let negative = digits.hasPrefix("-")
        if negative || digits.hasPrefix("+") { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= scale, (parts[0] + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var value: Int128 = 0
        for c in (parts[0] + fraction + String(repeating: "0", count: scale - fraction.count)).utf8 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(c - 48))
            guard !o1, !o2 else { return nil }
            value = a
        }
        return negative ? -value : value
    }

    /// Seconds since the epoch of `YYYY-MM-DD[( |T)HH:MM:SS]`, UTC; the fraction is handled by `ticks`.
    static func epochSeconds(_ text: String) -> Int64? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970.rounded()) }
        }
        return nil
    }

    /// Timestamp text (or `HH:MM:SS[.f]` for a time) in `unit` ticks; a trailing `Z` is allowed.
    static func ticks(_ text: String, unit: TimeUnit, isTime: Bool) -> Int64? {
        var text = text.hasSuffix("Z") ? String(text.dropLast()) : text
        var fraction = ""
        if let dot = text.lastIndex(of: "."), !text[dot...].contains(":") {
            fraction = String(text[text.index(after: dot)...])
            text = String(text[..<dot])
        }
        guard fraction.count <= 9, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
              let seconds = epochSeconds(isTime ? "1970-01-01 " + text : text) else { return nil }
        let nanos = Int64(fraction.padding(toLength: 9, withPad: "0", startingAt: 0)) ?? 0
        let perSecond = Int64(unit.perSecond)
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: perSecond)
        guard !overflow else { return nil }
        return whole + nanos / (1_000_000_000 / perSecond)
    }
}
