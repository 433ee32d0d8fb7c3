import Foundation
import Testing
@testable import TableFormat

/// The bulk paths a base file writer takes: keys hashed four at a time, positions by multiplication instead of
/// division, and the writer's key prefilter. Each must give exactly what the one-key path gives.
@Suite("Hudi bloom filter, bulk add")
struct IndexBloomBulkAddTests {
    static func keys(_ count: Int) -> [String] {
        (0..<count).map { $0 % 7 == 0 ? "naïve-\($0)" : "key-\($0 * 7919)" }
    }

    /// The keys' UTF-8 bytes, back to back, as a writer sees a string column.
    static func withKeyBytes<R>(_ keys: [String], _ body: (UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws -> R) rethrows -> R {
        let bytes = keys.flatMap { Array($0.utf8) }
        return try bytes.withUnsafeBufferPointer { all in
            var pointers: [UnsafeBufferPointer<UInt8>] = []
            var start = 0
            for key in keys {
                pointers.append(UnsafeBufferPointer(rebasing: all[start..<(start + key.utf8.count)]))
                start += key.utf8.count
            }
            return try pointers.withUnsafeBufferPointer(body)
        }
    }

    @Test("|hash % size| by multiplication equals Java's remainder for edge and random values")
    func fastRemainder() {
        var rng = SystemRandomNumberGenerator()
        let edges: [Int32] = [0, 1, -1, 2, -2, 7, Int32.max, Int32.min, Int32.min + 1, Int32.max - 1, 2_587_966, -2_587_966]
        let divisors: [Int32] = [1, 2, 3, 7, 8, 96, 2_587_966, 1 << 30, Int32.max - 1, Int32.max]
        for d in divisors + (0..<50).map({ _ in Int32.random(in: 1...Int32.max, using: &rng) }) {
            let remainder = FastRemainder(divisor: d)
            for h in edges + (0..<200).map({ _ in Int32.random(in: .min ... .max, using: &rng) }) {
                #expect(remainder.magnitude(of: h) == Int((h % d).magnitude), "\(h) % \(d)")
            }
        }
    }

    @Test("bulk add gives the same filter bytes as one-by-one add", arguments: [
        (BloomFilterTypeCode.simple, 1_000, 1_000), (.dynamicV0, 300, 100_000), (.dynamicV0, 300, 1_000),
    ])
    func sameBytes(type: BloomFilterTypeCode, numEntries: Int, maxEntries: Int) throws {
        // 2,003 keys: not a multiple of four, and past the dynamic filter's bound in the last case (round robin).
        let keys = Self.keys(2_003)
        var single = try HoodieBloomFilter(typeCode: type, numEntries: numEntries, errorRate: 0.001, maxNumberOfEntries: maxEntries)
        var bulk = single
        for key in keys { single.add(key) }
        // In batches of uneven size, as a writer's batches come.
        var start = 0
        for size in [1, 5, 998, 999] where start < keys.count {
            Self.withKeyBytes(Array(keys[start..<min(keys.count, start + size)])) { bulk.add(utf8: $0) }
            start += size
        }
        #expect(start == keys.count)
        #expect(bulk.rowCount == single.rowCount)
        #expect(bulk.serializeToString() == single.serializeToString())
    }

    @Test("the write support's bulk add keeps the Java-order key range and rejects an empty key")
    func writeSupportBulk() throws {
        let keys = ["m", "a", "\u{E000}", "😀", "z", "b"]
        var one = try HoodieBloomFilterWriteSupport(config: HoodieBloomIndexConfig())
        for key in keys { try one.addKey(key) }
        var bulk = try HoodieBloomFilterWriteSupport(config: HoodieBloomIndexConfig())
        try Self.withKeyBytes(keys) { try bulk.addKeys(utf8: $0) }
        // Java's UTF-16 order puts the surrogate pair of 😀 below U+E000.
        #expect(bulk.minRecordKey == "a" && bulk.maxRecordKey == "\u{E000}")
        #expect(bulk.finalizeMetadata() == one.finalizeMetadata())
        #expect(throws: TableFormatError.self) { try Self.withKeyBytes(["x", ""]) { try bulk.addKeys(utf8: $0) } }
    }

    @Test("the rewrite's key prefilter never misses a key and passes few others")
    func prefilter() {
        let keys = Self.keys(5_000)
        let filter = KeyPrefilter(keys)
        for var key in keys { #expect(key.withUTF8 { filter.mightContain($0) }, "\(key)") }
        var passed = 0
        for i in 0..<20_000 {
            var other = "other-\(i)"
            if other.withUTF8({ filter.mightContain($0) }) { passed += 1 }
        }
        // About 32 bits per key: ~3% of other keys pass.
        #expect(passed < 20_000 / 10)
        #expect(!KeyPrefilter([String]()).mightContain(UnsafeBufferPointer(start: nil, count: 0)))
    }
}
