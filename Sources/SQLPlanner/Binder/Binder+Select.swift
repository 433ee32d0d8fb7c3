import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// One SELECT list entry: an expression as written, or a column `*` expanded to.
    private enum Item {
        case expression(Expression)
        case scopeColumn(Int)
    }

    /// FROM -> WHERE -> GROUP BY/aggregates -> HAVING -> windows -> SELECT list (+ hidden ORDER BY terms)
    /// -> DISTINCT -> ORDER BY.
    func bindSelect(_ select: Select, orderBy: [OrderByItem]) throws -> BoundQuery {
        let (fromPlan, scope) = try bindFrom(select.from)
        let context = ExpressionContext(scope: scope, plan: fromPlan, binder: self, clause: "WHERE")
        if let condition = select.whereClause { try bindWhere(condition, context) }
        let (items, names) = try expandItems(select.items, scope)
        let itemASTs: [Expression?] = items.map { if case .expression(let e) = $0 { e } else { nil } }
        try bindAggregation(select, itemASTs: itemASTs, names: names, orderBy: orderBy, context)
        try bindWindows(itemASTs.compactMap { $0 } + orderBy.map(\.expression), context)
        context.clause = "SELECT"
        var expressions = try items.map { item -> PhysicalExpression in
            switch item {
            case .expression(let e): return try bind(e, context)
            case .scopeColumn(let i): return try context.columnExpression(i)
            }
        }
        var keys: [SortKey] = []
        context.clause = "ORDER BY"
        for item in orderBy {
            let index = try orderTarget(item.expression, itemASTs: itemASTs, names: names, &expressions, context)
            keys.append(SortKey(.column(index, expressions[index].type), sortOrder(item)))
        }
        let hiddenNames = (names.count..<expressions.count).map { "#order\($0)" }
        var plan = LogicalPlan.projection(context.plan, expressions, names: names + hiddenNames)
        if select.quantifier == .distinct {
            if expressions.count > names.count {
                throw PlannerError(.binder, "For SELECT DISTINCT, ORDER BY expressions must appear in select list (at \(select.location))")
            }
            plan = .distinct(plan)
        }
        if !keys.isEmpty { plan = .order(plan, keys) }
        if expressions.count > names.count {
            plan = .projection(plan, names.indices.map { .column($0, expressions[$0].type) }, names: names)
        }
        return BoundQuery(plan: plan, names: names)
    }

    /// WHERE: subquery conjuncts that can be joins become joins; the rest one filter.
    private func bindWhere(_ condition: Expression, _ context: ExpressionContext) throws {
        var predicates: [PhysicalExpression] = []
        for conjunct in condition.astConjuncts where try !bindAsJoin(conjunct, context) {
            predicates.append(try bind(conjunct, context).cast(to: .boolean))
        }
        if let predicate = PhysicalExpression.conjunction(predicates) { context.plan = .filter(context.plan, predicate) }
    }

    /// The SELECT list with `*` and `t.*` expanded, and each output column's name.
    private func expandItems(_ selectItems: [SelectItem], _ scope: Scope) throws -> ([Item], [String]) {
        var items: [Item] = [], names: [String] = []
        for item in selectItems {
            switch item.kind {
            case .wildcard(let qualifier):
                for i in try scope.expand(qualifier: qualifier, at: item.location) {
                    items.append(.scopeColumn(i))
                    names.append(scope.columns[i].name)
                }
            case .expression(let e, let alias):
                items.append(.expression(e))
                names.append(alias?.name ?? Self.derivedName(e))
            }
        }
        return (items, names)
    }

    static func derivedName(_ e: Expression) -> String {
        if case .column(let parts) = e.kind, let last = parts.last { return last.name }
        return e.description
    }

    /// The projection column an ORDER BY term sorts by: an ordinal, an output alias, a select-list expression
    /// as written, or a new hidden column.
    private func orderTarget(
        _ e: Expression, itemASTs: [Expression?], names: [String], _ expressions: inout [PhysicalExpression],
        _ context: ExpressionContext
    ) throws -> Int {
        if let ordinal = try ordinalIndex(e, count: names.count) { return ordinal }
        if case .column(let parts) = e.kind, parts.count == 1,
            let i = names.indices.first(where: { Scope.matches(parts[0], names[$0]) })
        {
            return i
        }
        if let i = itemASTs.firstIndex(where: { $0 == e }) { return i }
        let bound = try bind(e, context)
        if let i = expressions.firstIndex(of: bound) { return i }
        expressions.append(bound)
        return expressions.count - 1
    }

    /// GROUP BY, the aggregates of the SELECT list, HAVING and ORDER BY, and HAVING's filter. Afterwards the
    /// context reads group keys and aggregates from the aggregate's output.
    private func bindAggregation(
        _ select: Select, itemASTs: [Expression?], names: [String], orderBy: [OrderByItem], _ context: ExpressionContext
    ) throws {
        var calls: [FunctionCall] = []
        let sources = itemASTs.compactMap { $0 } + (select.having.map { [$0] } ?? []) + orderBy.map(\.expression)
        for e in sources { for call in e.aggregateCalls where !calls.contains(call) { calls.append(call) } }
        guard !calls.isEmpty || !select.groupBy.isEmpty || select.having != nil else { return }
        context.clause = "GROUP BY"
        var groups: [PhysicalExpression] = [], groupASTs: [Expression] = []
        for g in select.groupBy {
            var ast = g
            if let ordinal = try ordinalIndex(g, count: itemASTs.count) {
                guard let item = itemASTs[ordinal] else {
                    throw PlannerError(.binder, "GROUP BY \(ordinal + 1) refers to a * column (at \(g.location))")
                }
                ast = item
            } else if case .column(let parts) = g.kind, parts.count == 1, try context.scope.resolve(parts) == nil,
                let i = names.firstIndex(where: { Scope.matches(parts[0], $0) }), let item = itemASTs[i]
            {
                ast = item
            }
            if !ast.aggregateCalls.isEmpty {
                throw PlannerError(.binder, "GROUP BY clause cannot contain aggregates (at \(g.location))")
            }
            groups.append(try bind(ast, context))
            groupASTs.append(ast)
        }
        let aggregates = try calls.map { try bindAggregate($0, context, at: select.location) }
        var computed: [Expression: PhysicalExpression] = [:]
        var groupColumns: [Int: Int] = [:]
        for (i, g) in groups.enumerated() {
            computed[groupASTs[i]] = .column(i, g.type)
            if case .column(let c, _) = g, groupColumns[c] == nil { groupColumns[c] = i }
        }
        for (j, call) in calls.enumerated() {
            computed[Expression(.function(call))] = .column(groups.count + j, try aggregates[j].resultType())
        }
        context.plan = .aggregate(context.plan, groups: groups, aggregates: aggregates)
        context.computed = computed
        context.groupColumns = groupColumns
        if let having = select.having {
            context.clause = "HAVING"
            context.plan = .filter(context.plan, try bind(having, context).cast(to: .boolean))
        }
    }
}

extension ExpressionContext {
    /// A scope column as the current clause sees it (through the GROUP BY mapping when aggregating).
    func columnExpression(_ index: Int) throws -> PhysicalExpression {
        let column = scope.columns[index]
        guard let groupColumns else { return .column(index, column.type) }
        guard let output = groupColumns[index] else {
            throw PlannerError(.binder, "column \"\(column.name)\" must appear in the GROUP BY clause or be used in an aggregate function")
        }
        return .column(output, column.type)
    }
}
