/// The standard base64 alphabet with `=` padding (RFC 4648 §4), as `java.util.Base64.getEncoder()`, which Hudi's
/// `Base64CodecUtil` uses for the `org.apache.hudi.bloomfilter` footer value. Decoding is as strict as Java's
/// basic decoder: no whitespace, no line breaks, padding only at the end.
enum Base64CodecUtil {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(index) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(n >> 18)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int(n >> 18)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Throws naming `context` and the offending offset.
    static func decode(_ text: String, context: String) throws -> [UInt8] {
        var text = text
        return try text.withUTF8 { try decode($0, context: context) }
    }

    static func decode(_ symbols: UnsafeBufferPointer<UInt8>, context: String) throws -> [UInt8] {
        guard symbols.count % 4 == 0 else {
            throw TableFormatError(.invalidMetadata, "\(context): base64 length \(symbols.count) is not a multiple of 4")
        }
        var padding = 0
        if symbols.count > 0, symbols[symbols.count - 1] == UInt8(ascii: "=") { padding += 1 }
        if symbols.count > 1, symbols[symbols.count - 2] == UInt8(ascii: "=") { padding += 1 }
        var out = [UInt8]()
        out.reserveCapacity(symbols.count / 4 * 3)
        var group: UInt32 = 0
        for i in 0..<(symbols.count - padding) {
            let value = values[Int(symbols[i])]
            guard value != 0xFF else {
                throw TableFormatError(.invalidMetadata, "\(context): byte 0x\(String(symbols[i], radix: 16)) at offset \(i) is not base64")
            }
            group = group << 6 | UInt32(value)
            if i & 3 == 3 {
                out.append(UInt8(truncatingIfNeeded: group >> 16))
                out.append(UInt8(truncatingIfNeeded: group >> 8))
                out.append(UInt8(truncatingIfNeeded: group))
                group = 0
            }
        }
        if padding == 2 {
            out.append(UInt8(truncatingIfNeeded: group >> 4))
        } else if padding == 1 {
            out.append(UInt8(truncatingIfNeeded: group >> 10))
            out.append(UInt8(truncatingIfNeeded: group >> 2))
        }
        return out
    }
}
