import Columnar

/// LIMIT / OFFSET: stops pulling from its child once `limit` rows have been produced.
public final class PhysicalLimit: PhysicalOperator {
    private let child: PhysicalOperator
    private let limit: Int?
    private var toSkip: Int
    private var remaining: Int

    public init(_ child: PhysicalOperator, limit: Int?, offset: Int = 0) throws {
        guard (limit ?? 0) >= 0, offset >= 0 else {
            throw ExecutionError(.invalidInput, "LIMIT and OFFSET must not be negative (\(limit ?? 0), \(offset))")
        }
        self.child = child
        self.limit = limit
        toSkip = offset
        remaining = limit ?? Int.max
        super.init(name: "LIMIT", schema: child.schema, children: [child])
    }

    override func produce() throws -> Batch? {
        guard remaining > 0, let batch = try child.next() else { return nil }
        let live = batch.liveRows
        let skip = min(toSkip, live.count)
        toSkip -= skip
        let take = min(remaining, live.count - skip)
        remaining -= take
        var out = batch
        out.selection = SelectionVector(ContiguousArray(live[skip..<skip + take].lazy.map { UInt32($0) }))
        return out
    }

    override public var detail: String { "limit=\(limit.map(String.init) ?? "ALL")" }
}
