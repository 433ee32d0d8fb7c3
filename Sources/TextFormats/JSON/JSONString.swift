/// Decoding a JSON string's content (escapes checked by `JSONTape`) to UTF-8 bytes. `\u` escapes become
/// UTF-8; a surrogate pair becomes one code point; a lone surrogate becomes U+FFFD, as most parsers do.
enum JSONString {
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - 0x41 + 10)
        default: nil
        }
    }

    /// The decoded bytes of `p[0..<n]`, in `scratch` (never longer than the escaped text).
    static func decode(_ p: UnsafePointer<UInt8>, _ n: Int, into scratch: ScratchBytes) {
        scratch.reserve(n)
        var out = Writer(pointer: scratch.pointer)
        decode(p, n, into: &out)
        scratch.count = out.count
    }

    static func decode(_ p: UnsafePointer<UInt8>, _ n: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: n) { buffer, count in
            var out = Writer(pointer: buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!)
            decode(p, n, into: &out)
            count = out.count
        }
    }

    /// Appends at a pointer whose room the caller guarantees.
    struct Writer {
        let pointer: UnsafeMutablePointer<UInt8>
        var count = 0
        @inline(__always)
        mutating func append(_ byte: UInt8) {
            pointer[count] = byte
            count &+= 1
        }
    }

    private static func decode(_ p: UnsafePointer<UInt8>, _ n: Int, into out: inout Writer) {
        var i = 0
        while i < n {
            let b = p[i]
            guard b == UInt8(ascii: "\\"), i + 1 < n else {
                out.append(b)
                i += 1
                continue
            }
            let e = p[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                // JSONTape checked the four digits; without them `\u` stays a `u`, so output never outgrows input.
                guard var scalar = hex4(p, n, at: i) else {
                    out.append(e)
                    continue
                }
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= n, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u"),
                    let low = hex4(p, n, at: i + 2), low >= 0xDC00 && low < 0xE000 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if scalar >= 0xD800 && scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, into: &out)
            default: out.append(e)
            }
        }
    }

    private static func hex4(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> UInt32? {
        guard i + 4 <= n else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            guard let h = hexValue(p[i + k]) else { return nil }
            value = value << 4 | h
        }
        return value
    }

    static func appendUTF8(_ scalar: UInt32, into out: inout Writer) {
        switch scalar {
        case 0..<0x80: out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
