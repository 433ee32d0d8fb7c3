import Columnar

/// Group keys of integer columns that pack into one word plus other columns (strings, wider integers), for
/// the common GROUP BY that lists a key with columns depending on it (TPC-H Q10: c_custkey with c_name,
/// c_address, c_phone, ...). The packed word finds the first group with those integers (`PackedGroupTable`),
/// and the row's other columns are compared with that group's values column by column, so no row is encoded.
/// A row whose other columns differ (the integers did not decide its group) goes through encoded keys
/// (`KeyTable`), which hold exactly the groups that are not the first with their integers; `GroupKeyTable`
/// switches to encoding everything when such rows are many. Ids are dense, in first-seen order.
struct LeadingKeyTable {
    /// The key columns packed into the word, and the compared ones.
    let leading: [Int]
    let rest: [Int]
    private var leaders = PackedGroupTable()
    /// The group of each packed word's first group.
    private var leaderGroup = ContiguousArray<Int32>()
    private var others = KeyTable(capacity: 16)
    private var otherGroup = ContiguousArray<Int32>()
    private(set) var count = 0
    /// Rows whose compared columns differed from their leader's.
    private(set) var mismatches = 0

    /// Nil unless some columns pack and all the others compare by their bytes.
    init?(types: [DataType]) {
        var leading: [Int] = [], rest: [Int] = [], width = 0
        for (c, type) in types.enumerated() {
            if let w = PackedKeys.width([type]), width + w <= 8 {
                (leading, width) = (leading + [c], width + w)
            } else if type == .string || type == .binary || PackedKeys.width([type]) != nil {
                rest.append(c)
            } else {
                return nil
            }
        }
        guard !leading.isEmpty, !rest.isEmpty else { return nil }
        (self.leading, self.rest) = (leading, rest)
    }

    var byteSize: Int {
        leaders.byteSize + leaderGroup.count * 4 + others.byteSize + otherGroup.count * 4
    }

    /// The group of every row of `rows` into `ids`, new groups' positions (into `rows`) into `fresh`, in id
    /// order. `groupColumns` holds the values of the groups of earlier batches, by id.
    mutating func findOrInsert(
        _ keys: [Vector], rows: ContiguousArray<Int32>, groupColumns: [Vector], ids: inout ContiguousArray<Int32>,
        fresh: inout ContiguousArray<Int32>
    ) {
        let (words, nulls) = rows.withUnsafeBufferPointer { PackedKeys.pack(leading.map { keys[$0] }, rows: $0) }
        var leaderIds = ContiguousArray<Int32>(repeating: 0, count: rows.count), newLeaders = ContiguousArray<Int32>()
        leaders.findOrInsert(words, nulls, ids: &leaderIds, fresh: &newLeaders)
        // Groups from `first` on are new in this batch: their values are still in `keys`, at `firstRow`.
        let first = count
        var firstRow = ContiguousArray<Int32>()
        ColumnView.with(rest.map { keys[$0] }) { batch in
            ColumnView.with(rest.map { groupColumns[$0] }) { known in
                for k in 0..<rows.count {
                    let leader = Int(leaderIds[k]), r = Int(rows[k])
                    if leader == leaderGroup.count {
                        leaderGroup.append(Int32(truncatingIfNeeded: count))
                        ids[k] = add(r, k, &firstRow, &fresh)
                        continue
                    }
                    let g = Int(leaderGroup[leader])
                    let same = g >= first
                        ? ColumnView.equal(batch, r, batch, Int(firstRow[g - first]))
                        : ColumnView.equal(batch, r, known, g)
                    ids[k] = same ? Int32(truncatingIfNeeded: g) : other(keys, r, k, &firstRow, &fresh)
                }
            }
        }
    }

    /// A new group for physical row `r` (position `k`).
    private mutating func add(_ r: Int, _ k: Int, _ firstRow: inout ContiguousArray<Int32>,
                              _ fresh: inout ContiguousArray<Int32>) -> Int32 {
        firstRow.append(Int32(truncatingIfNeeded: r))
        fresh.append(Int32(truncatingIfNeeded: k))
        count += 1
        return Int32(truncatingIfNeeded: count - 1)
    }

    /// The group of a row its leader's group does not match, through its encoded key.
    private mutating func other(_ keys: [Vector], _ r: Int, _ k: Int, _ firstRow: inout ContiguousArray<Int32>,
                                _ fresh: inout ContiguousArray<Int32>) -> Int32 {
        mismatches += 1
        let key = KeyEncoder(columns: keys.count).encode(keys, rows: [Int32(truncatingIfNeeded: r)])
        let (id, inserted) = key.withKey(0) { others.findOrInsert($0, hash: KeyHash.hash($0)) }
        if !inserted { return otherGroup[Int(id)] }
        otherGroup.append(Int32(truncatingIfNeeded: count))
        return add(r, k, &firstRow, &fresh)
    }
}

/// Read access to a key column's rows as bytes, for comparing rows of two vectors of one type without
/// encoding them: strings and binaries by their bytes, fixed-width values by their `width` bytes.
struct ColumnView {
    let base: UnsafeRawPointer?
    let offsets: UnsafeBufferPointer<Int32>
    let width: Int
    let validity: Validity?

    /// Calls `body` with views of `vectors`, valid during the call.
    static func with<R>(_ vectors: [Vector], _ body: ([ColumnView]) -> R) -> R {
        var views: [ColumnView] = []
        views.reserveCapacity(vectors.count)
        func nest(_ i: Int) -> R {
            guard i < vectors.count else { return body(views) }
            let v = vectors[i]
            return v.offsets.withUnsafeBufferPointer { offsets in
                v.buffer.withUnsafeBytes { raw in
                    views.append(ColumnView(base: raw.baseAddress.map { UnsafeRawPointer($0) }, offsets: offsets,
                                            width: v.type.isVariableWidth ? 0 : v.type.fixedWidth ?? 0,
                                            validity: v.validity))
                    return nest(i + 1)
                }
            }
        }
        return nest(0)
    }

    /// Row `a` of views `x` equals row `b` of views `y` (NULL equal to NULL), column by column.
    @inline(__always)
    static func equal(_ x: [ColumnView], _ a: Int, _ y: [ColumnView], _ b: Int) -> Bool {
        for c in 0..<x.count where !x[c].equal(a, y[c], b) { return false }
        return true
    }

    @inline(__always)
    func equal(_ a: Int, _ other: ColumnView, _ b: Int) -> Bool {
        let nullA = validity.map { !$0.isValid(a) } ?? false, nullB = other.validity.map { !$0.isValid(b) } ?? false
        if nullA || nullB { return nullA == nullB }
        if width > 0 {
            guard let p = base, let q = other.base else { return false }
            return memcmpEqual(p + a * width, q + b * width, width)
        }
        let start = Int(offsets[a]), length = Int(offsets[a + 1]) - start
        let otherStart = Int(other.offsets[b])
        guard Int(other.offsets[b + 1]) - otherStart == length else { return false }
        guard length > 0 else { return true }
        guard let p = base, let q = other.base else { return false }
        return memcmpEqual(p + start, q + otherStart, length)
    }
}
