import Columnar

/// Equi-join on one or more keys, building a hash table on the right (build) input and streaming the left
/// (probe) input. NULL keys never match. An optional residual condition over (left columns, right columns)
/// filters matched pairs, so a row whose pairs all fail it counts as unmatched for outer, semi and anti joins.
/// Key pairs must have equal types (cast them when binding). `outputs` picks the output columns (indices into
/// probe + build columns), `names` renames them; without it a row is every probe column, then every build
/// column.
public final class PhysicalHashJoin: PhysicalOperator {
    private let probe: PhysicalOperator
    private let build: PhysicalOperator
    private let probeKeys: [ExpressionExecutor]
    private let buildKeys: [ExpressionExecutor]
    private let residual: ExpressionExecutor?
    private var emitter: JoinEmitter
    private var table: JoinHashTable
    private var built = false
    private var output = JoinOutputQueue()

    public init(
        probe: PhysicalOperator, build: PhysicalOperator, type: JoinType,
        probeKeys: [PhysicalExpression], buildKeys: [PhysicalExpression], residual: PhysicalExpression? = nil,
        outputs: [Int]? = nil, names: [String]? = nil
    ) throws {
        guard !probeKeys.isEmpty, probeKeys.count == buildKeys.count else {
            throw ExecutionError.mismatch("A hash join needs equally many probe and build keys (at least one)")
        }
        for (p, b) in zip(probeKeys, buildKeys) where p.type != b.type {
            throw ExecutionError.mismatch("Join keys have types \(p.type.sqlName) and \(b.type.sqlName); cast them to one type")
        }
        if type == .nullAwareAnti && (probeKeys.count != 1 || residual != nil) {
            throw ExecutionError.mismatch("A null-aware anti join takes one key and no residual condition")
        }
        self.probe = probe
        self.build = build
        self.probeKeys = try probeKeys.map { try ExpressionExecutor($0) }
        self.buildKeys = try buildKeys.map { try ExpressionExecutor($0) }
        self.residual = try residual.map { try ExpressionExecutor($0) }
        table = JoinHashTable(keyTypes: buildKeys.map(\.type))
        let width = type.schema(probe.schema, build.schema).fields.count
        if let outputs, !outputs.allSatisfy({ (0..<width).contains($0) }) {
            throw ExecutionError(.internal, "A hash join's outputs \(outputs) are outside its \(width) columns")
        }
        emitter = JoinEmitter(type: type, probeSchema: probe.schema, buildSchema: build.schema, outputs: outputs,
                              names: names, keepAllBuild: residual != nil)
        super.init(name: "HASH_JOIN", schema: emitter.schema, children: [probe, build])
    }

    override public var detail: String { "\(emitter.type.rawValue) keys=\(probeKeys.count)" }

    override func produce() throws -> Batch? {
        if !built { try buildTable() }
        return try output.next(probe: probe, unmatchedBuild: { emitter.unmatchedBuild(probe.schema) },
                               probeBatch: { try probeBatch($0) })
    }

    private func buildTable() throws {
        built = true
        while let input = try build.next() {
            let batch = input.compacted()
            let base = emitter.buildCount
            emitter.appendBuild(batch)
            table.append(try buildKeys.map { try $0.evaluate(batch) }, count: batch.count, base: base)
        }
        try emitter.finishBuild()
        table.finish()
    }

    private func probeBatch(_ batch: Batch) throws -> [Batch] {
        let live = batch.liveRows
        let keys = try probeKeys.map { try $0.evaluate(batch) }
        // Semi and anti joins only ask whether a row matches, unless a residual must judge each pair.
        let existence = residual == nil && [.semi, .anti, .nullAwareAnti].contains(emitter.type)
        let matches = table.probe(keys, live: live, firstMatchOnly: existence)
        var (probeRows, buildRows, owners) = (matches.probeRows, matches.buildRows, matches.owners)
        let nullKey = matches.nullKey
        if let residual, !probeRows.isEmpty {
            let candidates = emitter.candidates(batch, probeRows, buildRows)
            let keep = try residual.select(candidates).indices
            probeRows = ContiguousArray(keep.lazy.map { probeRows[Int($0)] })
            buildRows = ContiguousArray(keep.lazy.map { buildRows[Int($0)] })
            owners = ContiguousArray(keep.lazy.map { owners[Int($0)] })
        }
        var matched = ContiguousArray<UInt8>(repeating: 0, count: live.count)
        for o in owners { matched[Int(o)] = 1 }
        if emitter.type.keepsUnmatchedBuild { for b in buildRows { emitter.buildMatched[Int(b)] = 1 } }
        let type = emitter.type
        let buildEmpty = emitter.buildCount == 0, buildNull = table.hasNullKey
        return emitter.probeOutput(batch, live: live, matched: matched, pairs: (probeRows, buildRows)) { k in
            switch type {
            case .semi: return matched[k] != 0
            case .anti: return matched[k] == 0
            default: return buildEmpty || (matched[k] == 0 && nullKey[k] == 0 && !buildNull)
            }
        }
    }

    /// 1 where any key column is NULL at `rows[k]`.
    static func anyNull(_ keys: [Vector], _ rows: ContiguousArray<Int32>) -> ContiguousArray<UInt8> {
        var mask = ContiguousArray<UInt8>(repeating: 0, count: rows.count)
        for key in keys where key.validity != nil || key.type == .null {
            for k in 0..<rows.count where key.isNull(Int(rows[k])) { mask[k] = 1 }
        }
        return mask
    }
}
