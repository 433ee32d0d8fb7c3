import Foundation
import Testing
@testable import TableFormat

/// The bulk add hashes keys whose Murmur blocks were mixed once per key (the seed-independent half of each
/// chained hash). Its filters must be the bytes the plain one-key path gives, on every key length and tail.
@Suite("Hudi bloom filter, prepared keys")
struct IndexBloomPreparedKeyTests {
    /// Keys of 1 to 45 bytes (every block count up to 11, every tail length), some with bytes >= 0x80.
    static func keys(_ count: Int) -> [String] {
        (0..<count).map { i in String(repeating: "k", count: i % 37) + "\(i &* 2_654_435_761 % 10_000_000)" + (i % 11 == 0 ? "é" : "") }
    }

    @Test("prepared hashes equal Hadoop's Murmur on every length and seed chain")
    func preparedHash() {
        var rng = SystemRandomNumberGenerator()
        for length in 0..<64 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes.withUnsafeBufferPointer { key in
                var prepared = MurmurHash.PreparedKeys(capacity: 1)
                prepared.append(key)
                prepared.withKeys { keys, blocks in
                    var (plain, fast): (Int32, Int32) = (0, 0)
                    for _ in 0..<30 {
                        plain = MurmurHash.hash(key, seed: plain)
                        fast = MurmurHash.hash(keys[0], blocks: blocks, seed: fast)
                        #expect(plain == fast, "length \(length)")
                    }
                }
            }
        }
    }

    @Test("Hudi's default filter over 130,000 keys: bulk bytes equal one-by-one bytes")
    func defaultShapeBytes() throws {
        // Past 120,000 keys the dynamic filter has two rows and fills them round-robin.
        let keys = Self.keys(130_000)
        var single = try HoodieBloomFilter()
        var bulk = single
        for key in keys { single.add(key) }
        var start = 0
        while start < keys.count {
            let end = min(keys.count, start + 2_048)
            IndexBloomBulkAddTests.withKeyBytes(Array(keys[start..<end])) { bulk.add(utf8: $0) }
            start = end
        }
        #expect(bulk.rowCount == 2)
        #expect(bulk.serializeToString() == single.serializeToString())
    }
}
