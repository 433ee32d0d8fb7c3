import Columnar
import SQLExecution

extension LogicalPlan {
    /// The plan with `transform` applied to every expression in every node, nested subquery plans included.
    func mappingExpressions(_ transform: (PhysicalExpression) -> PhysicalExpression) -> LogicalPlan {
        func sub(_ p: LogicalPlan) -> LogicalPlan { p.mappingExpressions(transform) }
        func keys(_ k: [SortKey]) -> [SortKey] { k.map { SortKey(transform($0.expression), $0.order) } }
        switch self {
        case .scan(var scan):
            scan.filters = scan.filters.map(transform)
            return .scan(scan)
        case .values: return self
        case .filter(let child, let p): return .filter(sub(child), transform(p))
        case .projection(let child, let exprs, let names): return .projection(sub(child), exprs.map(transform), names: names)
        case .aggregate(let child, let groups, let aggregates):
            let mapped = aggregates.map { a in
                AggregateExpression(a.function, a.arguments.map(transform), distinct: a.isDistinct, orderBy: a.orderBy)
            }
            return .aggregate(sub(child), groups: groups.map(transform), aggregates: mapped)
        case .join(let l, let r, let type, let condition):
            return .join(sub(l), sub(r), type, condition: condition.map(transform))
        case .order(let child, let k): return .order(sub(child), keys(k))
        case .limit(let child, let limit, let offset): return .limit(sub(child), limit: limit, offset: offset)
        case .topN(let child, let k, let limit, let offset): return .topN(sub(child), keys(k), limit: limit, offset: offset)
        case .distinct(let child): return .distinct(sub(child))
        case .union(let inputs): return .union(inputs.map(sub))
        case .setOperation(let l, let r, let kind, let all): return .setOperation(sub(l), sub(r), kind, all: all)
        case .window(let child, let windows):
            let mapped = windows.map { w in
                WindowExpression(w.function, arguments: w.arguments.map(transform),
                                 partitionBy: w.partitionBy.map(transform), orderBy: keys(w.orderBy), frame: w.frame)
            }
            return .window(sub(child), mapped)
        case .apply(let child, var subquery):
            subquery.plan = sub(subquery.plan)
            subquery.correlations = subquery.correlations.map(transform)
            if case .in(let probe) = subquery.kind { subquery.kind = .in(probe: transform(probe)) }
            return .apply(sub(child), subquery)
        }
    }

    /// Placeholders `$outer#k` replaced by the constants `values[k]`.
    func substitutingPlaceholders(_ values: [PhysicalExpression]) -> LogicalPlan {
        mappingExpressions { e in
            e.rewritten { node in
                guard case .function(let name, _, _) = node, let k = Subquery.placeholderIndex(name),
                    k < values.count
                else { return nil }
                return values[k]
            }
        }
    }
}

/// Evaluating constant expressions at plan time.
enum ConstantFolding {
    private static let oneRow = Batch(schema: Schema([]), columns: [], count: 1)

    static func evaluate(_ e: PhysicalExpression) throws -> Value {
        if case .literal(let v, _) = e { return v }
        return try ExpressionExecutor(e).evaluate(oneRow).value(at: 0)
    }

    /// The largest constant subtrees replaced by literals; a subtree whose evaluation fails (1 / 0 in a
    /// branch that may never run) is left for run time.
    static func fold(_ e: PhysicalExpression) -> PhysicalExpression {
        e.rewritten { node in
            if case .literal = node { return node }
            if case .column = node { return node }
            guard node.columnsReferenced.isEmpty, !node.hasPlaceholder, let v = try? evaluate(node) else { return nil }
            return .literal(v, node.type)
        }
    }
}
