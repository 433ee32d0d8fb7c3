import Columnar
import SQLExecution

/// Rule-based rewrites of a bound plan: constant folding, filter pushdown (into scans and through joins, with
/// semi joins moved onto the relation they filter and inner joins reordered by estimated cardinality so each
/// join has a condition where one connects and the smaller input builds),
/// ORDER BY + LIMIT as top-N, aggregate arguments' common subexpressions computed once, and projection pruning
/// (scans read only the columns used).
public enum Optimizer {
    public static func optimize(_ plan: LogicalPlan) -> LogicalPlan {
        let folded = plan.mappingExpressions(ConstantFolding.fold)
        return ProjectionPruning.prune(CommonSubexpressions.eliminate(topN(pushDown(folded, []))))
    }

    // MARK: filter pushdown

    /// `plan` with `predicates` (over its output columns) applied as low as they can go.
    static func pushDown(_ plan: LogicalPlan, _ predicates: [PhysicalExpression]) -> LogicalPlan {
        switch plan {
        case .filter(let child, let predicate):
            let conjuncts = predicate.factoredConjuncts
            if conjuncts.contains(where: Self.isFalse) { return .filter(pushDown(child, []), .literal(.bool(false), .boolean)) }
            return pushDown(child, predicates + conjuncts.filter { !isTrue($0) })
        case .scan(var scan):
            scan.filters += predicates.map { $0.remappingColumns(Dictionary(uniqueKeysWithValues: scan.projection.enumerated().map { ($0.offset, $0.element) })) }
            return .scan(scan)
        case .join(_, _, .inner, _):
            return JoinOrdering.reorder(plan, predicates)
        case .join(let l, let r, let type, let condition):
            if type == .semi || type == .anti || type == .nullAwareAnti,
               let moved = SemiJoinPushdown.pushed(l, r, type, condition) {
                return pushDown(moved, predicates)
            }
            return pushThroughOuterJoin(l, r, type, condition, predicates)
        case .projection(let child, let expressions, let names):
            let inlined = predicates.map { p in p.rewritten { e in
                if case .column(let i, _) = e { return expressions[i] }
                return nil
            } }
            return .projection(pushDown(child, inlined), expressions, names: names)
        case .apply(let child, let subquery):
            let width = child.width
            let below = predicates.filter { $0.columnsReferenced.allSatisfy { $0 < width } }
            let above = predicates.filter { !$0.columnsReferenced.allSatisfy { $0 < width } }
            return wrap(.apply(pushDown(child, below), subquery.optimized), above)
        case .aggregate(let child, let groups, let aggregates):
            return wrap(.aggregate(pushDown(child, []), groups: groups, aggregates: aggregates), predicates)
        case .order(let child, let keys): return .order(pushDown(child, predicates), keys)
        case .distinct(let child): return .distinct(pushDown(child, predicates))
        case .limit(let child, let limit, let offset):
            return wrap(.limit(pushDown(child, []), limit: limit, offset: offset), predicates)
        case .topN(let child, let keys, let limit, let offset):
            return wrap(.topN(pushDown(child, []), keys, limit: limit, offset: offset), predicates)
        case .union(let inputs): return .union(inputs.map { pushDown($0, predicates) })
        case .setOperation(let l, let r, let kind, let all):
            return wrap(.setOperation(pushDown(l, []), pushDown(r, []), kind, all: all), predicates)
        case .window(let child, let windows):
            return wrap(.window(pushDown(child, []), windows), predicates)
        case .values:
            return wrap(plan, predicates)
        }
    }

    static func wrap(_ plan: LogicalPlan, _ predicates: [PhysicalExpression]) -> LogicalPlan {
        guard let predicate = PhysicalExpression.conjunction(predicates) else { return plan }
        return .filter(plan, predicate)
    }

    static func isTrue(_ e: PhysicalExpression) -> Bool { if case .literal(.bool(true), _) = e { true } else { false } }
    static func isFalse(_ e: PhysicalExpression) -> Bool {
        if case .literal(let v, _) = e { return v == .bool(false) || v == .null }
        return false
    }

    /// LEFT/RIGHT/FULL/SEMI/ANTI joins: predicates above move only to the side whose rows they cannot
    /// resurrect; ON conjuncts over the inner side alone filter that side.
    private static func pushThroughOuterJoin(
        _ l: LogicalPlan, _ r: LogicalPlan, _ type: JoinType, _ condition: PhysicalExpression?,
        _ predicates: [PhysicalExpression]
    ) -> LogicalPlan {
        let lw = l.width
        let leftOnly = { (p: PhysicalExpression) in p.columnsReferenced.allSatisfy { $0 < lw } }
        let rightOnly = { (p: PhysicalExpression) in !p.columnsReferenced.isEmpty && p.columnsReferenced.allSatisfy { $0 >= lw } }
        var toLeft: [PhysicalExpression] = [], toRight: [PhysicalExpression] = [], above: [PhysicalExpression] = []
        for p in predicates {
            if type != .right && type != .full && leftOnly(p) { toLeft.append(p) } else { above.append(p) }
        }
        var kept: [PhysicalExpression] = []
        for c in condition?.conjuncts ?? [] {
            if type != .right && type != .full && rightOnly(c) { toRight.append(c.shiftingColumns(by: -lw)) }
            else if (type == .right || type == .semi || type == .anti) && leftOnly(c) && type != .anti { toLeft.append(c) }
            else { kept.append(c) }
        }
        let join = LogicalPlan.join(pushDown(l, toLeft), pushDown(r, toRight), type,
                                    condition: PhysicalExpression.conjunction(kept))
        return wrap(join, above)
    }

    // MARK: top-N

    static func topN(_ plan: LogicalPlan) -> LogicalPlan {
        switch plan {
        case .limit(.order(let child, let keys), let limit?, let offset):
            return .topN(topN(child), keys, limit: limit, offset: offset)
        case .limit(.projection(.order(let child, let keys), let exprs, let names), let limit?, let offset):
            return .projection(.topN(topN(child), keys, limit: limit, offset: offset), exprs, names: names)
        default:
            return plan.mappingChildren(topN)
        }
    }
}

extension Subquery {
    var optimized: Subquery {
        var copy = self
        copy.plan = Optimizer.optimize(plan)
        return copy
    }
}

extension LogicalPlan {
    /// The plan with `transform` applied to each direct child.
    func mappingChildren(_ transform: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        switch self {
        case .scan, .values: return self
        case .filter(let c, let p): return .filter(transform(c), p)
        case .projection(let c, let e, let n): return .projection(transform(c), e, names: n)
        case .aggregate(let c, let g, let a): return .aggregate(transform(c), groups: g, aggregates: a)
        case .join(let l, let r, let t, let cond): return .join(transform(l), transform(r), t, condition: cond)
        case .order(let c, let k): return .order(transform(c), k)
        case .limit(let c, let l, let o): return .limit(transform(c), limit: l, offset: o)
        case .topN(let c, let k, let l, let o): return .topN(transform(c), k, limit: l, offset: o)
        case .distinct(let c): return .distinct(transform(c))
        case .union(let inputs): return .union(inputs.map(transform))
        case .setOperation(let l, let r, let k, let a): return .setOperation(transform(l), transform(r), k, all: a)
        case .window(let c, let w): return .window(transform(c), w)
        case .apply(let c, let s): return .apply(transform(c), s)
        }
    }
}
