import Columnar
import Testing
@testable import SQLExecution

/// Packed group keys in a dense range go to a `DenseKeyDirectory`, the others to hash slots: ids must stay
/// dense and in first-seen order whichever holds a key, also when the range grows over keys the slots held.
@Suite struct DenseKeyDirectoryTests {
    /// Ids of `keys` (nil = NULL) fed in batches of `batch`, with the keys each batch saw first.
    static func ids(_ keys: [Int64?], batch: Int = 1000) -> (ids: [Int32], fresh: [Int]) {
        var table = PackedGroupTable()
        var all: [Int32] = [], fresh: [Int] = []
        for start in stride(from: 0, to: keys.count, by: batch) {
            let chunk = keys[start..<min(keys.count, start + batch)]
            let words = ContiguousArray(chunk.map { UInt64(bitPattern: $0 ?? 0) })
            let nulls = ContiguousArray(chunk.map { $0 == nil ? UInt8(1) : 0 })
            var ids = ContiguousArray<Int32>(repeating: -1, count: chunk.count), new = ContiguousArray<Int32>()
            table.findOrInsert(words, nulls, ids: &ids, fresh: &new)
            all += ids
            fresh += new.map { start + Int($0) }
            let found = chunk.map { key in
                let word = UInt64(bitPattern: key ?? 0), null: UInt8 = key == nil ? 1 : 0
                return table.find(word, null, hash: PackedGroupTable.hash(word, null)) ?? -1
            }
            #expect(found == Array(ids))
        }
        return (all, fresh)
    }

    /// The reference: ids by first occurrence.
    static func expected(_ keys: [Int64?]) -> (ids: [Int32], fresh: [Int]) {
        var seen: [Int64?: Int32] = [:], fresh: [Int] = []
        let ids = keys.enumerated().map { i, key in
            if let id = seen[key] { return id }
            seen[key] = Int32(seen.count)
            fresh.append(i)
            return seen[key]!
        }
        return (ids, fresh)
    }

    @Test func denseSparseNegativeAndNullKeysKeepFirstSeenIds() {
        var random = SplitMix64(seed: 5)
        // Sparse keys first (the slots), then a dense ascending run whose range grows over some of them,
        // then keys around zero and far below, revisits of everything, and NULLs.
        var keys: [Int64?] = (0..<3000).map { _ in Int64.random(in: 0..<200_000, using: &random) * 7 }
        keys += (0..<60_000).flatMap { k in [Int64(k), Int64(k)] }
        keys += (-2000..<2000).map { Int64($0) } + [Int64.min, Int64.max, nil, -1, nil]
        keys += (0..<20_000).map { _ in keys[Int.random(in: 0..<keys.count, using: &random)] }
        for (input, batch) in [(keys, 1000), (keys.reversed(), 777)] {
            let (got, want) = (Self.ids(input, batch: batch), Self.expected(input))
            #expect(got.ids == want.ids && got.fresh == want.fresh)
        }
    }

    @Test func rangeGrowsDownwardAndStaysBounded() {
        let keys: [Int64?] = (0..<50_000).map { Int64(1_000_000 - $0 * 3) }
        let (got, want) = (Self.ids(keys), Self.expected(keys))
        #expect(got.ids == want.ids && got.fresh == want.fresh)
        var directory = DenseKeyDirectory()
        directory.resize(to: directory.grown(toCover: 100, count: 0)!)
        #expect(directory.position(100) == 0 && directory.position(99) == nil)
        // Too sparse for one key: the slots take it.
        #expect(directory.grown(toCover: 100 + UInt64(DenseKeyDirectory.slack) * 4, count: 1) == nil)
        // Downward past zero the range wraps (offsets are modulo 2^64) and keeps the ids it held.
        directory.ids[0] = 7
        directory.resize(to: directory.grown(toCover: 50, count: 1000)!)
        let top = 100 + UInt64(DenseKeyDirectory.slack) - 1
        #expect(directory.position(50) != nil && directory.position(top) != nil && directory.position(top + 1) == nil)
        #expect(directory.ids.count == 2 * DenseKeyDirectory.slack && directory.ids[directory.position(100)!] == 7)
    }
}
