import Columnar

/// How one key column orders: direction and where NULLs go. Grouping and joins use `.ascending` (any
/// consistent encoding works for equality).
public struct SortOrder: Sendable, Hashable {
    public var descending: Bool
    public var nullsFirst: Bool

    public init(descending: Bool = false, nullsFirst: Bool? = nil) {
        self.descending = descending
        // DuckDB's default: NULLS LAST for ASC and DESC alike.
        self.nullsFirst = nullsFirst ?? false
    }

    public static let ascending = SortOrder()
}

/// Row keys as byte strings whose `memcmp` order is the SQL order of the key columns and whose equality is SQL
/// "not distinct" equality (NULL = NULL, NaN = NaN, -0 = 0). Grouping, joins, DISTINCT, set operations and
/// sorting all compare these bytes, so no operator needs per-type comparison code, and the encoded keys live in
/// flat arenas that can be spilled as they are.
///
/// Layout per column: one marker byte (NULL sorts by `nullsFirst`), then the value: integers big-endian with
/// the sign bit flipped, floats with the IEEE order trick, strings with 0x00 escaped as 0x00 0xFF and ended by
/// 0x00 0x00, nested values recursively; descending columns invert their value bytes.
struct KeyEncoder {
    let orders: [SortOrder]

    init(_ orders: [SortOrder]) { self.orders = orders }
    init(columns: Int) { orders = Array(repeating: .ascending, count: columns) }

    /// Encodes rows `rows` of `columns` (physical indices) into one arena, one key per row.
    func encode(_ columns: [Vector], rows: UnsafeBufferPointer<Int32>) -> EncodedKeys {
        var sizes = ContiguousArray<Int32>(repeating: 0, count: rows.count)
        for column in columns { addSizes(column, rows, &sizes) }
        var offsets = ContiguousArray<Int32>(repeating: 0, count: rows.count + 1)
        for i in 0..<rows.count { offsets[i + 1] = offsets[i] &+ sizes[i] }
        var bytes = ContiguousArray<UInt8>(repeating: 0, count: Int(offsets[rows.count]))
        var cursor = ContiguousArray(offsets.dropLast())
        bytes.withUnsafeMutableBufferPointer { out in
            for (c, column) in columns.enumerated() {
                write(column, rows, orders[c], out, &cursor)
            }
        }
        return EncodedKeys(bytes: bytes, offsets: offsets)
    }

    func encode(_ columns: [Vector], rows: ContiguousArray<Int32>) -> EncodedKeys {
        rows.withUnsafeBufferPointer { encode(columns, rows: $0) }
    }

    private func addSizes(_ v: Vector, _ rows: UnsafeBufferPointer<Int32>, _ sizes: inout ContiguousArray<Int32>) {
        if let width = Self.valueWidth(v.type) {
            for i in 0..<rows.count { sizes[i] &+= 1 &+ (v.isNull(Int(rows[i])) ? 0 : Int32(width)) }
            return
        }
        if v.type.isVariableWidth {
            v.withBytes { reader in
                for i in 0..<rows.count {
                    let r = Int(rows[i])
                    if v.isNull(r) { sizes[i] &+= 1; continue }
                    let raw = reader.row(r)
                    sizes[i] &+= Int32(3 + raw.count + Self.zeroBytes(raw))
                }
            }
            return
        }
        for i in 0..<rows.count { sizes[i] &+= Int32(1 + Self.nested(v, Int(rows[i])).count) }
    }

    /// Encoded width of a fixed-width value, or nil for strings and nested types.
    static func valueWidth(_ type: DataType) -> Int? {
        switch type {
        case .null: 0
        case .float16: 4
        case .string, .binary, .list, .structure, .map: nil
        default: type.fixedWidth
        }
    }

    private func write(
        _ v: Vector, _ rows: UnsafeBufferPointer<Int32>, _ order: SortOrder, _ out: UnsafeMutableBufferPointer<UInt8>,
        _ cursor: inout ContiguousArray<Int32>
    ) {
        let nullMarker: UInt8 = order.nullsFirst ? 0 : 2
        let flip: UInt8 = order.descending ? 0xFF : 0
        switch v.type {
        case .int32, .date: return writeSigned(v, Int32.self, rows, nullMarker, flip, out, &cursor)
        case .int64, .timestamp, .time: return writeSigned(v, Int64.self, rows, nullMarker, flip, out, &cursor)
        case .string, .binary: return writeBytes(v, rows, nullMarker, flip, out, &cursor)
        default: break
        }
        for i in 0..<rows.count {
            let r = Int(rows[i])
            var at = Int(cursor[i])
            if v.isNull(r) {
                out[at] = nullMarker
                cursor[i] = Int32(at + 1)
                continue
            }
            out[at] = 1
            at += 1
            at = KeyValueWriter.write(v, r, out, at, flip)
            cursor[i] = Int32(at)
        }
    }

    /// The common integer columns, specialized: no per-row type dispatch.
    private func writeSigned<T: FixedWidthInteger & BitwiseCopyable>(
        _ v: Vector, _: T.Type, _ rows: UnsafeBufferPointer<Int32>, _ nullMarker: UInt8, _ flip: UInt8,
        _ out: UnsafeMutableBufferPointer<UInt8>, _ cursor: inout ContiguousArray<Int32>
    ) {
        v.withValues(as: T.self) { x in
            for i in 0..<rows.count {
                let r = Int(rows[i])
                let at = Int(cursor[i])
                if v.validity != nil && v.isNull(r) {
                    out[at] = nullMarker
                    cursor[i] = Int32(at + 1)
                    continue
                }
                out[at] = 1
                cursor[i] = Int32(KeyValueWriter.signed(x[r], out, at + 1, flip))
            }
        }
    }

    /// Strings and binaries, specialized: a value without 0x00 bytes (nearly all) is copied whole.
    private func writeBytes(
        _ v: Vector, _ rows: UnsafeBufferPointer<Int32>, _ nullMarker: UInt8, _ flip: UInt8,
        _ out: UnsafeMutableBufferPointer<UInt8>, _ cursor: inout ContiguousArray<Int32>
    ) {
        guard let outBase = out.baseAddress else { return }
        v.withBytes { reader in
            for i in 0..<rows.count {
                let r = Int(rows[i])
                var at = Int(cursor[i])
                if v.validity != nil && v.isNull(r) {
                    out[at] = nullMarker
                    cursor[i] = Int32(at + 1)
                    continue
                }
                out[at] = 1
                let raw = reader.row(r)
                if flip == 0, Self.zeroBytes(raw) == 0, let source = raw.baseAddress {
                    let bytes = source.assumingMemoryBound(to: UInt8.self)
                    if raw.count < 16 {
                        for b in 0..<raw.count { outBase[at + 1 + b] = bytes[b] }
                    } else {
                        (outBase + at + 1).update(from: bytes, count: raw.count)
                    }
                    at += 1 + raw.count
                    out[at] = 0
                    out[at + 1] = 0
                    cursor[i] = Int32(at + 2)
                } else {
                    cursor[i] = Int32(KeyValueWriter.write(v, r, out, at + 1, flip))
                }
            }
        }
    }

    /// How many 0x00 bytes `raw` holds, eight bytes at a time (a word without a zero byte is skipped whole).
    @inline(__always)
    static func zeroBytes(_ raw: UnsafeRawBufferPointer) -> Int {
        guard let base = raw.baseAddress else { return 0 }
        let n = raw.count
        var zeros = 0, i = 0
        while i + 8 <= n {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 {
                for k in 0..<8 where base.load(fromByteOffset: i + k, as: UInt8.self) == 0 { zeros &+= 1 }
            }
            i += 8
        }
        while i < n {
            if base.load(fromByteOffset: i, as: UInt8.self) == 0 { zeros &+= 1 }
            i += 1
        }
        return zeros
    }

    /// A nested value's encoding (ascending), for lists, structs and maps.
    static func nested(_ v: Vector, _ row: Int) -> [UInt8] {
        var out: [UInt8] = []
        KeyValueWriter.appendNested(v, row, &out)
        return out
    }
}

/// Keys of many rows in one arena.
struct EncodedKeys {
    var bytes: ContiguousArray<UInt8>
    var offsets: ContiguousArray<Int32>

    var count: Int { offsets.count - 1 }

    @inline(__always)
    func withKey<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[Int(offsets[i])..<Int(offsets[i + 1])]))
        }
    }
}
