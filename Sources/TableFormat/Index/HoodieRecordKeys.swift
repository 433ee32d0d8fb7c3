/// The record keys of one lookup: distinct, sorted in Java `String` order (the order of the footers' min/max
/// keys), their UTF-8 bytes packed in one buffer, and each key's chain of Murmur hashes computed once.
///
/// A bloom filter position is `|hash % vectorSize|` of the i-th chained hash, and the chain does not depend on
/// the filter, so checking a key against many files costs bit reads, not hashing.
struct HoodieRecordKeys {
    private(set) var strings: [String] = []
    private var bytes: [UInt8] = []
    /// `count + 1` offsets into `bytes`.
    private var offsets: [Int] = [0]
    /// `hashCount` hashes per key, key-major.
    private var hashes: [Int32] = []
    private(set) var hashCount = 0

    init(_ keys: [String]) {
        var sorted = keys.map { ($0, Array($0.utf8)) }
        sorted.sort { a, b in a.1.withUnsafeBufferPointer { x in b.1.withUnsafeBufferPointer { JavaStringOrder.compare(x, $0) < 0 } } }
        for (string, utf8) in sorted where strings.last != string {
            strings.append(string)
            bytes.append(contentsOf: utf8)
            offsets.append(bytes.count)
        }
    }

    var count: Int { strings.count }

    func withUTF8<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 1]]))
        }
    }

    /// Index of the first key not before `bound` (Java order).
    func lowerBound(_ bound: UnsafeBufferPointer<UInt8>, in range: Range<Int>? = nil) -> Int {
        partition(range ?? 0..<count) { self.withUTF8($0) { JavaStringOrder.compare($0, bound) < 0 } }
    }

    /// Index of the first key after `bound`.
    func upperBound(_ bound: UnsafeBufferPointer<UInt8>, in range: Range<Int>? = nil) -> Int {
        partition(range ?? 0..<count) { self.withUTF8($0) { JavaStringOrder.compare($0, bound) <= 0 } }
    }

    /// The keys within [min, max], as Hudi's range pruning keeps them.
    func range(min: String, max: String) -> Range<Int> {
        var min = min
        var max = max
        let lower = min.withUTF8 { lowerBound($0) }
        let upper = max.withUTF8 { upperBound($0, in: lower..<count) }
        return lower..<upper
    }

    /// The first index in `range` where `isBefore` turns false (it must be true, then false, along the range).
    private func partition(_ range: Range<Int>, _ isBefore: (Int) -> Bool) -> Int {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let mid = low + (high - low) / 2
            if isBefore(mid) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Hash chains are kept for up to this many hashes in all (4 bytes each): 2 million keys at Hudi's 30.
    var hashBudget = 64 << 20

    /// Makes at least `count` chained hashes available per key (filters usually share one hash count); false
    /// when that would pass `hashBudget`, and the caller hashes per filter instead.
    mutating func computeHashes(count wanted: Int) -> Bool {
        guard wanted > hashCount else { return true }
        guard strings.count <= hashBudget / max(wanted, 1) else { return false }
        var table = [Int32](repeating: 0, count: strings.count * wanted)
        table.withUnsafeMutableBufferPointer { table in
            bytes.withUnsafeBufferPointer { all in
                for key in 0..<strings.count {
                    let utf8 = UnsafeBufferPointer(rebasing: all[offsets[key]..<offsets[key + 1]])
                    var seed: Int32 = 0
                    for i in 0..<wanted {
                        seed = MurmurHash.hash(utf8, seed: seed)
                        table[key * wanted + i] = seed
                    }
                }
            }
        }
        hashes = table
        hashCount = wanted
        return true
    }

    /// The chained hashes of key `index` (`hashCount` of them).
    func withHashes<R>(_ index: Int, _ body: (UnsafeBufferPointer<Int32>) -> R) -> R {
        hashes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[index * hashCount..<(index + 1) * hashCount]))
        }
    }
}
