import Columnar

/// The distinct values of one string (or binary) group column as dense codes 0, 1, 2, ... in first-seen
/// order, so a GROUP BY over short strings and narrow integers (TPC-H Q1's flags) packs its key into one word
/// (`PackedGroupTable`) instead of encoding every row's bytes. Values live in one arena; slots are open
/// addressed and hold the code and 32 hash bits.
struct StringCodeTable {
    private struct Slot {
        var code: Int32
        var tag: UInt32
        static let empty = Slot(code: -1, tag: 0)
    }

    private var arena = ContiguousArray<UInt8>()
    private var offsets: ContiguousArray<Int> = [0]
    private var slots = ContiguousArray<Slot>(repeating: .empty, count: 16)

    var count: Int { offsets.count - 1 }

    /// Bytes held: the arena, offsets and slots.
    var byteSize: Int { arena.count + offsets.count * 8 + slots.count * MemoryLayout<Slot>.stride }

    /// A `.uint32` vector as long as `column` holding the codes of its rows `rows` (NULL rows NULL), inserting
    /// new values; other rows are 0. Values of at most 3 bytes are their own code (`inlineCode`), with no
    /// lookup: single-character flags (TPC-H Q1's) never hash.
    mutating func codes(_ column: Vector, rows: UnsafeBufferPointer<Int32>) -> Vector {
        var buffer = ByteBuffer(capacity: column.count * 4)
        buffer.resize(column.count * 4)
        var validity: Validity? = nil
        let hasNulls = column.validity != nil
        buffer.withUnsafeMutableBufferPointer(as: UInt32.self) { codes in
            column.withBytes { reader in
                var previous = UnsafeRawBufferPointer(start: nil, count: 0), previousCode: UInt32? = nil
                for k in 0..<rows.count {
                    let r = Int(rows[k])
                    if hasNulls && column.isNull(r) {
                        if validity == nil { validity = Validity(allValid: column.count) }
                        validity?.set(r, valid: false)
                        continue
                    }
                    let value = reader.row(r)
                    if value.count <= 3 {
                        codes[r] = Self.inlineCode(value)
                        continue
                    }
                    // Runs of one value (clustered input) skip the lookup.
                    if let code = previousCode, Self.same(value, previous) {
                        codes[r] = code
                        continue
                    }
                    let code = UInt32(truncatingIfNeeded: findOrInsert(value))
                    codes[r] = code
                    (previous, previousCode) = (value, code)
                }
            }
        }
        return Vector(type: .uint32, count: column.count, validity: validity, buffer: buffer)
    }

    /// A value of at most 3 bytes as a code: the top bit set (table codes stay below `GroupKeyTable`'s
    /// `maximumCodes`), its length, then its bytes.
    @inline(__always)
    private static func inlineCode(_ value: UnsafeRawBufferPointer) -> UInt32 {
        var code = 0x8000_0000 | UInt32(truncatingIfNeeded: value.count) << 24
        for i in 0..<value.count { code |= UInt32(value[i]) << (8 * UInt32(truncatingIfNeeded: i)) }
        return code
    }

    @inline(__always)
    private static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        return memcmpEqual(pa, pb, a.count)
    }

    private mutating func findOrInsert(_ value: UnsafeRawBufferPointer) -> Int32 {
        if count * 2 >= slots.count { grow() }
        let hash = KeyHash.hash(value)
        let tag = UInt32(truncatingIfNeeded: hash >> 32), mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.code < 0 {
                let code = Int32(truncatingIfNeeded: count)
                slots[index] = Slot(code: code, tag: tag)
                arena.append(contentsOf: value)
                offsets.append(arena.count)
                return code
            }
            if slot.tag == tag && equals(Int(slot.code), value) { return slot.code }
            index = (index + 1) & mask
        }
    }

    private func equals(_ code: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        arena.withUnsafeBytes { raw in
            Self.same(UnsafeRawBufferPointer(rebasing: raw[offsets[code]..<offsets[code + 1]]), value)
        }
    }

    private mutating func grow() {
        var fresh = ContiguousArray<Slot>(repeating: .empty, count: slots.count * 2)
        let mask = fresh.count - 1
        arena.withUnsafeBytes { raw in
            for code in 0..<count {
                let hash = KeyHash.hash(UnsafeRawBufferPointer(rebasing: raw[offsets[code]..<offsets[code + 1]]))
                var index = Int(truncatingIfNeeded: hash) & mask
                while fresh[index].code >= 0 { index = (index + 1) & mask }
                fresh[index] = Slot(code: Int32(code), tag: UInt32(truncatingIfNeeded: hash >> 32))
            }
        }
        slots = fresh
    }
}
