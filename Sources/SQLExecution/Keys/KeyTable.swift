/// A hash table from encoded keys (`KeyEncoder`) to dense ids 0, 1, 2, ... in first-seen order. Keys live
/// in one byte arena; slots are open-addressed (linear probing) and hold the id, 32 hash bits and the key's
/// arena offset together, so a probe touches one slot and the key bytes: two cache lines, not four.
/// Everything is flat arrays: there is no per-key object, and the arena can be written out as it is.
///
/// Keys must be prefix-free among themselves (every `KeyEncoder` encoding of one column list is): a probe key
/// equal to the bytes at a slot's offset over its own length is then the same key.
struct KeyTable {
    struct Slot {
        var id: Int32
        var tag: UInt32
        var offset: Int
        static let empty = Slot(id: -1, tag: 0, offset: 0)
    }

    private(set) var arena = ContiguousArray<UInt8>()
    private(set) var offsets: ContiguousArray<Int> = [0]
    private var slots: ContiguousArray<Slot>
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = ContiguousArray(repeating: .empty, count: size)
        mask = size - 1
    }

    var count: Int { offsets.count - 1 }

    func withKey<R>(_ id: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[offsets[id]..<offsets[id + 1]])) }
    }

    /// The id of `key`, inserting it if new.
    @inline(__always)
    mutating func findOrInsert(_ key: UnsafeRawBufferPointer, hash: UInt64) -> (id: Int32, inserted: Bool) {
        if count * 2 >= slots.count { grow() }
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.id < 0 {
                let newId = Int32(count)
                slots[index] = Slot(id: newId, tag: tag, offset: arena.count)
                arena.append(contentsOf: key)
                offsets.append(arena.count)
                return (newId, true)
            }
            if slot.tag == tag && equals(slot.offset, key) { return (slot.id, false) }
            index = (index + 1) & mask
        }
    }

    /// The ids of every key of `keys` into `ids`, inserting new ones; the positions (into `keys`) of keys
    /// seen for the first time go to `fresh`. One call per batch: the table is borrowed once, not per row.
    /// A key equal to the row before's reuses its id without hashing (input sorted or clustered on the key,
    /// like lineitem on l_orderkey, repeats keys in runs).
    mutating func findOrInsert(_ keys: EncodedKeys, ids: inout ContiguousArray<Int32>, fresh: inout ContiguousArray<Int32>) {
        keys.bytes.withUnsafeBytes { raw in
            keys.offsets.withUnsafeBufferPointer { offsets in
                ids.withUnsafeMutableBufferPointer { ids in
                    var previous = UnsafeRawBufferPointer(start: nil, count: 0), previousId: Int32 = -1
                    for k in 0..<keys.count {
                        let key = UnsafeRawBufferPointer(rebasing: raw[Int(offsets[k])..<Int(offsets[k + 1])])
                        if previousId >= 0 && key.count == previous.count
                            && (key.count == 0 || memcmpEqual(key.baseAddress!, previous.baseAddress!, key.count))
                        {
                            ids[k] = previousId
                            continue
                        }
                        let (id, inserted) = findOrInsert(key, hash: KeyHash.hash(key))
                        ids[k] = id
                        if inserted { fresh.append(Int32(k)) }
                        (previous, previousId) = (key, id)
                    }
                }
            }
        }
    }

    /// The id of `key`, or nil.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.id < 0 { return nil }
            if slot.tag == tag && equals(slot.offset, key) { return slot.id }
            index = (index + 1) & mask
        }
    }

    @inline(__always)
    private func equals(_ offset: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        arena.withUnsafeBytes { raw in
            guard offset + key.count <= raw.count else { return false }
            return key.count == 0 || memcmpEqual(raw.baseAddress! + offset, key.baseAddress!, key.count)
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = ContiguousArray<Slot>(repeating: .empty, count: size)
        let newMask = size - 1
        arena.withUnsafeBytes { raw in
            for id in 0..<count {
                let hash = KeyHash.hash(UnsafeRawBufferPointer(rebasing: raw[offsets[id]..<offsets[id + 1]]))
                var index = Int(truncatingIfNeeded: hash) & newMask
                while fresh[index].id >= 0 { index = (index + 1) & newMask }
                fresh[index] = Slot(id: Int32(id), tag: UInt32(truncatingIfNeeded: hash >> 32), offset: offsets[id])
            }
        }
        slots = fresh
        mask = newMask
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}

/// A fast non-cryptographic hash over key bytes: 8-byte words mixed multiplicatively, then avalanched.
enum KeyHash {
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return mix(h) }
        while i + 8 <= n {
            h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h = (h << 27) | (h >> 37)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        return mix((h ^ tail) &* 0x94D0_49BB_1331_11EB)
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Ordering of encoded keys: memcmp, shorter first on a common prefix.
@inline(__always)
func compareKeys(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let n = min(a.count, b.count)
    var i = 0
    if let pa = a.baseAddress, let pb = b.baseAddress {
        while i + 8 <= n {
            let x = pa.loadUnaligned(fromByteOffset: i, as: UInt64.self).bigEndian
            let y = pb.loadUnaligned(fromByteOffset: i, as: UInt64.self).bigEndian
            if x != y { return x < y ? -1 : 1 }
            i += 8
        }
    }
    while i < n {
        if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        i += 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}
