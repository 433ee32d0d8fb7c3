import Columnar
import Testing
@testable import TextFormats

/// The short-integer and `YYYY-MM-DD` fast paths must answer exactly as the general parsers do.
@Suite struct TextParseFastPathTests {
    static func parse<T>(_ text: String, _ body: (UnsafePointer<UInt8>, Int) -> T) -> T {
        let bytes = Array(text.utf8) + [0x0A]
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!, bytes.count - 1) }
    }

    @Test("integers: digits only take the fast path, everything else the checked one", arguments: [
        ("0", Int64?.some(0)), ("0042", 42), ("999999999999999999", 999_999_999_999_999_999),
        ("9223372036854775807", Int64.max), ("9223372036854775808", nil), ("-9223372036854775808", Int64.min),
        ("-17", -17), ("+5", 5), (" 12 ", 12), ("1 2", nil), ("12a", nil), ("", nil), ("-", nil), ("１２", nil),
    ])
    func integers(text: String, expected: Int64?) {
        #expect(Self.parse(text, TextParse.int64) == expected)
    }

    @Test("dates: YYYY-MM-DD takes the fast path with the same calendar checks", arguments: [
        ("1970-01-01", Int32?.some(0)), ("1996-03-13", 9_568), ("2024-02-29", 19_782), ("2023-02-29", nil),
        ("1900-02-29", nil), ("2000-02-29", 11_016), ("2024-13-01", nil), ("2024-00-10", nil), ("2024-04-31", nil),
        ("0000-01-01", -719_528), ("2024-1-011", nil), ("2024/01/01", nil), ("2024-01-0a", nil),
        ("2024-1-1", 19_723), (" 2024-01-02", 19_724), ("-0001-12-31", -719_529), ("+2024-01-01", nil),
    ])
    func dates(text: String, expected: Int32?) {
        #expect(Self.parse(text, TextParse.date) == expected)
        if text.utf8.count == 10, let fast = Self.parse(text, { p, _ in TextParse.isoDate(p) }) {
            #expect(fast == expected)
        }
    }
}
