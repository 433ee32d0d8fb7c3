import Columnar

/// Join and group keys whose columns are integers (or dates, times, timestamps, decimals, booleans) together
/// at most 8 bytes wide, packed into one `UInt64` per row (up to 16 bytes into a `UInt128`): equal words are
/// equal keys, so the tables compare words instead of encoded byte strings.
enum PackedKeys {
    static func fit(_ types: [DataType]) -> Bool { width(types).map { $0 <= 8 } ?? false }

    /// The packed width in bytes, or nil when a column is not an integer-like type.
    static func width(_ types: [DataType]) -> Int? {
        var bytes = 0
        for type in types {
            switch type {
            case .float16, .float32, .float64, .fixedBinary, .null: return nil
            default: break
            }
            guard let width = type.fixedWidth, width > 0 else { return nil }
            bytes += width
        }
        return bytes
    }

    /// The packed key of each row in `rows` (physical indices), and in `nulls` bit `c` set where column `c`
    /// is NULL (its bits in the word are then 0, so equal words with equal null bits are equal keys, NULLs
    /// included, as grouping needs). The columns' widths must add up to at most `Word`'s.
    static func pack<Word: FixedWidthInteger & UnsignedInteger>(
        _ columns: [Vector], rows: UnsafeBufferPointer<Int32>, as _: Word.Type = UInt64.self
    ) -> (words: ContiguousArray<Word>, nulls: ContiguousArray<UInt8>) {
        var words = ContiguousArray<Word>(repeating: 0, count: rows.count)
        var nulls = ContiguousArray<UInt8>(repeating: 0, count: rows.count)
        for (c, column) in columns.enumerated() {
            let width = column.type.fixedWidth ?? 8
            switch width {
            case 1: append(column, UInt8.self, rows, &words)
            case 2: append(column, UInt16.self, rows, &words)
            case 4: append(column, UInt32.self, rows, &words)
            case 16: append(column, UInt128.self, rows, &words)
            default: append(column, UInt64.self, rows, &words)
            }
            guard column.validity != nil else { continue }
            let valueMask: Word = width * 8 >= Word.bitWidth ? ~0 : (1 << (width * 8)) - 1
            for k in 0..<rows.count where column.isNull(Int(rows[k])) {
                nulls[k] |= UInt8(1) << UInt8(c)
                words[k] &= ~valueMask
            }
        }
        return (words, nulls)
    }

    private static func append<T: FixedWidthInteger & UnsignedInteger & BitwiseCopyable, Word: FixedWidthInteger>(
        _ column: Vector, _: T.Type, _ rows: UnsafeBufferPointer<Int32>, _ words: inout ContiguousArray<Word>
    ) {
        column.withValues(as: T.self) { values in
            words.withUnsafeMutableBufferPointer { out in
                for k in 0..<rows.count {
                    // `<<` by the full width yields 0, so a column as wide as the word needs no special case.
                    out[k] = (out[k] << T.bitWidth) | Word(truncatingIfNeeded: values[Int(rows[k])])
                }
            }
        }
    }
}

/// An open-addressed (linear probing) table from packed keys to the first build row holding the key; the
/// other rows with that key are chained by the join through its own `next` array. Sized once for the
/// number of keys it will hold, at most half full; a slot keeps key and head together (one cache line per
/// probe). A table too big for the cache also gets a `KeyRangeFilter` when its keys are dense enough, so
/// probe rows without a match (most of them in a selective join) are turned away by one bit.
struct PackedKeyTable<Word: FixedWidthInteger & UnsignedInteger> {
    struct Slot {
        var key: Word
        var head: Int32
        static var empty: Slot { Slot(key: 0, head: -1) }
    }

    private var slots: ContiguousArray<Slot>
    private let shift: Int
    private var filter: KeyRangeFilter<Word>?

    init(capacity: Int) {
        var bits = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = ContiguousArray(repeating: .empty, count: 1 << bits)
        shift = 64 - bits
    }

    /// A table holding `keys` (rows whose `nulls` is non-zero are left out); `next[r]` chains row r to the
    /// previous row with its key (-1 ends a chain).
    init(keys: ContiguousArray<Word>, nulls: ContiguousArray<UInt8>, next: inout ContiguousArray<Int32>) {
        self.init(capacity: keys.count)
        for r in 0..<keys.count where nulls[r] == 0 { next[r] = insert(keys[r], row: Int32(truncatingIfNeeded: r)) }
        if slots.count * MemoryLayout<Slot>.stride >= KeyRangeFilter<Word>.minimumTableBytes {
            filter = KeyRangeFilter(keys: keys, nulls: nulls, tableBytes: slots.count * MemoryLayout<Slot>.stride)
        }
    }

    /// Fibonacci hashing of the key folded to 64 bits: the product's top bits pick the slot.
    @inline(__always)
    private func slot(_ key: Word) -> Int {
        // `>> 64` of a UInt64 is 0 (smart shift), so a one-word key folds to itself.
        let folded = UInt64(truncatingIfNeeded: key) ^ (UInt64(truncatingIfNeeded: key >> 64) &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: (folded &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    /// Makes `row` the head of `key`'s chain; returns the previous head (-1 if none).
    @inline(__always)
    mutating func insert(_ key: Word, row: Int32) -> Int32 {
        let index = slot(key)
        return slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = index
            while slots[index].head >= 0 && slots[index].key != key { index = (index + 1) & mask }
            let previous = slots[index].head
            slots[index] = Slot(key: key, head: row)
            return previous
        }
    }

    /// The head of `key`'s chain, or -1.
    @inline(__always)
    func head(_ key: Word) -> Int32 {
        if let filter, !filter.mayContain(key) { return -1 }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = slot(key)
            while true {
                let s = slots[index]
                if s.head < 0 || s.key == key { return s.head }
                index = (index + 1) & mask
            }
        }
    }
}

/// Exact membership of packed keys over their range [min, max], one bit per value: a build side whose keys
/// are dense integers (order keys, customer keys) answers "no match" from a bitmap far smaller than its hash
/// table, which stays in cache where the table does not.
struct KeyRangeFilter<Word: FixedWidthInteger & UnsignedInteger> {
    /// Tables smaller than this stay in cache; a filter would only add work.
    static var minimumTableBytes: Int { 1 << 20 }
    private let minimum: Word
    private let span: Word
    private var bits: ContiguousArray<UInt64>

    /// Nil when the keys are too sparse: the bitmap may be at most as big as the table's slots.
    init?(keys: ContiguousArray<Word>, nulls: ContiguousArray<UInt8>, tableBytes: Int) {
        var low = Word.max, high = Word.min
        for r in 0..<keys.count where nulls[r] == 0 {
            low = min(low, keys[r])
            high = max(high, keys[r])
        }
        guard low <= high, high - low < Word(tableBytes) * 8 else { return nil }
        minimum = low
        span = high - low
        bits = ContiguousArray(repeating: 0, count: Int(span / 64) + 1)
        bits.withUnsafeMutableBufferPointer { bits in
            for r in 0..<keys.count where nulls[r] == 0 {
                let offset = Int(truncatingIfNeeded: keys[r] &- low)
                bits[offset >> 6] |= 1 << UInt64(offset & 63)
            }
        }
    }

    @inline(__always)
    func mayContain(_ key: Word) -> Bool {
        let wide = key &- minimum
        guard wide <= span else { return false }
        let offset = Int(truncatingIfNeeded: wide)
        return bits.withUnsafeBufferPointer { $0[offset >> 6] & (1 << UInt64(offset & 63)) != 0 }
    }
}
