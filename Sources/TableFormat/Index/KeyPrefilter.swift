/// A bitmap over a hash of a few record keys' bytes, about 32 bits per key, asked before anything dearer about
/// each row of a base file: a copy-on-write rewrite asks whether the row's key may be updated or deleted, the
/// bloom index whether it may be a candidate. Only the rows it lets through (the keys plus ~3% false positives)
/// pay for a String and a dictionary lookup, or a binary search.
struct KeyPrefilter: Sendable {
    private var words: [UInt64]
    private let mask: UInt64

    init<Keys: Collection>(_ keys: Keys) where Keys.Element == String {
        var bits = 64
        while bits < keys.count * 32 && bits < 1 << 30 { bits <<= 1 }
        words = [UInt64](repeating: 0, count: bits / 64)
        mask = UInt64(bits - 1)
        for var key in keys {
            let bit = key.withUTF8 { KeyPrefilter.hash($0) } & mask
            words[Int(bit >> 6)] |= 1 << (bit & 63)
        }
    }

    /// False: the key is surely not among the keys; true: it may be.
    @inline(__always)
    func mightContain(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let bit = KeyPrefilter.hash(key) & mask
        return words[Int(bit >> 6)] & (1 << (bit & 63)) != 0
    }

    /// FNV-1a, 64-bit, then a multiply whose high half (every byte mixed in) gives the bit.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return ((h ^ (h >> 29)) &* 0xbf58_476d_1ce4_e5b9) >> 32
    }
}
