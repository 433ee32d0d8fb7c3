import Columnar
import SQLExecution

/// Evaluates a correlated subquery for each input row: the outer values replace the plan's placeholders and
/// the plan runs; results are cached per distinct outer values. Output: the input columns plus the result.
/// (The general fallback; common shapes are cheaper as joins.)
final class ApplySource: BatchSource {
    let schema: Schema
    private let input: PhysicalOperator
    private let subquery: Subquery
    private let correlations: [ExpressionExecutor]
    private let probe: ExpressionExecutor?
    private let run: (LogicalPlan) throws -> [Batch]
    private var cache: [[Value]: [Value]] = [:]

    init(_ input: PhysicalOperator, _ subquery: Subquery, run: @escaping (LogicalPlan) throws -> [Batch]) throws {
        self.input = input
        self.subquery = subquery
        self.run = run
        correlations = try subquery.correlations.map { try ExpressionExecutor($0) }
        if case .in(let p) = subquery.kind { probe = try ExpressionExecutor(p) } else { probe = nil }
        schema = Schema(input.schema.fields + [Field("subquery", subquery.resultType)])
    }

    func next() throws -> Batch? {
        guard let raw = try input.next() else { return nil }
        let batch = raw.compacted()
        let outer = try correlations.map { try $0.evaluate(batch) }
        let probes = try probe?.evaluate(batch)
        var results: [Value] = []
        results.reserveCapacity(batch.count)
        for row in 0..<batch.count {
            let key = outer.map { $0.value(at: row) }
            let values = try cache[key] ?? evaluate(key)
            cache[key] = values
            results.append(try result(values, probe: probes?.value(at: row)))
        }
        let column = Vector(type: subquery.resultType, values: results)
        return Batch(schema: schema, columns: batch.columns + [column], count: batch.count)
    }

    /// The subquery's first-column values for one set of outer values (EXISTS: one marker row at most).
    private func evaluate(_ key: [Value]) throws -> [Value] {
        let constants = zip(key, subquery.correlations).map { PhysicalExpression.literal($0, $1.type) }
        var plan = subquery.plan.substitutingPlaceholders(constants)
        switch subquery.kind {
        case .exists: plan = .limit(plan, limit: 1, offset: 0)
        case .scalar: plan = .limit(plan, limit: 2, offset: 0)
        case .in: break
        }
        let batches = try run(plan)
        var values: [Value] = []
        for batch in batches {
            for i in 0..<batch.rowCount {
                values.append(batch.columns.isEmpty ? .bool(true) : batch.columns[0].value(at: batch.physicalRow(i)))
            }
        }
        return values
    }

    private func result(_ values: [Value], probe: Value?) throws -> Value {
        switch subquery.kind {
        case .exists: return .bool(!values.isEmpty)
        case .scalar:
            if values.count > 1 && !subquery.takesFirstRow {
                throw ExecutionError(.invalidInput, "More than one row returned by a subquery used as an expression")
            }
            return values.first ?? .null
        case .in:
            // Three-valued IN: TRUE on a match; else NULL if the probe or any value is NULL; else FALSE.
            guard !values.isEmpty else { return .bool(false) }
            guard let probe, probe != .null else { return .null }
            if values.contains(probe) { return .bool(true) }
            return values.contains(.null) ? .null : .bool(false)
        }
    }
}

extension Subquery {
    var kindName: String {
        switch kind {
        case .scalar: "scalar"
        case .exists: "exists"
        case .in: "in"
        }
    }
}
