import Columnar

/// The build side of a hash join by key: each key leads to a chain of build rows (`next`, -1 ends it).
/// Keys that pack into one word (`PackedKeys`: up to 8 bytes of integers, or 16 in a `UInt128`) go into a
/// `PackedKeyTable`, sized once the build side is complete; any other keys are encoded (`KeyEncoder`) into a
/// `KeyTable`. Rows with a NULL key are never inserted (they never match).
struct JoinHashTable {
    private var narrow: PackedJoinIndex<UInt64>?
    private var wide: PackedJoinIndex<UInt128>?
    private var encodedTable = KeyTable()
    private var encodedHeads = ContiguousArray<Int32>()
    private var next = ContiguousArray<Int32>()
    private(set) var hasNullKey = false

    init(keyTypes: [DataType]) {
        switch PackedKeys.width(keyTypes) {
        case .some(let width) where width <= 8: narrow = PackedJoinIndex()
        case .some(let width) where width <= 16: wide = PackedJoinIndex()
        default: break
        }
    }

    /// Adds build rows `base ..< base + count` whose key columns are `keys` (rows 0 ..< count of them).
    mutating func append(_ keys: [Vector], count: Int, base: Int) {
        let rows = ContiguousArray<Int32>.rows(0..<count)
        next.append(contentsOf: repeatElement(-1, count: count))
        if narrow != nil { return rows.withUnsafeBufferPointer { narrow?.append(keys, rows: $0) } }
        if wide != nil { return rows.withUnsafeBufferPointer { wide?.append(keys, rows: $0) } }
        let encoded = KeyEncoder(columns: keys.count).encode(keys, rows: rows)
        let nullKey = PhysicalHashJoin.anyNull(keys, rows)
        for r in 0..<count {
            if nullKey[r] != 0 { hasNullKey = true; continue }
            let (id, inserted) = encoded.withKey(r) { encodedTable.findOrInsert($0, hash: KeyHash.hash($0)) }
            if inserted { encodedHeads.append(-1) }
            next[base + r] = encodedHeads[Int(id)]
            encodedHeads[Int(id)] = Int32(base + r)
        }
    }

    /// Ends the build side: packed keys go into a table of the right size.
    mutating func finish() {
        if narrow != nil { hasNullKey = narrow?.finish(next: &next) ?? false }
        if wide != nil { hasNullKey = wide?.finish(next: &next) ?? false }
    }

    /// Matching (probe row, build row) pairs for the `live` rows of a probe batch, and for each live row
    /// whether its key has a NULL. `owners[i]` is the index into `live` of pair i. With `firstMatchOnly`,
    /// at most one pair per probe row.
    func probe(_ keys: [Vector], live: ContiguousArray<Int32>, firstMatchOnly: Bool = false) -> JoinMatches {
        var matches = JoinMatches()
        matches.reserve(live.count)
        if let narrow {
            let nulls = narrow.probe(keys, live) { head, k in chain(head, k, live, firstMatchOnly, &matches) }
            matches.nullKey = nulls
            return matches
        }
        if let wide {
            let nulls = wide.probe(keys, live) { head, k in chain(head, k, live, firstMatchOnly, &matches) }
            matches.nullKey = nulls
            return matches
        }
        let encoded = KeyEncoder(columns: keys.count).encode(keys, rows: live)
        let nullKey = PhysicalHashJoin.anyNull(keys, live)
        for k in 0..<live.count where nullKey[k] == 0 {
            guard let id = encoded.withKey(k, { encodedTable.find($0, hash: KeyHash.hash($0)) }) else { continue }
            chain(encodedHeads[Int(id)], k, live, firstMatchOnly, &matches)
        }
        matches.nullKey = nullKey
        return matches
    }

    @inline(__always)
    private func chain(_ head: Int32, _ k: Int, _ live: ContiguousArray<Int32>, _ firstOnly: Bool,
                       _ matches: inout JoinMatches) {
        var b = head
        while b >= 0 {
            matches.probeRows.append(live[k])
            matches.buildRows.append(b)
            matches.owners.append(Int32(truncatingIfNeeded: k))
            b = firstOnly ? -1 : next[Int(b)]
        }
    }
}

/// Packed keys of one word type: collected while the build side streams in, then a `PackedKeyTable`.
struct PackedJoinIndex<Word: FixedWidthInteger & UnsignedInteger> {
    private var keys = ContiguousArray<Word>()
    private var nulls = ContiguousArray<UInt8>()
    private var table = PackedKeyTable<Word>(capacity: 0)

    mutating func append(_ columns: [Vector], rows: UnsafeBufferPointer<Int32>) {
        let (words, rowNulls) = PackedKeys.pack(columns, rows: rows, as: Word.self)
        keys += words
        nulls += rowNulls
    }

    /// Builds the table, chaining rows through `next`; true when some build key was NULL.
    mutating func finish(next: inout ContiguousArray<Int32>) -> Bool {
        table = PackedKeyTable(keys: keys, nulls: nulls, next: &next)
        let anyNull = nulls.contains { $0 != 0 }
        (keys, nulls) = ([], [])
        return anyNull
    }

    /// Calls `found(head, k)` for each live row k whose key is in the table and not NULL; returns each live
    /// row's NULL bits (non-zero where a key column is NULL).
    func probe(_ columns: [Vector], _ live: ContiguousArray<Int32>, _ found: (Int32, Int) -> Void) -> ContiguousArray<UInt8> {
        let (words, rowNulls) = live.withUnsafeBufferPointer { PackedKeys.pack(columns, rows: $0, as: Word.self) }
        for k in 0..<live.count where rowNulls[k] == 0 {
            let head = table.head(words[k])
            if head >= 0 { found(head, k) }
        }
        return rowNulls
    }
}

/// The pairs one probe batch matched.
struct JoinMatches {
    var probeRows = ContiguousArray<Int32>()
    var buildRows = ContiguousArray<Int32>()
    var owners = ContiguousArray<Int32>()
    var nullKey = ContiguousArray<UInt8>()

    mutating func reserve(_ count: Int) {
        probeRows.reserveCapacity(count)
        buildRows.reserveCapacity(count)
        owners.reserveCapacity(count)
    }
}
