import Columnar

/// A pull-based physical operator: `next()` returns the next batch, or nil when exhausted. Operators form a
/// tree; each records the rows and batches it produced and the time spent inside its `next()` (children
/// included), which `explainAnalyze()` renders with the exclusive time per operator.
///
/// Subclasses override `produce()`; callers use `next()`.
public class PhysicalOperator {
    public let name: String
    public let schema: Schema
    public let children: [PhysicalOperator]
    public private(set) var profile = OperatorProfile()

    init(name: String, schema: Schema, children: [PhysicalOperator]) {
        self.name = name
        self.schema = schema
        self.children = children
    }

    public final func next() throws -> Batch? {
        let start = ContinuousClock.now
        defer { profile.elapsed += ContinuousClock.now - start }
        while let batch = try produce() {
            if batch.rowCount == 0 { continue }
            profile.rows += batch.rowCount
            profile.batches += 1
            return batch
        }
        return nil
    }

    /// The operator's work; may return empty batches (they are skipped).
    func produce() throws -> Batch? {
        throw ExecutionError(.internal, "\(name) does not override produce()")
    }

    /// Extra text for EXPLAIN (keys, conditions).
    public var detail: String { "" }

    /// What EXPLAIN ANALYZE adds after rows and time (a scan's files, row groups and bytes).
    public var analyzeDetail: String { "" }
}

/// What one operator did during execution.
public struct OperatorProfile: Sendable, Equatable {
    public var rows = 0
    public var batches = 0
    /// Inside `next()`, children included.
    public var elapsed: Duration = .zero
}

extension PhysicalOperator {
    /// The EXPLAIN ANALYZE tree: one line per operator with rows out and exclusive time.
    public func explainAnalyze() -> String {
        var lines: [String] = []
        render(depth: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    private func render(depth: Int, into lines: inout [String]) {
        let own = children.reduce(profile.elapsed) { $0 - $1.profile.elapsed }
        let ms = Double(own.components.seconds) * 1e3 + Double(own.components.attoseconds) / 1e15
        let text = detail.isEmpty ? "" : " [\(detail)]"
        let time = ms < 0.001 ? "0.000" : String(Int((ms * 1000).rounded())).leftPaddedTime
        let extra = analyzeDetail.isEmpty ? "" : " " + analyzeDetail
        lines.append(String(repeating: "  ", count: depth) + "\(name)\(text) rows=\(profile.rows) time=\(time)ms\(extra)")
        for child in children { child.render(depth: depth + 1, into: &lines) }
    }

    /// Output rows of every operator in the tree, pre-order (for tests and tools).
    public var profileTree: [(name: String, rows: Int)] {
        [(name, profile.rows)] + children.flatMap(\.profileTree)
    }
}

extension String {
    /// Microseconds as milliseconds with three decimals.
    fileprivate var leftPaddedTime: String {
        let digits = leftPadded(4)
        return String(digits.dropLast(3)) + "." + String(digits.suffix(3))
    }
}
