import Columnar

/// The spill side of a hash aggregate that outgrew its memory budget: the table is frozen, rows whose group
/// is already in it are still aggregated in memory, and rows of new groups are radix-partitioned by their key
/// hash into `fanOut` temporary files. Every group then lives either in the frozen table or in exactly one
/// partition, so each partition is aggregated on its own afterwards (spilling again, on the next hash bits,
/// if it is still too large).
final class AggregatePartitions {
    static let fanOut = 16
    static let maxLevel = 6
    let level: Int
    let schema: Schema
    private let budget: MemoryBudget
    private var writers: [SpillWriter?]

    init(budget: MemoryBudget, level: Int, schema: Schema) throws {
        guard level < Self.maxLevel else {
            throw budget.outOfMemory("HASH_GROUP_BY", "still too many groups after \(level) levels of partitioning")
        }
        self.budget = budget
        self.level = level
        self.schema = schema
        writers = Array(repeating: nil, count: Self.fanOut)
    }

    /// Partition bits of a key hash at this level: the top bits first (the table's slots use the low ones).
    @inline(__always)
    func partition(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> UInt64(60 - 4 * level)) & (Self.fanOut - 1)
    }

    /// Looks the live rows' keys up in the frozen table (`lookup(k)` gives the hash of live row k's key and its
    /// group, if it has one): returns the rows with a group and their ids, and writes the others to their
    /// partitions.
    func route(_ batch: Batch, _ rows: ContiguousArray<Int32>, lookup: (Int) -> (hash: UInt64, id: Int32?)) throws
        -> (rows: ContiguousArray<Int32>, ids: ContiguousArray<Int32>)
    {
        var kept = ContiguousArray<Int32>(), ids = ContiguousArray<Int32>()
        var spilled = Array(repeating: ContiguousArray<Int32>(), count: Self.fanOut)
        for k in 0..<rows.count {
            let (hash, id) = lookup(k)
            if let id {
                kept.append(rows[k])
                ids.append(id)
            } else {
                spilled[partition(hash)].append(rows[k])
            }
        }
        for p in spilled.indices where !spilled[p].isEmpty { try write(p, batch, spilled[p]) }
        return (kept, ids)
    }

    private func write(_ p: Int, _ batch: Batch, _ rows: ContiguousArray<Int32>) throws {
        if writers[p] == nil { writers[p] = try SpillWriter(path: budget.makeFilePath("aggregate-l\(level)-p\(p)")) }
        let columns = batch.columns.map { $0.gather(rows) }
        try writers[p]?.write(Batch(schema: schema, columns: columns, count: rows.count))
    }

    /// The partitions written, as readers (each deletes its file once read or dropped).
    func finish() throws -> [SpillReader] {
        defer { writers = [] }
        return try writers.compactMap { try $0?.finish(schema: schema) }
    }
}

/// A spill file as an operator: the input of one partition's aggregate.
final class PhysicalSpillScan: PhysicalOperator {
    private let reader: SpillReader

    init(_ reader: SpillReader) {
        self.reader = reader
        super.init(name: "SPILL_SCAN", schema: reader.schema, children: [])
    }

    override func produce() throws -> Batch? { try reader.next() }
}

extension KeyTable {
    /// Bytes held: the key arena, offsets, and (an upper bound on) the slots.
    var byteSize: Int {
        arena.count + offsets.count * 8 + max(16, count * 4) * MemoryLayout<Slot>.stride
    }
}
