/// Group ids of packed keys in one dense range `[base, base + ids.count)`, found by direct index instead of
/// by hash: input clustered on a dense integer key (lineitem on l_orderkey) then walks the directory in order
/// where a hash table would be touched at random, and a key costs 4 bytes instead of a 16-byte slot in a
/// table at most half full. `PackedGroupTable` keeps keys outside the range, and keys with a NULL, in its slots.
struct DenseKeyDirectory {
    /// Directory entries allowed per key of the table (with `slack`): at this density the directory is no
    /// bigger than the hash slots the keys would take just after the table doubled.
    static let density = 16
    static let slack = 1 << 12

    private(set) var base: UInt64 = 0
    /// The id of each key in the range, -1 where the key is not in the table.
    var ids = ContiguousArray<Int32>()

    var byteSize: Int { ids.count * MemoryLayout<Int32>.stride }

    /// The index of `word` into `ids`, or nil outside the range.
    @inline(__always)
    func position(_ word: UInt64) -> Int? {
        let offset = word &- base
        return offset < UInt64(ids.count) ? Int(truncatingIfNeeded: offset) : nil
    }

    /// The range after growing to cover `word` with at least twice the entries (so the range grows only
    /// log-many times), or nil when that range would be too sparse for a table of `count` keys. Offsets wrap
    /// (the range is an interval of UInt64 modulo 2^64), so signed keys around zero form one range too.
    func grown(toCover word: UInt64, count: Int) -> (base: UInt64, size: Int)? {
        let limit = UInt64(count) &* UInt64(Self.density) &+ UInt64(Self.slack)
        guard !ids.isEmpty else { return (word, Self.slack) }
        let size = UInt64(ids.count)
        let up = word &- base, down = (base &+ (size - 1)) &- word
        // `up` or `down` counts the entries beyond the key's far end; either is under `limit` when it fits.
        let (distance, upward) = up <= down ? (up, true) : (down, false)
        guard distance < limit else { return nil }
        let target = max(distance + 1, size * 2)
        guard target <= limit else { return nil }
        return upward ? (base, Int(target)) : ((base &+ (size - 1)) &- (target - 1), Int(target))
    }

    /// Moves the range to `range`, keeping every id (the new range contains the old one).
    mutating func resize(to range: (base: UInt64, size: Int)) {
        var fresh = ContiguousArray<Int32>(repeating: -1, count: range.size)
        let shift = Int(truncatingIfNeeded: base &- range.base)
        fresh.withUnsafeMutableBufferPointer { out in
            ids.withUnsafeBufferPointer { old in
                for i in old.indices { out[shift + i] = old[i] }
            }
        }
        (base, ids) = (range.base, fresh)
    }
}
