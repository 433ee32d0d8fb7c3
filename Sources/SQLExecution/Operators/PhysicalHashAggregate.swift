import Columnar

/// GROUP BY: groups on any key types (NULL keys form their own group), one `AggregateState` per aggregate.
/// Group keys are interned in a `GroupKeyTable` (packed into a word when they fit, encoded otherwise), so a
/// group is a dense id and all state is flat arrays indexed by it. Without GROUP BY there is exactly one group,
/// even over empty input (count 0, other aggregates NULL). Output: the group columns, then the aggregates.
/// The table and states hold a reservation of the statement's shared `MemoryBudget`; when it cannot grow, the
/// table is frozen and new groups spill (`AggregatePartitions`).
public final class PhysicalHashAggregate: PhysicalOperator {
    private let child: PhysicalOperator
    private let groups: [ExpressionExecutor]
    private let aggregates: [AggregateExpression]
    private let arguments: [[ExpressionExecutor]]
    private var states: [AggregateState]
    private var distinctTables: [KeyTable?]
    private var table: GroupKeyTable
    private var groupColumns: [Vector]
    private var output: [Batch]? = nil
    private var position = 0
    private let groupExpressions: [PhysicalExpression]
    private let budget: MemoryBudget?
    private let reservation: MemoryReservation?
    private let level: Int
    private var partitions: AggregatePartitions?

    public init(
        _ child: PhysicalOperator, groups: [PhysicalExpression], aggregates: [AggregateExpression],
        names: [String]? = nil, budget: MemoryBudget? = MemoryBudget.current, level: Int = 0
    ) throws {
        self.child = child
        groupExpressions = groups
        self.budget = budget
        reservation = budget?.reserve()
        self.level = level
        self.groups = try groups.map { try ExpressionExecutor($0) }
        self.aggregates = aggregates
        arguments = try aggregates.map { try $0.arguments.map { try ExpressionExecutor($0) } }
        states = try aggregates.map { try $0.makeState() }
        distinctTables = aggregates.map { $0.isDistinct ? KeyTable() : nil }
        groupColumns = groups.map { Vector.empty($0.type) }
        table = GroupKeyTable(types: groups.map(\.type))
        var fields = groups.enumerated().map { Field("#\($0.offset)", $0.element.type) }
        for (i, a) in aggregates.enumerated() {
            fields.append(Field("\(a.function.rawValue)#\(i)", try a.resultType()))
        }
        if let names { for i in fields.indices where i < names.count { fields[i].name = names[i] } }
        super.init(name: "HASH_GROUP_BY", schema: Schema(fields), children: [child])
    }

    override public var detail: String {
        "groups=\(groups.count) aggregates=\(aggregates.map(\.function.rawValue).joined(separator: ","))"
            + (partitions == nil ? "" : " spilled")
    }

    override func produce() throws -> Batch? {
        if output == nil {
            while let batch = try child.next() { try consume(ExpressionExecutor.prepared(batch)) }
            let batches = try finalize()
            output = batches
            // The table is done with; what stays reserved is the output not yet passed on.
            (table, distinctTables) = (GroupKeyTable(types: []), [])
            _ = reservation?.resize(to: batches.reduce(0) { $0 + $1.columns.reduce(0) { $0 + $1.byteSize } })
        }
        guard let output, position < output.count else {
            reservation?.release()
            return nil
        }
        position += 1
        return output[position - 1]
    }

    private var groupCount: Int { groups.isEmpty ? 1 : table.count }

    private func consume(_ batch: Batch) throws {
        let (rows, ids) = try assignGroups(batch, batch.liveRows)
        for state in states { state.resize(groupCount) }
        for (a, state) in states.enumerated() {
            let args = try arguments[a].map { try $0.evaluate(batch) }
            var (useRows, useIds) = (rows, ids)
            if aggregates[a].isDistinct { (useRows, useIds) = firstOccurrences(a, args, rows, ids) }
            try useRows.withUnsafeBufferPointer { r in
                try useIds.withUnsafeBufferPointer { g in try state.update(args, rows: r, groups: g) }
            }
        }
        try checkBudget()
    }

    /// Group ids for the live rows; new groups append their key values to `groupColumns`. Once spilling,
    /// only the rows of known groups are returned.
    private func assignGroups(_ batch: Batch, _ rows: ContiguousArray<Int32>) throws
        -> (ContiguousArray<Int32>, ContiguousArray<Int32>)
    {
        if groups.isEmpty { return (rows, ContiguousArray(repeating: 0, count: rows.count)) }
        let keys = try groups.map { try $0.evaluate(batch) }
        if let partitions { return try table.route(partitions, batch, keys, rows) }
        var ids = ContiguousArray<Int32>(repeating: 0, count: rows.count)
        var fresh = ContiguousArray<Int32>()
        table.findOrInsert(keys, rows: rows, groupColumns: groupColumns, ids: &ids, fresh: &fresh)
        if !fresh.isEmpty {
            for i in fresh.indices { fresh[i] = rows[Int(fresh[i])] }
            for c in groupColumns.indices { try groupColumns[c].append(contentsOf: keys[c].gather(fresh)) }
        }
        if table.outgrewCodes { table.stopCoding(groupColumns) }
        return (rows, ids)
    }

    /// DISTINCT aggregates see each (group, value) pair once: the pair is interned in a per-aggregate table.
    private func firstOccurrences(
        _ a: Int, _ args: [Vector], _ rows: ContiguousArray<Int32>, _ ids: ContiguousArray<Int32>
    ) -> (ContiguousArray<Int32>, ContiguousArray<Int32>) {
        let encoded = KeyEncoder(columns: 1).encode([args[0]], rows: rows)
        var keptRows = ContiguousArray<Int32>(), keptIds = ContiguousArray<Int32>()
        var scratch = [UInt8]()
        for k in 0..<rows.count {
            scratch.removeAll(keepingCapacity: true)
            withUnsafeBytes(of: ids[k]) { scratch.append(contentsOf: $0) }
            encoded.withKey(k) { scratch.append(contentsOf: $0) }
            let inserted = scratch.withUnsafeBytes { distinctTables[a]!.findOrInsert($0, hash: KeyHash.hash($0)).inserted }
            if inserted {
                keptRows.append(rows[k])
                keptIds.append(ids[k])
            }
        }
        return (keptRows, keptIds)
    }

    /// Starts spilling once the reservation for the table and states cannot grow.
    private func checkBudget() throws {
        guard let budget, let reservation, partitions == nil, !groups.isEmpty else { return }
        let footprint = table.byteSize + groupColumns.reduce(0) { $0 + $1.byteSize }
            + groupCount * 16 * max(1, states.count) + distinctTables.reduce(0) { $0 + ($1?.byteSize ?? 0) }
            + states.reduce(0) { $0 + $1.heldBytes }
        if !reservation.resize(to: footprint) {
            table.stopCoding(groupColumns)
            partitions = try AggregatePartitions(budget: budget, level: level, schema: child.schema)
        }
    }

    private func finalize() throws -> [Batch] {
        var batches = try finalizeTable()
        guard let partitions, let budget else { return batches }
        // Free the frozen table before the partitions are aggregated one by one.
        (table, states) = (GroupKeyTable(types: []), try aggregates.map { try $0.makeState() })
        groupColumns = groupColumns.map { Vector.empty($0.type) }
        distinctTables = aggregates.map { $0.isDistinct ? KeyTable() : nil }
        reservation?.release()
        for reader in try partitions.finish() {
            let part = try PhysicalHashAggregate(PhysicalSpillScan(reader), groups: groupExpressions,
                                                 aggregates: aggregates, budget: budget, level: level + 1)
            while let b = try part.next() { batches.append(Batch(schema: schema, columns: b.columns, count: b.count)) }
        }
        return batches
    }

    private func finalizeTable() throws -> [Batch] {
        let count = groupCount
        let results = try states.map { try $0.finalize(count) }
        let columns = groupColumns + results
        return stride(from: 0, to: count, by: Batch.capacity).map { start in
            let chunk = ContiguousArray<Int32>.rows(start..<min(count, start + Batch.capacity))
            let sliced = count <= Batch.capacity ? columns : columns.map { $0.gather(chunk) }
            return Batch(schema: schema, columns: sliced, count: chunk.count)
        }
    }
}
