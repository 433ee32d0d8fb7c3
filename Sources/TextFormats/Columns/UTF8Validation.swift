/// UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), with an all-ASCII
/// fast path that tests eight bytes at a time.
enum UTF8Validation {
    /// True when every byte is below 0x80.
    static func isASCII(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        var bits: UInt64 = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            bits |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        while i < n {
            bits |= UInt64(p[i])
            i &+= 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// The offset of the first byte of the first ill-formed sequence, or nil if `p[0..<n]` is valid.
    static func firstInvalid(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 { i &+= 1; continue }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            guard p[i + 1] >= low && p[i + 1] <= high else { return i }
            for k in 2..<max(length, 2) where p[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
