import Columnar
import SQLExecution

/// Keyed writes on a memory table with Hudi's semantics (upsert by primary key, the greater `preCombineField`
/// winning, delete by key, overwrite of the partitions written). The new batch list is built aside and swapped
/// in last, so a throw leaves the table as it was. Rows are keyed as boxed values: the memory warehouse is a
/// scratch space, not a hot path.
extension MemoryTable {
    @discardableResult
    public func write(_ write: TableWrite, next: () throws -> Batch?) throws -> TableWriteResult {
        var incoming: [Batch] = []
        var deletes: [Bool] = []
        while let batch = try next() {
            guard batch.rowCount > 0 else { continue }
            let (rows, marks) = try conform(batch.compacted(), marker: write.deleteMarkerColumn)
            incoming.append(rows)
            deletes += marks
        }
        let keyed = !properties.primaryKey.isEmpty
        switch write.operation {
        case .insert where deletes.contains(true), .upsert where !keyed && deletes.contains(true):
            throw PlannerError(.binder, "a delete within a write needs a table with a primary key")
        case .insert: batches += incoming
        case .upsert where !keyed: batches += incoming
        case .overwriteTable: batches = incoming
        case .overwritePartitions:
            let columns = try columnIndices(properties.partitionFields)
            if columns.isEmpty {
                batches = incoming
            } else {
                var written = Set(incoming.flatMap { batch in (0..<batch.count).map { key(batch, $0, columns) } })
                let statics = columns.compactMap { write.staticPartition[schema.fields[$0].name] }
                if statics.count == columns.count { written.insert(statics) }
                batches = retaining(batches) { !written.contains(key($1, $2, columns)) } + incoming
            }
        case .delete where !keyed:
            throw PlannerError(.binder, "a delete by key needs a table with a primary key")
        case .upsert, .delete:
            batches = try merged(incoming, deletes: write.operation == .delete ? deletes.map { _ in true } : deletes)
        }
        return TableWriteResult(rowCount: deletes.count)
    }

    public func alterSchema(_ schema: Schema) throws {
        let expressions = schema.fields.map { field in
            self.schema.index(of: field.name).map { PhysicalExpression.column($0, self.schema.fields[$0].type).cast(to: field.type) }
                ?? .literal(.null, field.type)
        }
        let executors = try expressions.map { try ExpressionExecutor($0) }
        let evolved = try batches.map { batch in
            Batch(schema: schema, columns: try executors.map { try $0.evaluate(batch) }, count: batch.count)
        }
        batches = evolved
        self.schema = schema
    }

    /// The batch's columns in the table's order (matched by name) and its delete marks.
    private func conform(_ batch: Batch, marker: String?) throws -> (Batch, [Bool]) {
        let columns = try schema.fields.map { field in
            guard let i = batch.schema.index(of: field.name) else {
                throw PlannerError(.binder, "a write into a table lacks its column \(field.name)")
            }
            return batch.columns[i]
        }
        var marks = Array(repeating: false, count: batch.count)
        if let marker {
            guard let m = batch.schema.index(of: marker) else {
                throw PlannerError(.binder, "a write lacks its delete marker column \(marker)")
            }
            for row in 0..<batch.count { marks[row] = batch.columns[m].value(at: row) == .bool(true) }
        }
        return (Batch(schema: schema, columns: columns, count: batch.count), marks)
    }

    /// The stored rows with incoming keys replaced by (or, for marked rows, removed in favour of) the last
    /// incoming row with that key; an existing row whose precombine value is greater stays.
    private func merged(_ incoming: [Batch], deletes: [Bool]) throws -> [Batch] {
        let keyColumns = try columnIndices(properties.primaryKey)
        let ordering = try properties.preCombineField.map { try columnIndices([$0])[0] }
        var winners: [[Value]: (batch: Int, row: Int, delete: Bool)] = [:]
        var position = 0
        for (b, batch) in incoming.enumerated() {
            for row in 0..<batch.count {
                let k = key(batch, row, keyColumns)
                if let ordering, let seen = winners[k],
                   Self.order(incoming[seen.batch].columns[ordering].value(at: seen.row), batch.columns[ordering].value(at: row)) > 0 {
                    position += 1
                    continue
                }
                winners[k] = (b, row, deletes[position])
                position += 1
            }
        }
        let kept = retaining(batches) { _, batch, row in
            let k = key(batch, row, keyColumns)
            guard let winner = winners[k] else { return true }
            guard let ordering, !winner.delete,
                  Self.order(batch.columns[ordering].value(at: row), incoming[winner.batch].columns[ordering].value(at: winner.row)) > 0
            else { return false }
            winners[k] = nil
            return true
        }
        let chosen = Set(winners.values.filter { !$0.delete }.map { [$0.batch, $0.row] })
        return kept + retaining(incoming) { b, _, row in chosen.contains([b, row]) }
    }

    private func columnIndices(_ names: [String]) throws -> [Int] {
        try names.map { name in
            guard let i = schema.fields.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw PlannerError(.binder, "table has no column \(name) (a key, precombine or partition field)")
            }
            return i
        }
    }

    private func key(_ batch: Batch, _ row: Int, _ columns: [Int]) -> [Value] {
        columns.map { batch.columns[$0].value(at: row) }
    }

    /// Dense batches of the rows `keep` accepts.
    private func retaining(_ stored: [Batch], _ keep: (Int, Batch, Int) -> Bool) -> [Batch] {
        stored.enumerated().compactMap { b, batch in
            var selected = batch
            selected.selection = SelectionVector(ContiguousArray((0..<batch.count).filter { keep(b, batch, $0) }.map { UInt32($0) }))
            let dense = selected.compacted()
            return dense.count > 0 ? dense : nil
        }
    }

    /// Precombine order: NULL first, then by value within a kind.
    static func order(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): 0
        case (.null, _): -1
        case (_, .null): 1
        case (.int(let x), .int(let y)): x < y ? -1 : x == y ? 0 : 1
        case (.uint(let x), .uint(let y)): x < y ? -1 : x == y ? 0 : 1
        case (.float(let x), .float(let y)): x < y ? -1 : x == y ? 0 : 1
        case (.decimal(let x), .decimal(let y)): x < y ? -1 : x == y ? 0 : 1
        case (.string(let x), .string(let y)): x < y ? -1 : x == y ? 0 : 1
        default: 0
        }
    }
}
