#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parquet's split-block bloom filter (BloomFilter.md):
/// ```
/// BloomFilterHeader (Thrift compact) | bitset: numBytes = numBlocks * 32, each block 8 little-endian u32 words
/// ```
/// A value is hashed with XXH64 (seed 0) over its PLAIN encoding without the BYTE_ARRAY length prefix.
/// Block = ((hash >> 32) * numBlocks) >> 32; in word i of the block the bit (low32(hash) * salt[i]) >> 27
/// is set.
public struct SplitBlockBloomFilter: Sendable, Hashable {
    static let salt: [UInt32] = [
        0x47B6_137B, 0x4497_4D91, 0x8824_AD5B, 0xA2B7_289D, 0x7054_95C7, 0x2DF1_424B, 0x9EFC_4947, 0x5C6B_FB31,
    ]
    public static let minimumBytes = 32
    /// The largest filter we build or read (the size parquet-java and arrow also cap at).
    public static let maximumBytes = 128 * 1024 * 1024

    /// 8 words per block.
    public private(set) var words: [UInt32]

    public var numBlocks: Int { words.count / 8 }
    public var numBytes: Int { words.count * 4 }

    /// An empty filter of `numBytes` rounded up to a power of two within [32 B, 128 MiB].
    public init(numBytes: Int) {
        var size = Self.minimumBytes
        while size < numBytes && size < Self.maximumBytes { size <<= 1 }
        words = Array(repeating: 0, count: size / 4)
    }

    /// An empty filter sized for `ndv` distinct values at false-positive probability `fpp`
    /// (bits = -8 * ndv / ln(1 - fpp^(1/8))).
    public init(ndv: Int, fpp: Double) {
        let p = min(max(fpp, 1e-9), 0.5)
        let bits = -8 * Double(max(ndv, 1)) / log(1 - pow(p, 1.0 / 8))
        self.init(numBytes: bits.isFinite && bits < Double(Self.maximumBytes) * 8 ? Int(bits / 8) : Self.maximumBytes)
    }

    /// A filter over an existing bitset (e.g. read from a file).
    public init(bitset: [UInt8]) throws {
        guard !bitset.isEmpty, bitset.count % 32 == 0, bitset.count <= Self.maximumBytes else {
            throw ParquetError(.corrupt, "bloom filter bitset of \(bitset.count) bytes is not a positive multiple of 32 up to 128 MiB")
        }
        words = bitset.withUnsafeBytes { raw in
            (0..<bitset.count / 4).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        }
    }

    @inline(__always)
    private func blockStart(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: ((hash >> 32) &* UInt64(numBlocks)) >> 32) &* 8
    }

    /// False means the value is certainly absent.
    public func mightContain(hash: UInt64) -> Bool {
        let start = blockStart(hash)
        let key = UInt32(truncatingIfNeeded: hash)
        for i in 0..<8 where words[start &+ i] & (1 << ((key &* Self.salt[i]) >> 27)) == 0 { return false }
        return true
    }

    public mutating func insert(hash: UInt64) {
        let start = blockStart(hash)
        let key = UInt32(truncatingIfNeeded: hash)
        for i in 0..<8 { words[start &+ i] |= 1 << ((key &* Self.salt[i]) >> 27) }
    }

    /// The bitset bytes (little-endian words).
    public var bitset: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(numBytes)
        for word in words { withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    /// `BloomFilterHeader | bitset`, what a writer stores at `bloom_filter_offset`.
    public func serialized() -> [UInt8] {
        CompactWriter.encode(BloomFilterHeader(numBytes: Int32(numBytes))) + bitset
    }
}
