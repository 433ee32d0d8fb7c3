/// XXH64 (xxHash, 64-bit), the hash of Parquet's split-block bloom filters (always seed 0 there).
/// Implemented from the xxHash specification: 32-byte stripes into four lanes, then 8/4/1-byte tails and
/// the final avalanche.
public enum XXHash64 {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        var p = 0
        var h: UInt64
        if count >= 32 {
            var v1 = seed &+ prime1 &+ prime2, v2 = seed &+ prime2, v3 = seed, v4 = seed &- prime1
            while p + 32 <= count {
                v1 = round(v1, load64(bytes, p))
                v2 = round(v2, load64(bytes, p + 8))
                v3 = round(v3, load64(bytes, p + 16))
                v4 = round(v4, load64(bytes, p + 24))
                p += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(merge(merge(merge(h, v1), v2), v3), v4)
        } else {
            h = seed &+ prime5
        }
        h &+= UInt64(count)
        while p + 8 <= count {
            h ^= round(0, load64(bytes, p))
            h = rotl(h, 27) &* prime1 &+ prime4
            p += 8
        }
        if p + 4 <= count {
            h ^= UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p, as: UInt32.self))) &* prime1
            h = rotl(h, 23) &* prime2 &+ prime3
            p += 4
        }
        while p < count {
            h ^= UInt64(bytes[p]) &* prime5
            h = rotl(h, 11) &* prime1
            p += 1
        }
        return avalanche(h)
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// The hashes of PLAIN-encoded fixed-width values (little-endian), as bloom filters use them.
    public static func hash(int32 value: Int32) -> UInt64 { withUnsafeBytes(of: value.littleEndian) { hash($0) } }
    public static func hash(int64 value: Int64) -> UInt64 { withUnsafeBytes(of: value.littleEndian) { hash($0) } }
    public static func hash(float value: Float) -> UInt64 {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { hash($0) }
    }
    public static func hash(double value: Double) -> UInt64 {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { hash($0) }
    }

    @inline(__always)
    private static func load64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always)
    private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* prime2, 31) &* prime1
    }

    @inline(__always)
    private static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        (acc ^ round(0, v)) &* prime1 &+ prime4
    }

    @inline(__always)
    private static func avalanche(_ h: UInt64) -> UInt64 {
        var h = h
        h ^= h >> 33
        h &*= prime2
        h ^= h >> 29
        h &*= prime3
        h ^= h >> 32
        return h
    }
}
