/// A hash table from encoded keys (`KeyEncoder`) to dense ids 0, 1, 2, ... in first-seen order. Keys live
/// in one byte arena with offsets; slots are open-addressed (linear probing) and store the id and the
/// high hash bits, so most mismatches are rejected without touching the arena. Everything is flat arrays:
/// there is no per-key object, and the arena can be written out as it is.
struct KeyTable {
    private(set) var arena = ContiguousArray<UInt8>()
    private(set) var offsets: ContiguousArray<Int> = [0]
    private var slots: ContiguousArray<Int32>
    private var tags: ContiguousArray<UInt32>
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = ContiguousArray(repeating: -1, count: size)
        tags = ContiguousArray(repeating: 0, count: size)
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
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 {
                let newId = Int32(count)
                slots[slot] = newId
                tags[slot] = tag
                arena.append(contentsOf: key)
                offsets.append(arena.count)
                return (newId, true)
            }
            if tags[slot] == tag && equals(Int(id), key) { return (id, false) }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `key`, or nil.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if tags[slot] == tag && equals(Int(id), key) { return id }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[id], end = offsets[id + 1]
        guard end - start == key.count else { return false }
        return arena.withUnsafeBytes { raw in
            key.count == 0 || memcmpEqual(raw.baseAddress! + start, key.baseAddress!, key.count)
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = ContiguousArray<Int32>(repeating: -1, count: size)
        var newTags = ContiguousArray<UInt32>(repeating: 0, count: size)
        let newMask = size - 1
        arena.withUnsafeBytes { raw in
            for id in 0..<count {
                let hash = KeyHash.hash(UnsafeRawBufferPointer(rebasing: raw[offsets[id]..<offsets[id + 1]]))
                var slot = Int(truncatingIfNeeded: hash) & newMask
                while newSlots[slot] >= 0 { slot = (slot + 1) & newMask }
                newSlots[slot] = Int32(id)
                newTags[slot] = UInt32(truncatingIfNeeded: hash >> 32)
            }
        }
        slots = newSlots
        tags = newTags
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
