/// One standard bloom filter as Hadoop's `org.apache.hadoop.util.bloom.BloomFilter` (and Hudi's
/// `InternalBloomFilter`, a copy of it kept for byte compatibility) lays it out: `vectorSize` bits, `nbHash`
/// positions per key from chained Murmur hashes.
///
/// Serialized form (`Writable.write`, big-endian):
///
///     int32  version      -1
///     int32  nbHash
///     int8   hashType     1 = Murmur
///     int32  vectorSize   bits
///     byte   bits[(vectorSize + 7) / 8]   bit i is byte i / 8, mask 1 << (i % 8)
///
/// The bits are kept in that layout, so writing is a copy.
struct InternalBloomFilter: Sendable, Hashable {
    static let version: Int32 = -1
    /// More hash functions than any sane false-positive rate needs (fpp 1e-300 asks for ~1,000); bounds the work
    /// a corrupt footer can cause per lookup.
    static let maxHashCount: Int32 = 4096

    let vectorSize: Int32
    let nbHash: Int32
    let hashType: UInt8
    var bits: [UInt8]

    init(vectorSize: Int32, nbHash: Int32) {
        self.vectorSize = vectorSize
        self.nbHash = nbHash
        self.hashType = MurmurHash.hashType
        bits = [UInt8](repeating: 0, count: InternalBloomFilter.byteCount(vectorSize))
    }

    static func byteCount(_ vectorSize: Int32) -> Int { (Int(vectorSize) + 7) / 8 }

    mutating func add(_ key: UnsafeBufferPointer<UInt8>) {
        let vectorSize = vectorSize
        bits.withUnsafeMutableBufferPointer { bits in
            _ = InternalBloomFilter.forEachPosition(of: key, nbHash: nbHash, vectorSize: vectorSize) { position in
                bits[position >> 3] |= 1 << UInt8(position & 7)
                return true
            }
        }
    }

    func membershipTest(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        bits.withUnsafeBufferPointer { bits in
            InternalBloomFilter.forEachPosition(of: key, nbHash: nbHash, vectorSize: vectorSize) { position in
                bits[position >> 3] & (1 << UInt8(position & 7)) != 0
            }
        }
    }

    /// The same test from a key's precomputed hash chain (at least `nbHash` hashes).
    func membershipTest(hashes: UnsafeBufferPointer<Int32>) -> Bool {
        bits.withUnsafeBufferPointer { bits in
            for i in 0..<Int(nbHash) {
                let position = Int((hashes[i] % vectorSize).magnitude)
                if bits[position >> 3] & (1 << UInt8(position & 7)) == 0 { return false }
            }
            return true
        }
    }

    /// Hadoop's `HashFunction.hash`: each hash seeds the next, position = |hash % vectorSize| (Java's
    /// truncating remainder). Stops early when `body` returns false; returns whether it ran to the end.
    @inline(__always)
    static func forEachPosition(of key: UnsafeBufferPointer<UInt8>, nbHash: Int32, vectorSize: Int32,
                                _ body: (Int) -> Bool) -> Bool {
        var seed: Int32 = 0
        for _ in 0..<nbHash {
            seed = MurmurHash.hash(key, seed: seed)
            // |remainder| < vectorSize, so the magnitude never overflows.
            let position = Int((seed % vectorSize).magnitude)
            if !body(position) { return false }
        }
        return true
    }
}

extension InternalBloomFilter {
    /// Hadoop's `Filter` header, shared by the standard and the dynamic filter.
    struct Header {
        var nbHash: Int32
        var hashType: UInt8
        var vectorSize: Int32

        func write(to out: inout JavaDataOutput) {
            out.writeInt(InternalBloomFilter.version)
            out.writeInt(nbHash)
            out.writeByte(hashType)
            out.writeInt(vectorSize)
        }

        init(nbHash: Int32, hashType: UInt8, vectorSize: Int32) {
            self.nbHash = nbHash
            self.hashType = hashType
            self.vectorSize = vectorSize
        }

        init(from input: inout JavaDataInput) throws {
            let version = try input.readInt()
            guard version == InternalBloomFilter.version else {
                let detail = version > 0 ? "the unversioned Hadoop format (Jenkins hash) is not supported" : "expected -1"
                throw TableFormatError(.unsupported, "\(input.context): filter version \(version): \(detail)")
            }
            nbHash = try input.readInt()
            hashType = try input.readByte()
            vectorSize = try input.readInt()
            guard nbHash > 0, nbHash <= InternalBloomFilter.maxHashCount else {
                throw TableFormatError(.invalidMetadata, "\(input.context): hash count \(nbHash) is not in 1...\(InternalBloomFilter.maxHashCount)")
            }
            guard hashType == MurmurHash.hashType else {
                throw TableFormatError(.unsupported, "\(input.context): hash type \(hashType) is not Murmur (1), the only one Hudi writes")
            }
            guard vectorSize > 0 else {
                throw TableFormatError(.invalidMetadata, "\(input.context): vector size \(vectorSize) is not positive")
            }
        }
    }

    func write(to out: inout JavaDataOutput) {
        Header(nbHash: nbHash, hashType: hashType, vectorSize: vectorSize).write(to: &out)
        out.write(bits)
    }

    /// `readFields`: bits past `vectorSize` in the last byte are dropped, as Java's `BitSet` drops them.
    init(from input: inout JavaDataInput) throws {
        let header = try Header(from: &input)
        nbHash = header.nbHash
        hashType = header.hashType
        vectorSize = header.vectorSize
        bits = Array(try input.readFully(InternalBloomFilter.byteCount(vectorSize)))
        let tailBits = Int(vectorSize) & 7
        if tailBits != 0 { bits[bits.count - 1] &= UInt8(1 << tailBits) - 1 }
    }
}

/// `|hash % divisor|` (Java's truncating remainder, as a magnitude) without a division: Lemire, Kaser and Kurz,
/// "Faster Remainder by Direct Computation" (2019), exact for every 32-bit dividend and divisor.
struct FastRemainder {
    let divisor: UInt64
    let multiplier: UInt64

    /// `divisor` > 0.
    init(divisor: Int32) {
        self.divisor = UInt64(divisor.magnitude)
        // Wraps to 0 for a divisor of 1, which then gives remainder 0 as it should.
        multiplier = UInt64.max / self.divisor &+ 1
    }

    @inline(__always)
    func magnitude(of hash: Int32) -> Int {
        // |a % d| = |a| mod d for truncating division.
        let low = multiplier &* UInt64(hash.magnitude)
        return Int(truncatingIfNeeded: low.multipliedFullWidth(by: divisor).high)
    }
}
