import Columnar

/// Window functions. The input is materialized; for each window expression the rows are ordered by
/// (partition keys, order keys) through the key encoding, the function is computed in that order, and the
/// results are scattered back, so the output keeps the input's row order: the input columns, then one
/// column per window expression.
///
/// Aggregates over running frames (UNBOUNDED PRECEDING to CURRENT ROW) use one running state per partition;
/// other frames fold each row's frame separately, O(frame size) per row.
public final class PhysicalWindow: PhysicalOperator {
    private let child: PhysicalOperator
    private let windows: [WindowExpression]
    private var output: [Batch]? = nil
    private var position = 0

    public init(_ child: PhysicalOperator, _ windows: [WindowExpression]) throws {
        self.child = child
        self.windows = windows
        var fields = child.schema.fields
        for (i, w) in windows.enumerated() { fields.append(Field("window#\(i)", try w.resultType())) }
        for w in windows { try Self.validate(w) }
        super.init(name: "WINDOW", schema: Schema(fields), children: [child])
    }

    private static func validate(_ w: WindowExpression) throws {
        for bound in [w.frame?.start, w.frame?.end] {
            if case .preceding(let k) = bound, !(k >= 0 && k < 9e15) { throw badOffset(k) }
            if case .following(let k) = bound, !(k >= 0 && k < 9e15) { throw badOffset(k) }
        }
        guard let frame = w.frame, frame.unit == .range else { return }
        let hasOffset = [frame.start, frame.end].contains { if case .preceding = $0 { true } else if case .following = $0 { true } else { false } }
        if hasOffset && (w.orderBy.count != 1 || !(w.orderBy[0].expression.type.isNumeric || w.orderBy[0].expression.type == .date)) {
            throw ExecutionError(.invalidInput, "RANGE with an offset needs exactly one numeric or DATE ORDER BY expression")
        }
    }

    private static func badOffset(_ k: Double) -> ExecutionError {
        ExecutionError(.invalidInput, "Window frame offset must be a non-negative finite number, got \(k)")
    }

    override func produce() throws -> Batch? {
        if output == nil { output = try compute() }
        guard let output, position < output.count else { return nil }
        position += 1
        return output[position - 1]
    }

    private func compute() throws -> [Batch] {
        var columns = child.schema.fields.map { Vector.empty($0.type) }
        while let batch = try child.next() {
            let dense = batch.compacted()
            for c in columns.indices { try columns[c].append(contentsOf: dense.columns[c]) }
        }
        let n = columns.first?.count ?? 0
        let input = Batch(schema: child.schema, columns: columns, count: n)
        for w in windows { columns.append(try evaluate(w, input)) }
        return stride(from: 0, to: n, by: Batch.capacity).map { start in
            let rows = ContiguousArray<Int32>.rows(start..<min(n, start + Batch.capacity))
            return Batch(schema: schema, columns: columns.map { $0.gather(rows) }, count: rows.count)
        }
    }

    /// One window column, in input row order.
    private func evaluate(_ w: WindowExpression, _ input: Batch) throws -> Vector {
        let n = input.count
        let layout = try WindowLayout(w, input)
        let args = try w.arguments.map { try ExpressionExecutor($0).evaluate(input) }
        let sorted: Vector
        switch w.function {
        case .rowNumber, .rank, .denseRank:
            sorted = layout.ranking(w.function)
        case .lag(let offset, let value), .lead(let offset, let value):
            let shift = if case .lead = w.function { offset } else { -offset }
            sorted = try layout.shifted(args[0], by: shift, default: value)
        case .aggregate(let f):
            sorted = try WindowAggregation(expression: AggregateExpression(f, w.arguments), layout: layout, frame: w.effectiveFrame)
                .compute(args)
        }
        var inverse = ContiguousArray<Int32>(repeating: 0, count: n)
        for (position, row) in layout.order.enumerated() { inverse[Int(row)] = Int32(position) }
        return sorted.gather(inverse)
    }
}
