/// Dictionary building for the writer: maps each value (keyed on its bytes) to a dense index in first-seen
/// order, keeps the distinct values as the PLAIN dictionary page, and reports that page's size so the writer
/// can fall back to PLAIN once it passes a limit.
///
/// The table is open addressing with linear probing, grown at half load. A slot is a `UInt64`: the entry + 1
/// in the low 32 bits (0 = empty) and the hash's high 32 bits above, so a probe touches entries only on a
/// tag match; each entry's full hash is kept so growing never rehashes bytes.

import Columnar

public struct DictionaryEncoder: Sendable {
    /// Value width for fixed-width types (INT32 4, INT64 8, FLBA typeLength, ...), nil for BYTE_ARRAY.
    public let width: Int?
    /// Distinct values, back to back (fixed width) or as bytes + offsets (byte arrays).
    var values = ByteBuffer()
    var offsets: ContiguousArray<Int32> = [0]
    var hashes: ContiguousArray<UInt64> = []
    /// For widths up to 8: each entry's bytes as an integer, so a probe compares one word.
    var keys: ContiguousArray<UInt64> = []
    var slots: ContiguousArray<UInt64> = ContiguousArray(repeating: 0, count: 1024)

    public init(width: Int?) {
        precondition(width.map { $0 > 0 } ?? true, "dictionary value width must be positive")
        self.width = width
    }

    /// Number of distinct values (the dictionary page's `num_values`).
    public var count: Int { hashes.count }

    /// Size in bytes of the PLAIN dictionary page body.
    public var encodedSize: Int { width == nil ? values.count + 4 * count : values.count }

    /// Appends the index of each of `values` (count = values.count / width) to `indices`.
    public mutating func insertFixedWidth(_ input: UnsafeRawBufferPointer, into indices: inout ContiguousArray<UInt32>) {
        guard let width, let base = input.baseAddress else { return }
        let n = input.count / width
        indices.reserveCapacity(indices.count + n)
        switch width {
        case 8: insertWords(base, count: n, width: 8, into: &indices) { base.loadUnaligned(fromByteOffset: $0 &* 8, as: UInt64.self) }
        case 4: insertWords(base, count: n, width: 4, into: &indices) { UInt64(base.loadUnaligned(fromByteOffset: $0 &* 4, as: UInt32.self)) }
        default: insertGeneric(base, count: n, width: width, into: &indices)
        }
    }

    /// The 4- and 8-byte loop: the table is grown up front for `n` new entries, so probes run on a raw
    /// pointer with no growth check inside.
    @inline(__always)
    mutating func insertWords(
        _ base: UnsafeRawPointer, count n: Int, width: Int, into indices: inout ContiguousArray<UInt32>, _ key: (Int) -> UInt64
    ) {
        while (hashes.count &+ n) &* 2 > slots.count { grow() }
        var table = slots
        slots = []
        let first = indices.count
        indices.append(contentsOf: repeatElement(0, count: n))
        indices.withUnsafeMutableBufferPointer { out in
            table.withUnsafeMutableBufferPointer { t in
                let slot0 = t.baseAddress!
                let mask = t.count &- 1
                for i in 0..<n {
                    let k = key(i)
                    let hash = Self.mix(k)
                    let tag = hash & Self.tagMask
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    var found = -1
                    while true {
                        let content = slot0[slot]
                        if content == 0 { break }
                        let entry = Int(truncatingIfNeeded: content & Self.entryMask) &- 1
                        if content & Self.tagMask == tag && keys[entry] == k { found = entry; break }
                        slot = (slot &+ 1) & mask
                    }
                    if found < 0 {
                        found = hashes.count
                        hashes.append(hash)
                        keys.append(k)
                        values.append(raw: UnsafeRawBufferPointer(start: base + i &* width, count: width))
                        slot0[slot] = tag | UInt64(found &+ 1)
                    }
                    out[first &+ i] = UInt32(truncatingIfNeeded: found)
                }
            }
        }
        slots = table
    }

    mutating func insertGeneric(_ base: UnsafeRawPointer, count n: Int, width: Int, into indices: inout ContiguousArray<UInt32>) {
        for i in 0..<n {
            let value = UnsafeRawBufferPointer(start: base + i * width, count: width)
            if width <= 8 {
                var key: UInt64 = 0
                for j in 0..<width { key |= UInt64(value[j]) << UInt64(8 * j) }
                indices.append(insert(key: key, value.baseAddress!))
            } else {
                indices.append(insert(value, hash: Self.hash(value)))
            }
        }
    }

    /// Appends the index of each byte array `bytes[offsets[i]..<offsets[i + 1]]` to `indices`.
    public mutating func insertByteArrays(
        bytes: UnsafeRawBufferPointer, offsets input: UnsafeBufferPointer<Int32>, into indices: inout ContiguousArray<UInt32>
    ) {
        guard input.count > 1 else { return }
        indices.reserveCapacity(indices.count + input.count - 1)
        // Runs of one value (a file name, a commit time, a status) skip the hash and probe: the value is
        // compared with the one before it.
        var previous = UnsafeRawBufferPointer(start: nil, count: 0)
        var previousIndex: UInt32?
        for i in 0..<input.count - 1 {
            let value = UnsafeRawBufferPointer(rebasing: bytes[Int(input[i])..<Int(input[i + 1])])
            if let index = previousIndex, value.count == previous.count,
               value.isEmpty || Self.bytesEqual(value.baseAddress!, previous.baseAddress!, value.count) {
                indices.append(index)
                continue
            }
            let index = insert(value, hash: Self.hash(value))
            indices.append(index)
            previous = value
            previousIndex = index
        }
    }

    /// The dictionary page body, PLAIN-encoded.
    public func writeDictionaryPage(into sink: inout ByteBuffer) {
        values.withUnsafeBytes { raw in
            if width != nil {
                sink.append(raw: raw)
            } else {
                offsets.withUnsafeBufferPointer { PlainEncoder.encodeByteArray(bytes: raw, offsets: $0, into: &sink) }
            }
        }
    }

    /// A dictionary-encoded data page's values section: the bit-width byte, then the hybrid-encoded indices.
    /// A one-entry dictionary gets width 1, not the legal but rarely tested 0 (arrow-go once crashed on it).
    public static func encodeIndices(_ indices: UnsafeBufferPointer<UInt32>, dictionarySize: Int, into sink: inout ByteBuffer) {
        let bitWidth = max(1, RLEHybridEncoder.bitWidth(forMaxValue: UInt64(max(dictionarySize, 1) - 1)))
        sink.append(UInt8(bitWidth))
        RLEHybridEncoder.encode(indices, bitWidth: bitWidth, into: &sink)
    }

    /// Forgets every value (after the writer has flushed a dictionary page, for the next column chunk).
    public mutating func removeAll() {
        self = DictionaryEncoder(width: width)
    }

    /// Fixed widths up to 8 bytes: `key` is the value as an integer, `value` points at its bytes.
    @inline(__always)
    mutating func insert(key: UInt64, _ value: UnsafeRawPointer) -> UInt32 {
        let hash = Self.mix(key)
        let mask = slots.count - 1
        let tag = hash & Self.tagMask
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let content = slots[slot]
            if content == 0 { break }
            let entry = Int(truncatingIfNeeded: content & Self.entryMask) - 1
            if content & Self.tagMask == tag && keys[entry] == key { return UInt32(entry) }
            slot = (slot + 1) & mask
        }
        keys.append(key)
        return add(UnsafeRawBufferPointer(start: value, count: width!), hash: hash, slot: slot)
    }

    static func mix(_ key: UInt64) -> UInt64 {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return h &* 0xBF58_476D_1CE4_E5B9 ^ (h >> 29)
    }

    mutating func insert(_ value: UnsafeRawBufferPointer, hash: UInt64) -> UInt32 {
        let mask = slots.count - 1
        let tag = hash & Self.tagMask
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let content = slots[slot]
            if content == 0 { break }
            let entry = Int(truncatingIfNeeded: content & Self.entryMask) - 1
            if content & Self.tagMask == tag && entryEquals(entry, value) { return UInt32(entry) }
            slot = (slot + 1) & mask
        }
        return add(value, hash: hash, slot: slot)
    }

    /// Stores a new entry in the empty `slot`.
    mutating func add(_ value: UnsafeRawBufferPointer, hash: UInt64, slot: Int) -> UInt32 {
        let entry = hashes.count
        hashes.append(hash)
        values.append(raw: value)
        if width == nil { offsets.append(Int32(truncatingIfNeeded: values.count)) }
        slots[slot] = hash & Self.tagMask | UInt64(entry + 1)
        if hashes.count * 2 > slots.count { grow() }
        return UInt32(entry)
    }

    @inline(__always)
    func entryEquals(_ entry: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        let start: Int, count: Int
        if let width {
            start = entry &* width
            count = width
        } else {
            start = Int(offsets[entry])
            count = Int(offsets[entry &+ 1]) &- start
        }
        guard count == value.count else { return false }
        guard count > 0 else { return true }
        return values.withUnsafeBytes { Self.bytesEqual($0.baseAddress! + start, value.baseAddress!, count) }
    }

    static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000
    static let entryMask: UInt64 = 0x0000_0000_FFFF_FFFF

    mutating func grow() {
        let capacity = slots.count * 2
        var fresh = ContiguousArray<UInt64>(repeating: 0, count: capacity)
        let mask = capacity - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while fresh[slot] != 0 { slot = (slot + 1) & mask }
            fresh[slot] = hash & Self.tagMask | UInt64(entry + 1)
        }
        slots = fresh
    }

    /// `n` bytes at `a` and `b` equal: 8-byte words, then at most one 4-, 2- and 1-byte load.
    @inline(__always)
    static func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        var i = 0
        while i &+ 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i &+= 8
        }
        if n &- i >= 4 {
            if a.loadUnaligned(fromByteOffset: i, as: UInt32.self) != b.loadUnaligned(fromByteOffset: i, as: UInt32.self) { return false }
            i &+= 4
        }
        if n &- i >= 2 {
            if a.loadUnaligned(fromByteOffset: i, as: UInt16.self) != b.loadUnaligned(fromByteOffset: i, as: UInt16.self) { return false }
            i &+= 2
        }
        return i == n || a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self)
    }

    /// A fast 64-bit hash of the bytes: 8-byte words folded with multiply-xorshift, then finalized.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            // The last 1...7 bytes in at most three loads (4, 2, 1 bytes), never past the end.
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            if n &- i >= 4 {
                tail = UInt64(bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                i &+= 4
                shift = 32
            }
            if n &- i >= 2 {
                tail |= UInt64(bytes.loadUnaligned(fromByteOffset: i, as: UInt16.self)) << shift
                i &+= 2
                shift &+= 16
            }
            if i < n { tail |= UInt64(bytes.load(fromByteOffset: i, as: UInt8.self)) << shift }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }
}
