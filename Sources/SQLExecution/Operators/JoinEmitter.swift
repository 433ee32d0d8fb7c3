import Columnar

/// The materialized build side and the output rules every join operator shares: matched pairs become
/// rows of probe columns + build columns; unmatched rows are padded with NULLs where the join type asks.
/// With `outputs`, a row is only those columns (of probe + build), in that order: the planner drops join
/// keys no ancestor reads, so they are never gathered, and build columns no output uses are never kept.
struct JoinEmitter {
    let type: JoinType
    /// The output schema (`outputs` applied).
    let schema: Schema
    let buildSchema: Schema
    /// Indices into probe columns + build columns, or nil for all of them.
    let outputs: [Int]?
    /// The probe side's width, where build columns start in `outputs`.
    let probeWidth: Int
    /// Build columns kept after `finishBuild` (all when a residual condition reads them).
    private let keptBuild: Set<Int>
    var buildColumns: [Vector]
    var buildMatched: ContiguousArray<UInt8>
    /// Build batches until `finishBuild` concatenates them into `buildColumns`.
    private var pendingBuild: [Batch] = []

    init(type: JoinType, probeSchema: Schema, buildSchema: Schema, outputs: [Int]? = nil, names: [String]? = nil,
         keepAllBuild: Bool = true) {
        self.type = type
        let full = type.schema(probeSchema, buildSchema)
        var fields = outputs.map { $0.map { full.fields[$0] } } ?? full.fields
        if let names { for i in fields.indices where i < names.count { fields[i].name = names[i] } }
        schema = Schema(fields)
        self.buildSchema = buildSchema
        self.outputs = outputs
        probeWidth = probeSchema.fields.count
        let allBuild = Set(buildSchema.fields.indices)
        keptBuild = keepAllBuild || outputs == nil ? allBuild
            : Set((outputs ?? []).filter { $0 >= probeSchema.fields.count }.map { $0 - probeSchema.fields.count })
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
        for c in buildColumns.indices where keptBuild.contains(c) {
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
            out.append(Batch(schema: schema, columns: rowColumns(probe.columns, p, b), count: p.count))
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
            let probeNulls = probeSchema.fields.map { Vector.nulls($0.type, count: 1) }
            out.append(Batch(schema: schema, columns: rowColumns(probeNulls, pads, b), count: b.count))
            start += Batch.capacity
        }
        return out
    }

    /// The output columns for probe rows `p` of `probeColumns` paired with build rows `b`.
    private func rowColumns(_ probeColumns: [Vector], _ p: ContiguousArray<Int32>, _ b: ContiguousArray<Int32>) -> [Vector] {
        guard let outputs else {
            let columns = probeColumns.map { $0.gather(p) }
            return type.outputsBuildColumns ? columns + buildColumns.map { $0.gather(b) } : columns
        }
        return outputs.map { $0 < probeWidth ? probeColumns[$0].gather(p) : buildColumns[$0 - probeWidth].gather(b) }
    }
}
