import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// Scalar, EXISTS and IN subqueries. An uncorrelated one runs once, now, and becomes a constant (or an IN
    /// list); a correlated one becomes an apply column on the context's plan, evaluated per distinct outer row.
    func bindSubquery(_ query: Query, _ kind: Subquery.Kind, _ context: ExpressionContext, at location: SourceLocation)
        throws -> PhysicalExpression
    {
        let binder = child(outer: context)
        var bound = try binder.bindQuery(query)
        var kind = kind
        if case .exists = kind {} else if bound.names.count != 1 {
            throw PlannerError(.binder, "Subquery returns \(bound.names.count) columns - expected 1 (at \(location))")
        }
        if case .in(let probe) = kind, let type = bound.plan.schema.fields.first?.type, type != probe.type {
            // Both sides of IN in one type, so values compare equal exactly when SQL says they do.
            guard let common = TypePromotion.common(probe.type, type) else {
                throw PlannerError(.binder, "Cannot compare \(probe.type.sqlName) IN subquery of \(type.sqlName) (at \(location))")
            }
            bound.plan = Self.casting(bound.plan, to: [common], names: bound.names)
            kind = .in(probe: probe.cast(to: common))
        }
        let correlations = binder.outer?.expressions ?? []
        guard correlations.isEmpty else {
            if case .scalar = kind, let joined = decorrelateScalarAggregate(bound.plan, correlations, context) {
                return joined
            }
            var subquery = Subquery(plan: bound.plan, kind: kind, correlations: correlations)
            subquery.takesFirstRow = options.sqliteCompatibility
            return context.addApply(subquery)
        }
        let batches = try run(bound.plan)
        return try Self.subqueryResult(kind, batches, type: bound.plan.schema.fields.first?.type ?? .null,
                                       sqlite: options.sqliteCompatibility, at: location)
    }

    /// The constant an uncorrelated subquery's rows stand for.
    static func subqueryResult(
        _ kind: Subquery.Kind, _ batches: [Batch], type: DataType, sqlite: Bool, at location: SourceLocation?
    ) throws -> PhysicalExpression {
        let rowCount = batches.reduce(0) { $0 + $1.rowCount }
        switch kind {
        case .exists: return .literal(.bool(rowCount > 0), .boolean)
        case .scalar:
            guard rowCount > 0 else { return .literal(.null, type) }
            if rowCount > 1 && !sqlite {
                let place = location.map { " (at \($0))" } ?? ""
                throw ExecutionError(.invalidInput, "More than one row returned by a subquery used as an expression\(place)")
            }
            let first = batches.first { $0.rowCount > 0 }
            return .literal(first.map { $0.columns[0].value(at: $0.physicalRow(0)) } ?? .null, type)
        case .in(let probe):
            guard rowCount > 0 else { return .literal(.bool(false), .boolean) }
            var values: [PhysicalExpression] = []
            var seen: Set<Value> = []
            for batch in batches {
                for i in 0..<batch.rowCount {
                    let v = batch.columns[0].value(at: batch.physicalRow(i))
                    if seen.insert(v).inserted { values.append(.literal(v, type)) }
                }
            }
            return try .isIn(probe, values)
        }
    }
}
