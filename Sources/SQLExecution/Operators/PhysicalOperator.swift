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
        lines.append(String(repeating: "  ", count: depth) + "\(name)\(text) rows=\(profile.rows) time=\(time)ms")
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

/// Anything that yields batches of one schema: the planner adapts Parquet and Hudi scans to this.
public protocol BatchSource {
    var schema: Schema { get }
    mutating func next() throws -> Batch?
}

/// A `BatchSource` from a closure.
public struct ClosureBatchSource: BatchSource {
    public let schema: Schema
    private let body: () throws -> Batch?
    public init(schema: Schema, _ body: @escaping () throws -> Batch?) {
        self.schema = schema
        self.body = body
    }
    public mutating func next() throws -> Batch? { try body() }
}

/// Scans a `BatchSource`.
public final class PhysicalTableScan: PhysicalOperator {
    private var source: any BatchSource
    private let label: String

    public init(_ source: any BatchSource, label: String = "") {
        self.source = source
        self.label = label
        super.init(name: "TABLE_SCAN", schema: source.schema, children: [])
    }

    override func produce() throws -> Batch? { try source.next() }
    override public var detail: String { label }
}

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

/// WHERE: narrows each batch's selection; no rows are copied.
public final class PhysicalFilter: PhysicalOperator {
    private let child: PhysicalOperator
    private let predicate: ExpressionExecutor

    public init(_ child: PhysicalOperator, predicate: PhysicalExpression) throws {
        self.child = child
        self.predicate = try ExpressionExecutor(predicate)
        guard predicate.type == .boolean || predicate.type == .null else {
            throw ExecutionError.mismatch("WHERE clause must be a BOOLEAN, got \(predicate.type.sqlName)")
        }
        super.init(name: "FILTER", schema: child.schema, children: [child])
    }

    override func produce() throws -> Batch? {
        guard var batch = try child.next() else { return nil }
        batch = ExpressionExecutor.prepared(batch)
        batch.selection = try predicate.select(batch)
        return batch
    }
}

/// SELECT list: one expression per output column; the input's selection carries over.
public final class PhysicalProjection: PhysicalOperator {
    private let child: PhysicalOperator
    private let expressions: [ExpressionExecutor]

    public init(_ child: PhysicalOperator, _ expressions: [PhysicalExpression], names: [String]? = nil) throws {
        self.child = child
        self.expressions = try expressions.map { try ExpressionExecutor($0) }
        let fields = expressions.enumerated().map { i, e in Field(names?[i] ?? "#\(i)", e.type) }
        super.init(name: "PROJECTION", schema: Schema(fields), children: [child])
    }

    override func produce() throws -> Batch? {
        guard let input = try child.next() else { return nil }
        let batch = ExpressionExecutor.prepared(input)
        let columns = try expressions.map { try $0.evaluate(batch) }
        return Batch(schema: schema, columns: columns, count: batch.count, selection: batch.selection)
    }
}

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
