import Columnar

/// A column chunk's dictionary while it is being built: distinct values in first-seen order, found through
/// an open-addressing table of entry indices. Values are compared by their physical bytes, so NaN payloads
/// and -0.0/+0.0 stay distinct entries and round-trip bit for bit.
struct DictionaryBuilder: Sendable {
    /// The entries as a PLAIN-ready layout (fixed width, or offsets + bytes for BYTE_ARRAY).
    private(set) var entries: LeafValues
    private var table: ContiguousArray<Int32>
    private var hashes: ContiguousArray<UInt64> = []
    private var shift: UInt64
    /// Bytes the dictionary page holds, uncompressed (PLAIN: u32 length + bytes for BYTE_ARRAY).
    private(set) var plainSize = 0

    init(physicalType: PhysicalType, width: Int) {
        entries = LeafValues(physicalType: physicalType, width: width)
        if physicalType == .byteArray { entries.offsets = [0] }
        table = ContiguousArray(repeating: -1, count: 1024)
        shift = 64 - 10
    }

    var count: Int { entries.count }

    /// Looks up (inserting if new) values `range` of `values`, appending their indices.
    mutating func insert(_ values: LeafValues, _ range: Range<Int>, into indices: inout ContiguousArray<UInt32>) {
        indices.reserveCapacity(indices.count + range.count)
        switch (values.physicalType, values.width) {
        case (.byteArray, _): insertBytes(values, range, into: &indices)
        case (_, 4): insertFixed(values, range, UInt32.self, into: &indices)
        case (_, 8): insertFixed(values, range, UInt64.self, into: &indices)
        default: insertBytes(values, range, into: &indices)
        }
    }

    private mutating func insertFixed<T: FixedWidthInteger & BitwiseCopyable>(
        _ values: LeafValues, _ range: Range<Int>, _: T.Type, into indices: inout ContiguousArray<UInt32>
    ) {
        values.buffer.withUnsafeBufferPointer(as: T.self) { input in
            for i in range {
                let x = input[i]
                var slot = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: x) &* 0x9E37_79B9_7F4A_7C15) >> shift)
                let mask = table.count &- 1
                while true {
                    let e = table[slot]
                    if e < 0 {
                        let index = Int32(entries.count)
                        table[slot] = index
                        entries.buffer.append(x)
                        entries.count &+= 1
                        plainSize &+= MemoryLayout<T>.size
                        indices.append(UInt32(index))
                        if entries.count &* 2 > table.count { grow() }
                        break
                    }
                    if entries.buffer.load(Int(e), as: T.self) == x {
                        indices.append(UInt32(e))
                        break
                    }
                    slot = (slot &+ 1) & mask
                }
            }
        }
    }

    private mutating func insertBytes(_ values: LeafValues, _ range: Range<Int>, into indices: inout ContiguousArray<UInt32>) {
        let isByteArray = values.physicalType == .byteArray
        let width = values.width
        values.buffer.withUnsafeBytes { raw in
            let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            for i in range {
                let r = isByteArray ? values.range(i) : (i &* width)..<(i &* width &+ width)
                let value = UnsafeRawBufferPointer(start: base + r.lowerBound, count: r.count)
                let h = Self.hash(value)
                var slot = Int(truncatingIfNeeded: h >> shift)
                let mask = table.count &- 1
                while true {
                    let e = table[slot]
                    if e < 0 {
                        let index = Int32(entries.count)
                        table[slot] = index
                        appendEntry(value, hash: h)
                        indices.append(UInt32(index))
                        if entries.count &* 2 > table.count { grow() }
                        break
                    }
                    if hashes[Int(e)] == h && entryEquals(Int(e), value) {
                        indices.append(UInt32(e))
                        break
                    }
                    slot = (slot &+ 1) & mask
                }
            }
        }
    }

    private mutating func appendEntry(_ value: UnsafeRawBufferPointer, hash: UInt64) {
        entries.buffer.append(raw: value)
        if entries.physicalType == .byteArray {
            entries.offsets.append(Int32(truncatingIfNeeded: entries.buffer.count))
            plainSize &+= 4
        }
        entries.count &+= 1
        plainSize &+= value.count
        hashes.append(hash)
    }

    private func entryEquals(_ e: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        let r = entries.physicalType == .byteArray ? entries.range(e) : (e &* entries.width)..<(e &* entries.width &+ entries.width)
        guard r.count == value.count else { return false }
        return entries.buffer.withUnsafeBytes { stored in
            value.count == 0 || memcmp(stored.baseAddress! + r.lowerBound, value.baseAddress!, value.count) == 0
        }
    }

    /// Doubles the table and re-slots every entry.
    private mutating func grow() {
        let capacity = table.count &* 2
        shift -= 1
        table = ContiguousArray(repeating: -1, count: capacity)
        let mask = capacity &- 1
        for e in 0..<entries.count {
            let h: UInt64
            switch (entries.physicalType, entries.width) {
            case (.byteArray, _): h = hashes[e]
            case (_, 4): h = UInt64(entries.buffer.load(e, as: UInt32.self)) &* 0x9E37_79B9_7F4A_7C15
            case (_, 8): h = entries.buffer.load(e, as: UInt64.self) &* 0x9E37_79B9_7F4A_7C15
            default: h = hashes[e]
            }
            var slot = Int(truncatingIfNeeded: h >> shift)
            while table[slot] >= 0 { slot = (slot &+ 1) & mask }
            table[slot] = Int32(e)
        }
    }

    /// A fast multiplicative hash over 8-byte words; good enough for slotting, equality is checked anyway.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i &+ 8 <= n {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i &+= 8
        }
        if i < n {
            var tail: UInt64 = 0
            for k in i..<n { tail |= UInt64(bytes[k]) << UInt64((k &- i) &* 8) }
            h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        return (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
    }
}

@inline(__always)
private func memcmp(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Int32 {
    var i = 0
    while i &+ 8 <= n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return 1 }
        i &+= 8
    }
    while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return 1 }
        i &+= 1
    }
    return 0
}
