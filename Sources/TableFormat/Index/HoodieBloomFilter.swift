import Foundation

/// A Hudi bloom filter over record keys, bit-exact with the ones Hudi stores in base-file footers
/// (`BloomFilterFactory`, `SimpleBloomFilter`, `HoodieDynamicBoundedBloomFilter`).
///
/// Keys are hashed as their UTF-8 bytes with Hadoop's Murmur hash, `nbHash` chained hashes per key. The footer
/// value is the base64 of the filter's Hadoop `Writable` bytes (see `InternalBloomFilter` and
/// `InternalDynamicBloomFilter` for the layouts); the type code says which of the two layouts it is.
public struct HoodieBloomFilter: Sendable, Hashable {
    enum Storage: Sendable, Hashable {
        case simple(InternalBloomFilter)
        case dynamic(InternalDynamicBloomFilter)
    }

    var storage: Storage

    /// An empty filter sized for `numEntries` keys at false-positive rate `errorRate`; a dynamic filter adds
    /// rows of that size up to `maxNumberOfEntries` keys. The defaults are Hudi's (`hoodie.index.bloom.*`).
    public init(typeCode: BloomFilterTypeCode = .dynamicV0, numEntries: Int = HoodieBloomIndexConfig.defaultNumEntries,
                errorRate: Double = HoodieBloomIndexConfig.defaultFpp,
                maxNumberOfEntries: Int = HoodieBloomIndexConfig.defaultDynamicMaxEntries) throws {
        let (vectorSize, nbHash) = try HoodieBloomFilter.shape(numEntries: numEntries, errorRate: errorRate)
        switch typeCode {
        case .simple:
            storage = .simple(InternalBloomFilter(vectorSize: vectorSize, nbHash: nbHash))
        case .dynamicV0:
            guard let maxNr = Int32(exactly: maxNumberOfEntries) else {
                throw TableFormatError(.invalidArgument, "bloom filter max entries \(maxNumberOfEntries) exceeds Int32")
            }
            storage = .dynamic(InternalDynamicBloomFilter(vectorSize: vectorSize, nbHash: nbHash,
                                                          nr: Int32(numEntries), maxNr: maxNr))
        }
    }

    /// `BloomFilterUtils`: bits = ⌈n · −ln p / ln²2⌉, hashes = ⌈ln 2 · bits / n⌉ (60,000 keys at 1e-9 give
    /// 2,587,966 bits and 30 hashes).
    static func shape(numEntries: Int, errorRate: Double) throws -> (vectorSize: Int32, nbHash: Int32) {
        guard numEntries > 0, numEntries <= Int(Int32.max), errorRate > 0, errorRate < 1 else {
            throw TableFormatError(.invalidArgument, "bloom filter of \(numEntries) entries at error rate \(errorRate): need entries in 1...\(Int32.max) and a rate in (0, 1)")
        }
        let ln2 = log(2.0)
        let bits = (Double(numEntries) * (-log(errorRate) / (ln2 * ln2))).rounded(.up)
        guard bits <= Double(Int32.max) else {
            throw TableFormatError(.invalidArgument, "bloom filter of \(numEntries) entries at error rate \(errorRate) needs \(bits) bits, more than Int32")
        }
        let hashes = (ln2 * bits / Double(numEntries)).rounded(.up)
        guard hashes >= 1, hashes <= Double(InternalBloomFilter.maxHashCount) else {
            throw TableFormatError(.invalidArgument, "bloom filter at error rate \(errorRate) needs \(hashes) hash functions")
        }
        return (Int32(bits), Int32(hashes))
    }

    public var typeCode: BloomFilterTypeCode {
        switch storage {
        case .simple: .simple
        case .dynamic: .dynamicV0
        }
    }

    /// Bits per standard filter.
    public var vectorSize: Int {
        switch storage {
        case .simple(let filter): Int(filter.vectorSize)
        case .dynamic(let filter): Int(filter.vectorSize)
        }
    }

    /// Hash functions per key.
    public var hashCount: Int {
        switch storage {
        case .simple(let filter): Int(filter.nbHash)
        case .dynamic(let filter): Int(filter.nbHash)
        }
    }

    /// Standard filters chained: 1 for SIMPLE.
    public var rowCount: Int {
        switch storage {
        case .simple: 1
        case .dynamic(let filter): filter.matrix.count
        }
    }

    public mutating func add(_ key: String) {
        var key = key
        key.withUTF8 { add(utf8: $0) }
    }

    /// Adds a key given as UTF-8 bytes.
    public mutating func add(utf8 key: UnsafeBufferPointer<UInt8>) {
        // Park a shared placeholder in `storage` while the payload is mutated, so its bit vector stays
        // uniquely referenced and is updated in place rather than copied per key.
        switch storage {
        case .simple(var filter):
            storage = HoodieBloomFilter.placeholder
            filter.add(key)
            storage = .simple(filter)
        case .dynamic(var filter):
            storage = HoodieBloomFilter.placeholder
            filter.add(key)
            storage = .dynamic(filter)
        }
    }

    /// Adds keys given as UTF-8 bytes, in order; the same filter as adding them one by one, built faster.
    public mutating func add(utf8 keys: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) {
        switch storage {
        case .simple(var filter):
            storage = HoodieBloomFilter.placeholder
            filter.add(keys)
            storage = .simple(filter)
        case .dynamic(var filter):
            storage = HoodieBloomFilter.placeholder
            filter.add(keys)
            storage = .dynamic(filter)
        }
    }

    private static let placeholder = Storage.simple(InternalBloomFilter(vectorSize: 8, nbHash: 1))

    /// False means `key` was never added; true means it may have been.
    public func mightContain(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { mightContain(utf8: $0) }
    }

    public func mightContain(utf8 key: UnsafeBufferPointer<UInt8>) -> Bool {
        switch storage {
        case .simple(let filter): filter.membershipTest(key)
        case .dynamic(let filter): filter.membershipTest(key)
        }
    }

    /// Hashes a key needs precomputed for `mightContain(hashes:)`.
    var requiredHashCount: Int {
        switch storage {
        case .simple(let filter): Int(filter.nbHash)
        case .dynamic(let filter): Int(filter.maxHashCount)
        }
    }

    /// `mightContain` from a key's chained Murmur hashes (at least `requiredHashCount`).
    func mightContain(hashes: UnsafeBufferPointer<Int32>) -> Bool {
        switch storage {
        case .simple(let filter): filter.membershipTest(hashes: hashes)
        case .dynamic(let filter): filter.membershipTest(hashes: hashes)
        }
    }
}
