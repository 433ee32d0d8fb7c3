/// Group keys packed into one word (`PackedKeys`: narrow integers, dates, short decimals) interned as dense
/// ids 0, 1, 2, ... in first-seen order: the hash aggregate's table when its group columns fit 8 bytes.
/// A slot holds the word, its NULL bits and the id (16 bytes), so a lookup touches one cache line and compares
/// one word instead of encoding and comparing key bytes. Open addressing, linear probing, at most half full.
/// Keys without NULLs that fall in a dense range go to a `DenseKeyDirectory` instead, indexed directly; a key
/// lives in exactly one of the two.
struct PackedGroupTable {
    struct Slot {
        var word: UInt64
        var nulls: UInt32
        var id: Int32
        static let empty = Slot(word: 0, nulls: 0, id: -1)
    }

    private var slots: ContiguousArray<Slot>
    private var mask: Int
    /// Keys in `slots` (the others are in `direct`).
    private var hashed = 0
    private var direct = DenseKeyDirectory()
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = ContiguousArray(repeating: .empty, count: size)
        mask = size - 1
    }

    /// Bytes held by the slots.
    var byteSize: Int { slots.count * MemoryLayout<Slot>.stride + direct.byteSize }

    /// The key's hash: slots use its low bits, spill partitions its high ones (as `KeyHash` for encoded keys).
    @inline(__always)
    static func hash(_ word: UInt64, _ nulls: UInt8) -> UInt64 {
        KeyHash.mix(word ^ (UInt64(nulls) &* 0x9E37_79B9_7F4A_7C15))
    }

    /// The id of the key, or nil.
    @inline(__always)
    func find(_ word: UInt64, _ nulls: UInt8, hash: UInt64) -> Int32? {
        if nulls == 0, let p = direct.position(word) {
            let id = direct.ids[p]
            return id < 0 ? nil : id
        }
        return slots.withUnsafeBufferPointer { slots in
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[index]
                if slot.id < 0 { return nil }
                if slot.word == word && slot.nulls == UInt32(nulls) { return slot.id }
                index = (index + 1) & mask
            }
        }
    }

    /// The ids of every key (`words[k]`, `nulls[k]`) into `ids`, inserting new ones; the positions of keys seen
    /// for the first time go to `fresh`. A key equal to the row before's reuses its id without a lookup (input
    /// clustered on the key, like lineitem on l_orderkey, repeats keys in runs).
    mutating func findOrInsert(
        _ words: ContiguousArray<UInt64>, _ nulls: ContiguousArray<UInt8>, ids: inout ContiguousArray<Int32>,
        fresh: inout ContiguousArray<Int32>
    ) {
        var previous: (word: UInt64, nulls: UInt8, id: Int32) = (0, 0, -1)
        for k in 0..<words.count {
            let word = words[k], null = nulls[k]
            if previous.id >= 0 && previous.word == word && previous.nulls == null {
                ids[k] = previous.id
                continue
            }
            let (id, inserted) = null == 0 ? insertDirect(word) : insertHashed(word, null)
            ids[k] = id
            if inserted { fresh.append(Int32(truncatingIfNeeded: k)) }
            previous = (word, null, id)
        }
    }

    /// The id of a key without NULLs: in the directory when its range holds the key, else in the slots; a
    /// new key outside the range first tries to grow the range (only new keys do, so keys the range will
    /// never cover, like TPC-H Q1's coded flags, cost one slot lookup as before).
    @inline(__always)
    private mutating func insertDirect(_ word: UInt64) -> (id: Int32, inserted: Bool) {
        if let p = direct.position(word) { return claim(p) }
        if let id = find(word, 0, hash: Self.hash(word, 0)) { return (id, false) }
        if let p = coverDirect(word) { return claim(p) }
        return insertHashed(word, 0)
    }

    /// The id at directory entry `p`, given the next id if the entry is empty.
    @inline(__always)
    private mutating func claim(_ p: Int) -> (id: Int32, inserted: Bool) {
        let existing = direct.ids[p]
        if existing >= 0 { return (existing, false) }
        let id = Int32(truncatingIfNeeded: count)
        direct.ids[p] = id
        count += 1
        return (id, true)
    }

    /// Grows the directory to cover `word` if it may, moving the slots' keys now in range into it.
    private mutating func coverDirect(_ word: UInt64) -> Int? {
        guard let range = direct.grown(toCover: word, count: count) else { return nil }
        direct.resize(to: range)
        if hashed > 0 {
            let old = slots
            (slots, hashed) = (ContiguousArray(repeating: .empty, count: old.count), 0)
            for slot in old where slot.id >= 0 {
                if slot.nulls == 0, let p = direct.position(slot.word) {
                    direct.ids[p] = slot.id
                } else {
                    place(slot)
                    hashed += 1
                }
            }
        }
        return direct.position(word)
    }

    @inline(__always)
    private mutating func insertHashed(_ word: UInt64, _ nulls: UInt8) -> (id: Int32, inserted: Bool) {
        if hashed * 2 >= slots.count { grow() }
        let mask = self.mask, newId = Int32(truncatingIfNeeded: count)
        let result: (Int32, Bool) = slots.withUnsafeMutableBufferPointer { slots in
            var index = Int(truncatingIfNeeded: Self.hash(word, nulls)) & mask
            while true {
                let slot = slots[index]
                if slot.id < 0 {
                    slots[index] = Slot(word: word, nulls: UInt32(nulls), id: newId)
                    return (newId, true)
                }
                if slot.word == word && slot.nulls == UInt32(nulls) { return (slot.id, false) }
                index = (index + 1) & mask
            }
        }
        if result.1 { (count, hashed) = (count + 1, hashed + 1) }
        return result
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = ContiguousArray<Slot>(repeating: .empty, count: size)
        let newMask = size - 1
        swap(&slots, &fresh)
        mask = newMask
        for slot in fresh where slot.id >= 0 { place(slot) }
    }

    /// Puts a slot of a key not yet in `slots` at its place.
    private mutating func place(_ slot: Slot) {
        let mask = self.mask
        slots.withUnsafeMutableBufferPointer { out in
            var index = Int(truncatingIfNeeded: Self.hash(slot.word, UInt8(truncatingIfNeeded: slot.nulls))) & mask
            while out[index].id >= 0 { index = (index + 1) & mask }
            out[index] = slot
        }
    }
}
