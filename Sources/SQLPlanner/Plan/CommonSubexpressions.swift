import Columnar
import SQLExecution

/// Common-subexpression elimination for aggregate arguments: an arithmetic subtree that several arguments
/// compute (TPC-H Q1's `l_extendedprice * (1 - l_discount)`, summed alone and times `1 + l_tax`) is computed
/// once, by a projection below the aggregate, and read as a column. Only subtrees of columns, constants,
/// casts and arithmetic qualify (no function that could be volatile), and only when one occurrence is outside
/// any conditional (CASE, COALESCE, NULLIF, AND, OR), so the projection evaluates nothing the aggregate would
/// not have evaluated on the same rows.
enum CommonSubexpressions {
    static func eliminate(_ plan: LogicalPlan) -> LogicalPlan {
        let rewritten = plan.mappingChildren(eliminate)
        guard case .aggregate(let child, let groups, let aggregates) = rewritten else { return rewritten }
        var counts: [PhysicalExpression: Int] = [:]
        for argument in aggregates.flatMap(\.arguments) { count(argument, &counts) }
        var common: [PhysicalExpression] = []
        for argument in aggregates.flatMap(\.arguments) { collect(argument, counts, &common) }
        guard !common.isEmpty else { return rewritten }
        let width = child.width
        let columns = Dictionary(uniqueKeysWithValues: common.enumerated().map { ($1, width + $0) })
        let mapped = aggregates.map { a in
            AggregateExpression(a.function, a.arguments.map { argument in
                argument.rewritten { e in columns[e].map { .column($0, e.type) } }
            }, distinct: a.isDistinct, orderBy: a.orderBy)
        }
        return .aggregate(extended(child, common), groups: groups, aggregates: mapped)
    }

    /// `child` with the `common` expressions appended as columns; a projection child absorbs them.
    private static func extended(_ child: LogicalPlan, _ common: [PhysicalExpression]) -> LogicalPlan {
        let names = common.indices.map { "#cse\($0)" }
        if case .projection(let below, let expressions, let childNames) = child {
            let inlined = common.map { e in
                e.rewritten { node in
                    if case .column(let i, _) = node { return expressions[i] }
                    return nil
                }
            }
            return .projection(below, expressions + inlined, names: childNames + names)
        }
        let passThrough = child.schema.fields.enumerated().map { PhysicalExpression.column($0.offset, $0.element.type) }
        return .projection(child, passThrough + common, names: child.schema.fields.map(\.name) + names)
    }

    /// Occurrences of every candidate subtree at unconditional positions.
    private static func count(_ e: PhysicalExpression, _ counts: inout [PhysicalExpression: Int]) {
        guard let children = unconditionalChildren(e) else { return }
        if isCandidate(e) { counts[e, default: 0] += 1 }
        for child in children { count(child, &counts) }
    }

    /// The largest subtrees seen more than once, outermost first, each listed once.
    private static func collect(_ e: PhysicalExpression, _ counts: [PhysicalExpression: Int], _ common: inout [PhysicalExpression]) {
        if (counts[e] ?? 0) > 1 {
            if !common.contains(e) { common.append(e) }
            return
        }
        for child in unconditionalChildren(e) ?? [] { collect(child, counts, &common) }
    }

    /// Arithmetic (possibly under casts) over columns and constants: deterministic and worth computing once.
    private static func isCandidate(_ e: PhysicalExpression) -> Bool {
        guard case .arithmetic = e else { return false }
        return isDeterministic(e)
    }

    private static func isDeterministic(_ e: PhysicalExpression) -> Bool {
        switch e {
        case .column, .literal: return true
        case .cast(let c, _, _): return isDeterministic(c)
        case .arithmetic(_, let a, let b, _): return isDeterministic(a) && isDeterministic(b)
        default: return false
        }
    }

    /// The operands every row evaluates, or nil for nodes whose operands may run on some rows only.
    private static func unconditionalChildren(_ e: PhysicalExpression) -> [PhysicalExpression]? {
        switch e {
        case .column, .literal: return []
        case .cast(let c, _, _): return [c]
        case .arithmetic(_, let a, let b, _), .comparison(_, let a, let b): return [a, b]
        case .not(let c), .isNull(let c, _): return [c]
        default: return nil
        }
    }
}
