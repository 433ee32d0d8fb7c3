import Columnar

/// The hash aggregate's group keys as dense ids 0, 1, 2, ... in first-seen order, in the cheapest layout the
/// key types allow: integers that fit one word together are packed (`PackedGroupTable`); short strings among
/// them are first replaced by per-column codes (`StringCodeTable`, 4 bytes each), so TPC-H Q1's two flag
/// columns pack too; integers that fit a word beside strings or wider integers pack and lead, the others
/// compared with the leader's group (`LeadingKeyTable`, TPC-H Q10); anything else is encoded (`KeyEncoder`)
/// into a `KeyTable`. A coded or leading table turns itself into an encoded one, ids kept, when a string
/// column shows many distinct values, many rows are not decided by the leading integers, or the aggregate
/// spills.
struct GroupKeyTable {
    /// Distinct values per coded string column beyond which encoding is cheaper than coding.
    static let maximumCodes = 1 << 16
    private var encoded = KeyTable()
    private var packed: PackedGroupTable?
    private var codes: [StringCodeTable?]?
    private var leading: LeadingKeyTable?

    init(types: [DataType]) {
        var width = 0, coded = false
        for type in types {
            if type == .string || type == .binary {
                (width, coded) = (width + 4, true)
            } else if let w = PackedKeys.width([type]) {
                width += w
            } else {
                width = .max
                break
            }
        }
        guard !types.isEmpty, width <= 8 else {
            leading = LeadingKeyTable(types: types)
            return
        }
        packed = PackedGroupTable()
        if coded { codes = types.map { $0 == .string || $0 == .binary ? StringCodeTable() : nil } }
    }

    var count: Int { packed?.count ?? leading?.count ?? encoded.count }

    var byteSize: Int {
        encoded.byteSize + (packed?.byteSize ?? 0) + (codes ?? []).reduce(0) { $0 + ($1?.byteSize ?? 0) }
            + (leading?.byteSize ?? 0)
    }

    /// The id of every live row's key into `ids`, inserting new keys; the positions (into `rows`) of keys
    /// seen for the first time go to `fresh`, in id order. `groupColumns` holds the known groups' values.
    mutating func findOrInsert(
        _ keys: [Vector], rows: ContiguousArray<Int32>, groupColumns: [Vector], ids: inout ContiguousArray<Int32>,
        fresh: inout ContiguousArray<Int32>
    ) {
        if var table = leading.take() {
            table.findOrInsert(keys, rows: rows, groupColumns: groupColumns, ids: &ids, fresh: &fresh)
            leading = table
            return
        }
        guard var table = packed.take() else {
            encoded.findOrInsert(KeyEncoder(columns: keys.count).encode(keys, rows: rows), ids: &ids, fresh: &fresh)
            return
        }
        let (words, nulls) = rows.withUnsafeBufferPointer { PackedKeys.pack(packable(keys, $0), rows: $0) }
        table.findOrInsert(words, nulls, ids: &ids, fresh: &fresh)
        packed = table
    }

    /// True when a coded string column has so many values, or so many rows were not decided by the leading
    /// integers, that encoding would be cheaper.
    var outgrewCodes: Bool {
        if let leading { return leading.mismatches > leading.count / 4 + 1024 }
        return (codes ?? []).contains { ($0?.count ?? 0) > Self.maximumCodes }
    }

    /// Switches a coded table to encoded keys: the groups' values (`groupColumns`, by id) are encoded and
    /// interned in id order, so every id stays. Packed integer keys stay as they are.
    mutating func stopCoding(_ groupColumns: [Vector]) {
        guard codes != nil || leading != nil else { return }
        let n = count
        let rows = ContiguousArray<Int32>.rows(0..<n)
        var table = KeyTable(capacity: n)
        var ids = ContiguousArray<Int32>(repeating: 0, count: n), fresh = ContiguousArray<Int32>()
        table.findOrInsert(KeyEncoder(columns: groupColumns.count).encode(groupColumns, rows: rows), ids: &ids, fresh: &fresh)
        (encoded, packed, codes, leading) = (table, nil, nil, nil)
    }

    /// Once spilling (after `stopCoding`): the live rows whose group is known, with their ids; the others go
    /// to their partitions.
    func route(_ partitions: AggregatePartitions, _ batch: Batch, _ keys: [Vector], _ rows: ContiguousArray<Int32>) throws
        -> (rows: ContiguousArray<Int32>, ids: ContiguousArray<Int32>)
    {
        if let table = packed {
            let (words, nulls) = rows.withUnsafeBufferPointer { PackedKeys.pack(keys, rows: $0) }
            return try partitions.route(batch, rows) { k in
                let hash = PackedGroupTable.hash(words[k], nulls[k])
                return (hash, table.find(words[k], nulls[k], hash: hash))
            }
        }
        let keyBytes = KeyEncoder(columns: keys.count).encode(keys, rows: rows)
        return try partitions.route(batch, rows) { k in
            keyBytes.withKey(k) { key in
                let hash = KeyHash.hash(key)
                return (hash, encoded.find(key, hash: hash))
            }
        }
    }

    /// The key columns to pack: coded string columns replaced by their codes.
    private mutating func packable(_ keys: [Vector], _ rows: UnsafeBufferPointer<Int32>) -> [Vector] {
        guard var tables = codes.take() else { return keys }
        defer { codes = tables }
        return keys.indices.map { c in
            guard var table = tables[c].take() else { return keys[c] }
            defer { tables[c] = table }
            return table.codes(keys[c], rows: rows)
        }
    }
}
