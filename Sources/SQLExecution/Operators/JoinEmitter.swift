import Columnar

/// The materialized build side and the output rules every join operator shares: matched pairs become
/// rows of probe columns + build columns; unmatched rows are padded with NULLs where the join type asks.
struct JoinEmitter {
    let type: JoinType
    let schema: Schema
    let buildSchema: Schema
    var buildColumns: [Vector]
    var buildMatched: ContiguousArray<UInt8>
    /// Build batches until `finishBuild` concatenates them into `buildColumns`.
    private var pendingBuild: [Batch] = []

    init(type: JoinType, schema: Schema, buildSchema: Schema) {
        self.type = type
        self.schema = schema
        self.buildSchema = buildSchema
        buildColumns = buildSchema.fields.map { Vector.empty($0.type) }
        buildMatched = []
    }

    var buildCount: Int { buildMatched.count }

    mutating func appendBuild(_ batch: Batch) {
        pendingBuild.append(batch)
        buildMatched.append(contentsOf: repeatElement(0, count: batch.count))
    }

    /// The build side is complete: each column is copied once into a buffer of its final size.
    mutating func finishBuild() throws {
        for c in buildColumns.indices {
            buildColumns[c] = try Vector.concatenating(pendingBuild.map { $0.columns[c] }, type: buildColumns[c].type)
        }
        pendingBuild = []
    }

    /// Output batches for matched pairs (physical probe rows, build rows; -1 pads with NULLs).
    func pairs(_ probe: Batch, _ probeRows: ContiguousArray<Int32>, _ buildRows: ContiguousArray<Int32>) -> [Batch] {
        var out: [Batch] = []
        var start = 0
        while start < probeRows.count {
            let end = min(probeRows.count, start + Batch.capacity)
            let p = ContiguousArray(probeRows[start..<end]), b = ContiguousArray(buildRows[start..<end])
            var columns = probe.columns.map { $0.gather(p) }
            if type.outputsBuildColumns { columns += buildColumns.map { $0.gather(b) } }
            out.append(Batch(schema: schema, columns: columns, count: p.count))
            start = end
        }
        return out
    }

    /// A candidate batch of probe columns + build columns for evaluating a residual condition.
    func candidates(_ probe: Batch, _ probeRows: ContiguousArray<Int32>, _ buildRows: ContiguousArray<Int32>) -> Batch {
        let columns = probe.columns.map { $0.gather(probeRows) } + buildColumns.map { $0.gather(buildRows) }
        let fields = probe.schema.fields + buildSchema.fields
        return Batch(schema: Schema(fields), columns: columns, count: probeRows.count)
    }

    /// Rows of a probe batch after matching: pairs for inner/outer joins, plus the probe rows the join type
    /// keeps on their own (unmatched for left/full/anti, matched for semi).
    func probeOutput(
        _ probe: Batch, live: ContiguousArray<Int32>, matched: ContiguousArray<UInt8>,
        pairs: (ContiguousArray<Int32>, ContiguousArray<Int32>), keep: (Int) -> Bool
    ) -> [Batch] {
        switch type {
        case .inner, .right: return self.pairs(probe, pairs.0, pairs.1)
        case .left, .full:
            var p = pairs.0, b = pairs.1
            for k in 0..<live.count where matched[k] == 0 {
                p.append(live[k])
                b.append(-1)
            }
            return self.pairs(probe, p, b)
        case .semi, .anti, .nullAwareAnti:
            let rows = ContiguousArray((0..<live.count).filter(keep).map { live[$0] })
            return self.pairs(probe, rows, rows)
        }
    }

    /// Build rows never matched, padded with NULL probe columns (right and full joins).
    func unmatchedBuild(_ probeSchema: Schema) -> [Batch] {
        guard type.keepsUnmatchedBuild else { return [] }
        let rows = ContiguousArray((0..<buildCount).filter { buildMatched[$0] == 0 }.map { Int32($0) })
        var out: [Batch] = []
        var start = 0
        while start < rows.count {
            let b = ContiguousArray(rows[start..<min(rows.count, start + Batch.capacity)])
            let pads = ContiguousArray<Int32>(repeating: -1, count: b.count)
            let columns = probeSchema.fields.map { Vector.nulls($0.type, count: 1).gather(pads) } + buildColumns.map { $0.gather(b) }
            out.append(Batch(schema: schema, columns: columns, count: b.count))
            start += Batch.capacity
        }
        return out
    }
}
