import Columnar
import SQLExecution

/// Maps an optimized logical plan one node to one operator. Joins with equi-conjuncts become hash joins
/// (build = right input), others nested-loop joins.
struct PhysicalPlanner {
    /// Runs a (substituted) subquery plan; correlated applies call it per distinct outer row.
    let run: (LogicalPlan) throws -> [Batch]

    func plan(_ logical: LogicalPlan) throws -> PhysicalOperator {
        switch logical {
        case .scan(let scan):
            let metrics = ScanMetrics()
            let source = try ScanMetrics.$current.withValue(metrics) {
                try scan.provider.scan(projection: scan.projection, filters: scan.filters)
            }
            return PhysicalTableScan(source, label: PlanPrinter.scanLabel(scan), metrics: metrics)
        case .values(let schema, let rows):
            return PhysicalValues(schema: schema, rows: rows)
        case .filter(let child, let predicate): return try PhysicalFilter(plan(child), predicate: predicate)
        case .projection(let child, let expressions, let names):
            if let join = try joinWithOutputs(child, expressions, names) { return join }
            return try PhysicalProjection(plan(child), expressions, names: names)
        case .aggregate(let child, let groups, let aggregates):
            return try PhysicalHashAggregate(plan(child), groups: groups, aggregates: aggregates)
        case .join(let l, let r, let type, let condition):
            if let join = try hashJoin(l, r, type, condition) { return join }
            return try PhysicalNestedLoopJoin(probe: plan(l), build: plan(r), type: type, condition: condition)
        case .order(let child, let keys): return try PhysicalOrder(plan(child), keys: keys)
        case .limit(let child, let limit, let offset): return try PhysicalLimit(plan(child), limit: limit, offset: offset)
        case .topN(let child, let keys, let limit, let offset):
            return try PhysicalTopN(plan(child), keys: keys, limit: limit, offset: offset)
        case .distinct(let child): return PhysicalDistinct(try plan(child))
        case .union(let inputs): return try PhysicalUnion(inputs.map(plan))
        case .setOperation(let l, let r, let kind, let all): return try PhysicalSetOperation(plan(l), plan(r), kind: kind, all: all)
        case .window(let child, let windows): return try PhysicalWindow(plan(child), windows)
        case .apply(let child, let subquery):
            let input = try plan(child)
            return PhysicalTableScan(try ApplySource(input, subquery, run: run), label: "APPLY \(subquery.kindName)")
        }
    }

    /// A projection of plain columns over a hash join, as the join emitting only those columns.
    private func joinWithOutputs(_ child: LogicalPlan, _ expressions: [PhysicalExpression], _ names: [String]) throws
        -> PhysicalOperator?
    {
        guard case .join(let l, let r, let type, let condition) = child else { return nil }
        var outputs: [Int] = []
        for e in expressions {
            guard case .column(let i, _) = e else { return nil }
            outputs.append(i)
        }
        return try hashJoin(l, r, type, condition, outputs: (outputs, names))
    }

    /// The hash join for an equi-join condition, or nil when the condition has no equality between the inputs.
    private func hashJoin(
        _ l: LogicalPlan, _ r: LogicalPlan, _ type: JoinType, _ condition: PhysicalExpression?,
        outputs: (columns: [Int], names: [String])? = nil
    ) throws -> PhysicalOperator? {
        let lw = l.width
        var probeKeys: [PhysicalExpression] = [], buildKeys: [PhysicalExpression] = [], residual: [PhysicalExpression] = []
        for c in condition?.conjuncts ?? [] {
            if case .comparison(.equal, let a, let b) = c, let (p, q) = Self.split(a, b, lw) {
                probeKeys.append(p)
                buildKeys.append(q.shiftingColumns(by: -lw))
            } else {
                residual.append(c)
            }
        }
        if type == .nullAwareAnti && (probeKeys.count != 1 || !residual.isEmpty) {
            throw PlannerError(.notSupported, "NOT IN over a correlated or multi-column subquery")
        }
        guard !probeKeys.isEmpty else { return nil }
        return try PhysicalHashJoin(probe: plan(l), build: plan(r), type: type, probeKeys: probeKeys,
                                    buildKeys: buildKeys, residual: PhysicalExpression.conjunction(residual),
                                    outputs: outputs?.columns, names: outputs?.names)
    }

    /// An equality's sides as (left-side expression, right-side expression), when each reads one input only.
    private static func split(_ a: PhysicalExpression, _ b: PhysicalExpression, _ lw: Int)
        -> (PhysicalExpression, PhysicalExpression)?
    {
        let ca = a.columnsReferenced, cb = b.columnsReferenced
        guard !ca.isEmpty, !cb.isEmpty, !a.hasPlaceholder, !b.hasPlaceholder else { return nil }
        if ca.allSatisfy({ $0 < lw }) && cb.allSatisfy({ $0 >= lw }) { return (a, b) }
        if cb.allSatisfy({ $0 < lw }) && ca.allSatisfy({ $0 >= lw }) { return (b, a) }
        return nil
    }
}
