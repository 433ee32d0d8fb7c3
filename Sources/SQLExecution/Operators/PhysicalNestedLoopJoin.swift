import Columnar

/// A join on any condition (or none: a cross product), for every join type. The right input is
/// materialized; each left batch is paired with it a block at a time, the condition is evaluated over the
/// (left columns, right columns) candidate batch, and matches are tracked on both sides for outer joins.
/// For `nullAwareAnti` the condition must be the `=` of the NOT IN value and the subquery column.
public final class PhysicalNestedLoopJoin: PhysicalOperator {
    private let probe: PhysicalOperator
    private let build: PhysicalOperator
    private let condition: ExpressionExecutor?
    private var emitter: JoinEmitter
    private var built = false
    private var output = JoinOutputQueue()

    public init(probe: PhysicalOperator, build: PhysicalOperator, type: JoinType, condition: PhysicalExpression?) throws {
        if let condition, condition.type != .boolean {
            throw ExecutionError.mismatch("JOIN condition must be a BOOLEAN, got \(condition.type.sqlName)")
        }
        self.probe = probe
        self.build = build
        self.condition = try condition.map { try ExpressionExecutor($0) }
        let schema = type.schema(probe.schema, build.schema)
        emitter = JoinEmitter(type: type, probeSchema: probe.schema, buildSchema: build.schema)
        super.init(name: "NESTED_LOOP_JOIN", schema: schema, children: [probe, build])
    }

    override public var detail: String { emitter.type.rawValue }

    override func produce() throws -> Batch? {
        if !built {
            built = true
            while let batch = try build.next() { emitter.appendBuild(batch.compacted()) }
            try emitter.finishBuild()
        }
        return try output.next(probe: probe, unmatchedBuild: { emitter.unmatchedBuild(probe.schema) },
                               probeBatch: { try probeBatch($0) })
    }

    private func probeBatch(_ batch: Batch) throws -> [Batch] {
        let live = batch.liveRows
        let n = emitter.buildCount
        var matched = ContiguousArray<UInt8>(repeating: 0, count: live.count)
        var unknown = ContiguousArray<UInt8>(repeating: 0, count: live.count)
        var probeRows = ContiguousArray<Int32>(), buildRows = ContiguousArray<Int32>()
        // Blocks of about Batch.capacity candidate pairs.
        let perBlock = max(1, Batch.capacity / max(n, 1))
        var k = 0
        while k < live.count && n > 0 {
            let end = min(live.count, k + perBlock)
            var p = ContiguousArray<Int32>(), b = ContiguousArray<Int32>(), owner = ContiguousArray<Int32>()
            for j in k..<end {
                for r in 0..<n {
                    p.append(live[j])
                    b.append(Int32(r))
                    owner.append(Int32(j))
                }
            }
            var keep = ContiguousArray((0..<p.count).lazy.map { UInt32($0) })
            if let condition {
                let candidates = emitter.candidates(batch, p, b)
                if emitter.type == .nullAwareAnti {
                    let value = try condition.evaluate(candidates)
                    for i in 0..<p.count where value.isNull(i) { unknown[Int(owner[i])] = 1 }
                    keep = BooleanKernels.select(value, in: candidates).indices
                } else {
                    keep = try condition.select(candidates).indices
                }
            }
            for i in keep {
                probeRows.append(p[Int(i)])
                buildRows.append(b[Int(i)])
                matched[Int(owner[Int(i)])] = 1
                emitter.buildMatched[Int(b[Int(i)])] = 1
            }
            k = end
        }
        let type = emitter.type
        return emitter.probeOutput(batch, live: live, matched: matched, pairs: (probeRows, buildRows)) { k in
            switch type {
            case .semi: return matched[k] != 0
            case .nullAwareAnti: return matched[k] == 0 && unknown[k] == 0
            default: return matched[k] == 0
            }
        }
    }
}
