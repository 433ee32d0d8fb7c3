/// Hadoop's MurmurHash (MurmurHash 2.0, 32-bit), as `org.apache.hudi.common.util.hash.MurmurHash` ports it: the
/// hash behind every bloom filter Hudi writes (hash type 1).
///
/// Hadoop's Java port differs from Austin Appleby's C code in one way that matters for keys with bytes ≥ 0x80:
/// the 1 to 3 trailing bytes are sign-extended before they are shifted in. Whole 4-byte blocks read as
/// little-endian words, as in C.
enum MurmurHash {
    /// The `hashType` byte Hadoop's `Hash.MURMUR_HASH` stores in a serialized filter.
    static let hashType: UInt8 = 1

    @inline(__always)
    static func hash(_ data: UnsafeBufferPointer<UInt8>, seed: Int32) -> Int32 {
        let m: UInt32 = 0x5bd1_e995
        let length = data.count
        var h = UInt32(bitPattern: seed) ^ UInt32(truncatingIfNeeded: length)
        let blocks = length >> 2
        for block in 0..<blocks {
            let i = block << 2
            var k = UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
            k = k &* m
            k ^= k >> 24
            k = k &* m
            h = h &* m
            h ^= k
        }
        let left = length & 3
        if left != 0 {
            if left >= 3 { h ^= signExtended(data[length - 3]) << 16 }
            if left >= 2 { h ^= signExtended(data[length - 2]) << 8 }
            h ^= signExtended(data[length - 1])
            h = h &* m
        }
        h ^= h >> 13
        h = h &* m
        h ^= h >> 15
        return Int32(bitPattern: h)
    }
}
