import Columnar

/// Literal rows (VALUES, or materialized batches).
public final class PhysicalValues: PhysicalOperator {
    private var batches: [Batch]
    private var position = 0

    public init(schema: Schema, batches: [Batch]) {
        self.batches = batches
        super.init(name: "VALUES", schema: schema, children: [])
    }

    /// Rows of boxed values, split into batches of `Batch.capacity`.
    public convenience init(schema: Schema, rows: [[Value]]) {
        var batches: [Batch] = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + Batch.capacity)]
            let columns = schema.fields.indices.map { c in Vector(type: schema.fields[c].type, values: chunk.map { $0[c] }) }
            batches.append(Batch(schema: schema, columns: columns, count: chunk.count))
            start += Batch.capacity
        }
        self.init(schema: schema, batches: batches)
    }

    override func produce() throws -> Batch? {
        guard position < batches.count else { return nil }
        position += 1
        return batches[position - 1]
    }
}
