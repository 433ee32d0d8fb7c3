/// `java.lang.String.compareTo` order (UTF-16 code units) over Swift strings, compared as UTF-8 bytes.
///
/// Hudi's min/max record keys are chosen with `compareTo`. UTF-8 byte order is code point order, which agrees
/// with UTF-16 order except between U+E000...U+FFFF (UTF-8 lead byte 0xEE, 0xEF) and supplementary characters
/// (lead byte 0xF0...0xF4, UTF-16 surrogates 0xD800...0xDBFF, which sort below U+E000). The first differing
/// byte decides: two lead bytes from those two groups compare reversed, anything else compares as bytes.
enum JavaStringOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { a in b.withUTF8 { b in compare(a, b) < 0 } }
    }

    /// Negative, zero or positive as `a` sorts before, with or after `b`.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        var i = 0
        while i < common && a[i] == b[i] { i += 1 }
        if i == common { return a.count - b.count }
        let x = a[i]
        let y = b[i]
        if isHighBMPLead(x) && isSupplementaryLead(y) { return 1 }
        if isSupplementaryLead(x) && isHighBMPLead(y) { return -1 }
        return Int(x) - Int(y)
    }

    @inline(__always) private static func isHighBMPLead(_ byte: UInt8) -> Bool { byte == 0xEE || byte == 0xEF }
    @inline(__always) private static func isSupplementaryLead(_ byte: UInt8) -> Bool { byte >= 0xF0 }
}
