import Columnar

/// The build side of a hash join by key: each key leads to a chain of build rows (`next`, -1 ends it).
/// Keys that pack into one word (`PackedKeys`) go into a `PackedKeyTable`, sized once the build side is
/// complete; any other keys are encoded (`KeyEncoder`) into a `KeyTable`. Rows with a NULL key are never
/// inserted (they never match).
struct JoinHashTable {
    private let packed: Bool
    private var packedTable = PackedKeyTable(capacity: 0)
    private var packedKeys = ContiguousArray<UInt64>()
    private var packedNulls = ContiguousArray<UInt8>()
    private var encodedTable = KeyTable()
    private var encodedHeads = ContiguousArray<Int32>()
    private var next = ContiguousArray<Int32>()
    private(set) var hasNullKey = false

    init(keyTypes: [DataType]) { packed = PackedKeys.fit(keyTypes) }

    /// Adds build rows `base ..< base + count` whose key columns are `keys` (rows 0 ..< count of them).
    mutating func append(_ keys: [Vector], count: Int, base: Int) {
        let rows = ContiguousArray((0..<count).lazy.map { Int32($0) })
        next.append(contentsOf: repeatElement(-1, count: count))
        if packed {
            let (words, nulls) = rows.withUnsafeBufferPointer { PackedKeys.pack(keys, rows: $0) }
            packedKeys += words
            packedNulls += nulls
            return
        }
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
        guard packed else { return }
        packedTable = PackedKeyTable(capacity: packedKeys.count)
        for r in 0..<packedKeys.count {
            if packedNulls[r] != 0 { hasNullKey = true; continue }
            next[r] = packedTable.insert(packedKeys[r], row: Int32(r))
        }
        packedKeys = []
        packedNulls = []
    }

    /// Matching (probe row, build row) pairs for the `live` rows of a probe batch, and for each live row
    /// whether its key has a NULL. `owners[i]` is the index into `live` of pair i. With `firstMatchOnly`,
    /// at most one pair per probe row.
    func probe(_ keys: [Vector], live: ContiguousArray<Int32>, firstMatchOnly: Bool = false) -> JoinMatches {
        var matches = JoinMatches()
        matches.reserve(live.count)
        if packed {
            let (words, nulls) = live.withUnsafeBufferPointer { PackedKeys.pack(keys, rows: $0) }
            for k in 0..<live.count where nulls[k] == 0 {
                chain(packedTable.head(words[k]), k, live, firstMatchOnly, &matches)
            }
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
