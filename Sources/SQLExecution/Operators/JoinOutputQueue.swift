import Columnar

/// The pull loop every join shares: each probe batch becomes zero or more output batches, and once the probe
/// side is exhausted the unmatched build rows (outer joins) follow, exactly once.
struct JoinOutputQueue {
    private var pending: [Batch] = []
    private var finished = false

    mutating func next(probe: PhysicalOperator, unmatchedBuild: () -> [Batch],
                       probeBatch: (Batch) throws -> [Batch]) throws -> Batch? {
        while pending.isEmpty {
            guard let batch = try probe.next() else {
                if finished { return nil }
                finished = true
                pending = unmatchedBuild()
                if pending.isEmpty { return nil }
                break
            }
            pending = try probeBatch(ExpressionExecutor.prepared(batch))
        }
        return pending.removeFirst()
    }
}
