import Columnar
import SQLExecution

/// Removes columns no ancestor reads: scans project only what is used, projections drop unused
/// expressions. Each step returns the pruned plan and where each still-needed column moved.
enum ProjectionPruning {
    static func prune(_ plan: LogicalPlan) -> LogicalPlan {
        prune(plan, Set(0..<plan.width)).plan
    }

    typealias Pruned = (plan: LogicalPlan, map: [Int: Int])

    private static func identity(_ plan: LogicalPlan) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: (0..<plan.width).map { ($0, $0) })
    }

    private static func columns(_ expressions: [PhysicalExpression]) -> Set<Int> {
        expressions.reduce(into: Set<Int>()) { $0.formUnion($1.columnsReferenced) }
    }

    static func prune(_ plan: LogicalPlan, _ required: Set<Int>) -> Pruned {
        switch plan {
        case .scan(var scan):
            var keep = required.sorted()
            if keep.isEmpty, !scan.projection.isEmpty { keep = [0] }
            scan.projection = keep.map { scan.projection[$0] }
            return (.scan(scan), Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) }))
        case .values:
            return (plan, identity(plan))
        case .filter(let child, let predicate):
            let (c, m) = prune(child, required.union(predicate.columnsReferenced))
            return (.filter(c, predicate.remappingColumns(m)), m)
        case .projection(let child, let expressions, let names):
            var keep = required.sorted()
            if keep.isEmpty, !expressions.isEmpty { keep = [0] }
            let kept = keep.map { expressions[$0] }
            let (c, m) = prune(child, columns(kept))
            let map = Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) })
            let expressions = kept.map { $0.remappingColumns(m) }
            // Columns of columns (a SELECT list over a narrowed join) are one projection.
            if case .projection(let below, let inner, _) = c, (expressions + inner).allSatisfy(\.isColumn) {
                let composed = expressions.map { e in e.rewritten { if case .column(let i, _) = $0 { inner[i] } else { nil } } }
                return (.projection(below, composed, names: keep.map { names[$0] }), map)
            }
            return (.projection(c, expressions, names: keep.map { names[$0] }), map)
        case .aggregate(let child, let groups, let aggregates):
            let (c, m) = prune(child, columns(groups + aggregates.flatMap(\.arguments)))
            let mapped = aggregates.map { AggregateExpression($0.function, $0.arguments.map { $0.remappingColumns(m) }, distinct: $0.isDistinct,
                                                             orderBy: $0.orderBy) }
            let result = LogicalPlan.aggregate(c, groups: groups.map { $0.remappingColumns(m) }, aggregates: mapped)
            return (result, identity(result))
        case .join(let l, let r, let type, let condition):
            return pruneJoin(l, r, type, condition, required)
        case .order(let child, let keys):
            let (c, m) = prune(child, required.union(columns(keys.map(\.expression))))
            return (.order(c, keys.map { SortKey($0.expression.remappingColumns(m), $0.order) }), m)
        case .topN(let child, let keys, let limit, let offset):
            let (c, m) = prune(child, required.union(columns(keys.map(\.expression))))
            return (.topN(c, keys.map { SortKey($0.expression.remappingColumns(m), $0.order) }, limit: limit, offset: offset), m)
        case .limit(let child, let limit, let offset):
            let (c, m) = prune(child, required)
            return (.limit(c, limit: limit, offset: offset), m)
        case .distinct, .union, .setOperation:
            // Every column takes part in the comparison: keep them all below.
            let result = plan.mappingChildren { prune($0, Set(0..<$0.width)).plan }
            return (result, identity(result))
        case .window(let child, let windows):
            let width = child.width
            let used = windows.flatMap { $0.arguments + $0.partitionBy + $0.orderBy.map(\.expression) }
            let (c, m) = prune(child, Set(required.filter { $0 < width }).union(columns(used)))
            let mapped = windows.map { w in
                WindowExpression(w.function, arguments: w.arguments.map { $0.remappingColumns(m) },
                                 partitionBy: w.partitionBy.map { $0.remappingColumns(m) },
                                 orderBy: w.orderBy.map { SortKey($0.expression.remappingColumns(m), $0.order) }, frame: w.frame)
            }
            var map = m
            for k in windows.indices { map[width + k] = c.width + k }
            return (.window(c, mapped), map)
        case .apply(let child, var subquery):
            let width = child.width
            var used = subquery.correlations
            if case .in(let probe) = subquery.kind { used.append(probe) }
            let (c, m) = prune(child, Set(required.filter { $0 < width }).union(columns(used)))
            subquery.correlations = subquery.correlations.map { $0.remappingColumns(m) }
            if case .in(let probe) = subquery.kind { subquery.kind = .in(probe: probe.remappingColumns(m)) }
            var map = m
            map[width] = c.width
            return (.apply(c, subquery), map)
        }
    }

    private static func pruneJoin(_ l: LogicalPlan, _ r: LogicalPlan, _ type: JoinType, _ condition: PhysicalExpression?,
                                  _ required: Set<Int>) -> Pruned {
        let lw = l.width
        let needed = required.union(condition?.columnsReferenced ?? [])
        let (left, lm) = prune(l, Set(needed.filter { $0 < lw }))
        let (right, rm) = prune(r, Set(needed.filter { $0 >= lw }.map { $0 - lw }))
        var map = lm
        for (old, new) in rm { map[old + lw] = new + left.width }
        let result = LogicalPlan.join(left, right, type, condition: condition?.remappingColumns(map))
        switch type {
        case .semi, .anti, .nullAwareAnti: return (result, lm)
        default: return narrowed(result, map, required)
        }
    }

    /// A join whose output has columns no ancestor reads (keys matched once and never again) under a
    /// projection of the `required` ones, which the physical planner folds into the join: they are never
    /// gathered.
    private static func narrowed(_ join: LogicalPlan, _ map: [Int: Int], _ required: Set<Int>) -> Pruned {
        let keep = required.sorted().compactMap { old in map[old].map { (old, $0) } }
        let fields = join.schema.fields
        guard !keep.isEmpty, keep.count < fields.count else { return (join, map) }
        let columns = keep.map { PhysicalExpression.column($0.1, fields[$0.1].type) }
        let projection = LogicalPlan.projection(join, columns, names: keep.map { fields[$0.1].name })
        return (projection, Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1.0, $0) }))
    }
}

extension PhysicalExpression {
    var isColumn: Bool { if case .column = self { true } else { false } }
}
