import Columnar

/// Join keys whose columns are integers (or dates, times, timestamps, short decimals, booleans) together at
/// most 8 bytes wide, packed into one `UInt64` per row: equal words are equal keys, so the join table
/// compares words instead of encoded byte strings.
enum PackedKeys {
    static func fit(_ types: [DataType]) -> Bool {
        var bytes = 0
        for type in types {
            switch type {
            case .float16, .float32, .float64, .fixedBinary, .null: return false
            default: break
            }
            guard let width = type.fixedWidth, width > 0 else { return false }
            bytes += width
        }
        return bytes <= 8
    }

    /// The packed key of each row in `rows` (physical indices), and 1 in `nulls` where any column is NULL.
    static func pack(_ columns: [Vector], rows: UnsafeBufferPointer<Int32>) -> (words: ContiguousArray<UInt64>, nulls: ContiguousArray<UInt8>) {
        var words = ContiguousArray<UInt64>(repeating: 0, count: rows.count)
        var nulls = ContiguousArray<UInt8>(repeating: 0, count: rows.count)
        for column in columns {
            switch column.type.fixedWidth {
            case 1: append(column, UInt8.self, rows, &words)
            case 2: append(column, UInt16.self, rows, &words)
            case 4: append(column, UInt32.self, rows, &words)
            default: append(column, UInt64.self, rows, &words)
            }
            guard column.validity != nil else { continue }
            for k in 0..<rows.count where column.isNull(Int(rows[k])) { nulls[k] = 1 }
        }
        return (words, nulls)
    }

    private static func append<T: FixedWidthInteger & UnsignedInteger & BitwiseCopyable>(
        _ column: Vector, _: T.Type, _ rows: UnsafeBufferPointer<Int32>, _ words: inout ContiguousArray<UInt64>
    ) {
        column.withValues(as: T.self) { values in
            words.withUnsafeMutableBufferPointer { out in
                for k in 0..<rows.count {
                    // `<<` by the full width yields 0, so a single 8-byte column needs no special case.
                    out[k] = (out[k] << T.bitWidth) | UInt64(values[Int(rows[k])])
                }
            }
        }
    }
}

/// An open-addressed (linear probing) table from packed keys to the first build row holding the key; the
/// other rows with that key are chained by the join through its own `next` array. Sized once for the
/// number of keys it will hold, at most half full.
struct PackedKeyTable {
    private var keys: ContiguousArray<UInt64>
    private var heads: ContiguousArray<Int32>
    private let shift: UInt64

    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        keys = ContiguousArray(repeating: 0, count: 1 << bits)
        heads = ContiguousArray(repeating: -1, count: 1 << bits)
        shift = 64 - bits
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Makes `row` the head of `key`'s chain; returns the previous head (-1 if none).
    @inline(__always)
    mutating func insert(_ key: UInt64, row: Int32) -> Int32 {
        let mask = heads.count - 1
        var index = slot(key)
        while heads[index] >= 0 && keys[index] != key { index = (index + 1) & mask }
        let previous = heads[index]
        keys[index] = key
        heads[index] = row
        return previous
    }

    /// The head of `key`'s chain, or -1.
    @inline(__always)
    func head(_ key: UInt64) -> Int32 {
        keys.withUnsafeBufferPointer { keys in
            heads.withUnsafeBufferPointer { heads in
                let mask = heads.count - 1
                var index = slot(key)
                while true {
                    let h = heads[index]
                    if h < 0 || keys[index] == key { return h }
                    index = (index + 1) & mask
                }
            }
        }
    }
}
