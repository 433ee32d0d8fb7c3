import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// `[WITH ...] body [ORDER BY ...] [LIMIT n] [OFFSET m]`.
    func bindQuery(_ query: Query) throws -> BoundQuery {
        if let with = query.with {
            ctes.append([:])
            for cte in with.tables {
                var bound = try with.isRecursive ? bindRecursiveCTE(cte) : bindQuery(cte.query)
                for (i, column) in cte.columns.enumerated() where i < bound.names.count { bound.names[i] = column.name }
                ctes[ctes.count - 1][cte.name.isQuoted ? cte.name.name : cte.name.name.lowercased()] = bound
            }
        }
        defer { if query.with != nil { ctes.removeLast() } }
        var bound: BoundQuery
        if case .select(let select) = query.body {
            bound = try bindSelect(select, orderBy: query.orderBy)
        } else {
            bound = try bindBody(query.body)
            if !query.orderBy.isEmpty { bound.plan = try orderByOutput(bound, query.orderBy) }
        }
        if query.limit != nil || query.offset != nil {
            let limit = try query.limit.map { try count($0, "LIMIT") }
            let offset = try query.offset.map { try count($0, "OFFSET") } ?? 0
            bound.plan = .limit(bound.plan, limit: limit, offset: offset)
        }
        return bound
    }

    /// A LIMIT or OFFSET: a constant, non-negative integer.
    private func count(_ e: Expression, _ what: String) throws -> Int {
        let empty = ExpressionContext(scope: Scope(), plan: .values(Schema([]), [[]]), binder: self, clause: what)
        switch try constant(bind(e, empty).cast(to: .int64), at: e.location) {
        case .int(let n) where n >= 0: return Int(n)
        case .null: return Int.max
        default: throw PlannerError(.binder, "\(what) must be a non-negative integer (at \(e.location))")
        }
    }

    func bindBody(_ body: QueryBody) throws -> BoundQuery {
        switch body {
        case .select(let select): return try bindSelect(select, orderBy: [])
        case .parenthesized(let query): return try bindQuery(query)
        case .values(let values): return try bindValues(values)
        case .setOperation(let operation): return try bindSetOperation(operation)
        }
    }

    private func bindValues(_ values: Values) throws -> BoundQuery {
        let empty = ExpressionContext(scope: Scope(), plan: .values(Schema([]), [[]]), binder: self, clause: "VALUES")
        let width = values.rows.first?.count ?? 0
        var rows: [[PhysicalExpression]] = []
        for row in values.rows {
            guard row.count == width else {
                throw PlannerError(.binder, "VALUES lists must all be the same length (at \(values.location))")
            }
            rows.append(try row.map { try bind($0, empty) })
        }
        var fields: [Field] = []
        for c in 0..<width {
            let type = try rows.dropFirst().reduce(rows[0][c].type) { t, row in
                guard let common = TypePromotion.common(t, row[c].type) else {
                    throw PlannerError(.binder, "VALUES column \(c + 1) mixes \(t.sqlName) and \(row[c].type.sqlName) (at \(values.location))")
                }
                return common
            }
            fields.append(Field("col\(c)", type == .null ? .int32 : type))
        }
        let constants = try rows.map { row in
            try row.indices.map { c in try constant(row[c].cast(to: fields[c].type), at: values.location) }
        }
        return BoundQuery(plan: .values(Schema(fields), constants), names: fields.map(\.name))
    }

    private func bindSetOperation(_ operation: SetOperation) throws -> BoundQuery {
        var left = try bindBody(operation.left)
        var right = try bindBody(operation.right)
        guard left.names.count == right.names.count else {
            throw PlannerError(.binder, "Set operations can only apply to expressions with the same number of result columns (at \(operation.location))")
        }
        let leftTypes = left.plan.schema.fields.map(\.type), rightTypes = right.plan.schema.fields.map(\.type)
        var common: [DataType] = []
        for (l, r) in zip(leftTypes, rightTypes) {
            guard let t = TypePromotion.common(l, r) else {
                throw PlannerError(.binder, "\(operation.operator.rawValue) of \(l.sqlName) and \(r.sqlName) (at \(operation.location))")
            }
            common.append(t == .null ? .int32 : t)
        }
        left.plan = Self.casting(left.plan, to: common, names: left.names)
        right.plan = Self.casting(right.plan, to: common, names: left.names)
        let plan: LogicalPlan
        switch operation.operator {
        case .union:
            plan = operation.all ? .union([left.plan, right.plan]) : .distinct(.union([left.plan, right.plan]))
        case .intersect: plan = .setOperation(left.plan, right.plan, .intersect, all: operation.all)
        case .except: plan = .setOperation(left.plan, right.plan, .except, all: operation.all)
        }
        return BoundQuery(plan: plan, names: left.names)
    }

    /// `plan` with its columns cast to `types` (a projection only where a type differs).
    static func casting(_ plan: LogicalPlan, to types: [DataType], names: [String]) -> LogicalPlan {
        let fields = plan.schema.fields
        guard zip(fields, types).contains(where: { $0.type != $1 }) else { return plan }
        let expressions = fields.indices.map { PhysicalExpression.column($0, fields[$0].type).cast(to: types[$0]) }
        return .projection(plan, expressions, names: names)
    }

    /// ORDER BY over a query's output (set operations, VALUES): ordinals, output names, or expressions of them.
    private func orderByOutput(_ bound: BoundQuery, _ items: [OrderByItem]) throws -> LogicalPlan {
        let fields = bound.plan.schema.fields
        let scope = Scope(columns: zip(bound.names, fields).map { Scope.Column(table: nil, name: $0, type: $1.type) })
        let context = ExpressionContext(scope: scope, plan: bound.plan, binder: self, clause: "ORDER BY")
        let keys = try items.map { item in
            if let ordinal = try ordinalIndex(item.expression, count: fields.count) {
                return SortKey(.column(ordinal, fields[ordinal].type), sortOrder(item))
            }
            return SortKey(try bind(item.expression, context), sortOrder(item))
        }
        return .order(context.plan, keys)
    }

    /// `ORDER BY 2`, `GROUP BY 1`: a 0-based index, nil when not an integer literal.
    func ordinalIndex(_ e: Expression, count: Int) throws -> Int? {
        guard case .literal(.integer(let digits)) = e.kind else { return nil }
        guard let n = Int(digits), n >= 1, n <= count else {
            throw PlannerError(.binder, "term out of range - should be between 1 and \(count) (at \(e.location))")
        }
        return n - 1
    }

    /// Spark's and SQLite's default: NULLs are the smallest values (first ascending, last descending).
    func sortOrder(_ item: OrderByItem) -> SortOrder {
        let descending = item.direction == .descending
        let nullsFirst = item.nulls.map { $0 == .first } ?? !descending
        return SortOrder(descending: descending, nullsFirst: nullsFirst)
    }
}
