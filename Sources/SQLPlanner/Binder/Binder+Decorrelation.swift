import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// A WHERE conjunct that is `[NOT] EXISTS (q)` or `x [NOT] IN (q)`, planned as a semi, anti or null-aware
    /// anti join on `context.plan` when the subquery's correlation (if any) is equalities in its top filter.
    /// Returns false (and leaves the context alone) for any other shape; the caller then binds it as an
    /// expression.
    func bindAsJoin(_ conjunct: Expression, _ context: ExpressionContext) throws -> Bool {
        var negated = false
        var e = conjunct
        if case .unary(.not, let inner) = e.kind {
            negated = true
            e = inner
        }
        let query: Query, probe: Expression?
        switch e.kind {
        case .exists(let q): (query, probe) = (q, nil)
        case .inQuery(let value, let q, let notIn):
            (query, probe) = (q, value)
            negated = negated != notIn
        default: return false
        }
        var value: PhysicalExpression? = nil
        if let probe {
            var nested = false
            probe.walk { node in
                switch node.kind {
                case .subquery, .exists, .inQuery: nested = true
                default: break
                }
                return !nested
            }
            if nested { return false }
            value = try bind(probe, context)
            // NOT IN needs a column on the probe side for its null-aware hash join.
            if negated, value?.columnsReferenced.isEmpty ?? true { return false }
        }
        let binder = child(outer: context)
        let bound = try binder.bindQuery(query)
        let correlations = binder.outer?.expressions ?? []
        if probe != nil && bound.names.count != 1 { return false }
        guard let (inner, correlated, output) = Self.splitCorrelated(bound.plan, correlations: correlations.count) else {
            return false
        }
        let width = context.plan.width
        var condition = correlated.map { c in
            c.shiftingColumns(by: width).rewritten { node in
                guard case .function(let name, _, _) = node, let k = Subquery.placeholderIndex(name) else { return nil }
                return correlations[k]
            }
        }
        if let value, let output {
            guard !value.hasPlaceholder else { return false }
            condition.append(try .compare(.equal, value, output.shiftingColumns(by: width)))
        }
        let type: JoinType
        if negated {
            if probe != nil {
                // NOT IN: NULLs make it unknown; only the uncorrelated single-key form has a join for that.
                guard correlated.isEmpty else { return false }
                type = .nullAwareAnti
            } else {
                type = .anti
            }
        } else {
            type = .semi
        }
        context.plan = .join(context.plan, inner, type, condition: PhysicalExpression.conjunction(condition))
        return true
    }

    /// A subquery plan as (input without placeholders, correlated conjuncts over that input, the projected
    /// value over that input): it must be `projection(filter(input, p))` or `projection(input)`, with every
    /// placeholder in `p`'s conjuncts.
    private static func splitCorrelated(_ plan: LogicalPlan, correlations: Int)
        -> (LogicalPlan, [PhysicalExpression], PhysicalExpression?)?
    {
        guard case .projection(let below, let expressions, _) = plan,
            !expressions.contains(where: \.hasPlaceholder)
        else { return correlations == 0 ? (plan, [], .column(0, plan.schema.fields.first?.type ?? .null)) : nil }
        var input = below
        var correlated: [PhysicalExpression] = []
        if case .filter(let child, let predicate) = below {
            let conjuncts = predicate.conjuncts
            correlated = conjuncts.filter(\.hasPlaceholder)
            let plain = conjuncts.filter { !$0.hasPlaceholder }
            input = PhysicalExpression.conjunction(plain).map { .filter(child, $0) } ?? child
        }
        guard !input.mentionsPlaceholders else { return nil }
        // The projection may compute its value: keep it as the join's right side.
        let projected = LogicalPlan.projection(input, expressions + (0..<input.width).map { .column($0, input.schema.fields[$0].type) },
                                               names: expressions.indices.map { "#\($0)" } + input.schema.fields.map(\.name))
        let shift = expressions.count
        return (projected, correlated.map { $0.shiftingColumns(by: shift) }, expressions.first.map { _ in .column(0, expressions[0].type) })
    }
}

extension LogicalPlan {
    /// True when any expression in the plan holds a correlated-subquery placeholder.
    var mentionsPlaceholders: Bool {
        var found = false
        _ = mappingExpressions { e in
            if e.hasPlaceholder { found = true }
            return e
        }
        return found
    }
}

extension Binder {
    /// A correlated scalar aggregate `(SELECT f(agg(x), ...) FROM s WHERE s.k = outer.k AND ...)` as a LEFT JOIN
    /// of the context's plan with `s` grouped by `k`; count's missing groups read 0. Nil for other shapes.
    func decorrelateScalarAggregate(_ plan: LogicalPlan, _ correlations: [PhysicalExpression],
                                    _ context: ExpressionContext) -> PhysicalExpression? {
        guard case .projection(.aggregate(let below, let groups, let aggregates), let expressions, _) = plan,
            groups.isEmpty, expressions.count == 1, !expressions[0].hasPlaceholder,
            expressions[0].columnsReferenced.allSatisfy({ $0 < aggregates.count }),
            case .filter(let input, let predicate) = below, !input.mentionsPlaceholders,
            !aggregates.contains(where: { $0.arguments.contains(where: \.hasPlaceholder) })
        else { return nil }
        var keys: [PhysicalExpression] = [], outer: [PhysicalExpression] = [], plain: [PhysicalExpression] = []
        for c in predicate.conjuncts {
            guard c.hasPlaceholder else { plain.append(c); continue }
            guard case .comparison(.equal, let l, let r) = c else { return nil }
            let (inner, side) = l.hasPlaceholder ? (r, l) : (l, r)
            guard !inner.hasPlaceholder, side.columnsReferenced.isEmpty else { return nil }
            keys.append(inner)
            outer.append(side.rewritten { node in
                guard case .function(let name, _, _) = node, let k = Subquery.placeholderIndex(name) else { return nil }
                return correlations[k]
            })
        }
        let filtered = PhysicalExpression.conjunction(plain).map { LogicalPlan.filter(input, $0) } ?? input
        let grouped = LogicalPlan.aggregate(filtered, groups: keys, aggregates: aggregates)
        let width = context.plan.width
        let condition = outer.indices.map { k in
            PhysicalExpression.comparison(.equal, outer[k], .column(width + k, keys[k].type))
        }
        guard zip(outer, keys).allSatisfy({ $0.type == $1.type }) else { return nil }
        context.plan = .join(context.plan, grouped, .left, condition: PhysicalExpression.conjunction(condition))
        // The projected value over the joined aggregates; a missing group's count reads 0 (SQL's empty count).
        return expressions[0].rewritten { node in
            guard case .column(let a, let type) = node else { return nil }
            let value = PhysicalExpression.column(width + keys.count + a, type)
            switch aggregates[a].function {
            case .count, .countStar, .approxCountDistinct: return .coalesce([value, .literal(.int(0), type)])
            default: return value
            }
        }
    }
}
