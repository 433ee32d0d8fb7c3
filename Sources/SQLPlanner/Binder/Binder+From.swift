import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// The FROM list as one plan (comma-separated items are cross joins the optimizer turns into equi-joins)
    /// and the scope of its columns. No FROM is one row of no columns.
    func bindFrom(_ references: [TableReference]) throws -> (LogicalPlan, Scope) {
        guard let first = references.first else { return (.values(Schema([]), [[]]), Scope()) }
        var (plan, scope) = try bindTableReference(first)
        for reference in references.dropFirst() {
            let (right, rightScope) = try bindTableReference(reference)
            plan = .join(plan, right, .inner, condition: nil)
            scope = scope + rightScope
        }
        return (plan, scope)
    }

    func bindTableReference(_ reference: TableReference) throws -> (LogicalPlan, Scope) {
        switch reference.kind {
        case .table(let name, let timeTravel, let alias):
            if let timeTravel {
                let empty = ExpressionContext(scope: Scope(), plan: .values(Schema([]), [[]]), binder: self, clause: "AS OF")
                let version = try constant(bind(timeTravel.value, empty).cast(to: .string), at: timeTravel.value.location)
                guard case .string(let text) = version, let provider = try catalog.lookup(name.name.name, asOf: text) else {
                    throw PlannerError(.catalog, "Table with name \(name) does not exist as of \(version) (at \(reference.location))")
                }
                return scan(provider, name: name.name.name, alias)
            }
            if name.parts.count == 1, let cte = lookupCTE(name.name) {
                return aliased(cte.plan, names: cte.names, table: alias?.name.name ?? name.name.name, alias)
            }
            if name.parts.count == 1, let view = views[name.name.name.lowercased()] {
                let viewBinder = Binder(catalog: catalog, tableFunctions: tableFunctions, options: options, run: run,
                                        views: views)
                var bound = try viewBinder.bindQuery(view.query)
                for (i, column) in view.columns.enumerated() where i < bound.names.count { bound.names[i] = column }
                return aliased(bound.plan, names: bound.names, table: alias?.name.name ?? name.name.name, alias)
            }
            guard let provider = try catalog.lookup(name.name.name) else {
                throw PlannerError(.catalog, "Table with name \(name) does not exist! (at \(reference.location))")
            }
            return scan(provider, name: name.name.name, alias)
        case .path(let path, let alias):
            guard let provider = try tableFunctions?.table(path: path) else {
                throw PlannerError(.catalog, "No reader for file '\(path)' (at \(reference.location))")
            }
            return scan(provider, name: path, alias)
        case .function(let call, let alias):
            let arguments = try constantArguments(call.arguments, clause: "FROM")
            let name = call.lowercasedName
            guard let provider = try tableFunctions?.table(function: name, arguments: arguments) else {
                throw PlannerError(.catalog, "Table Function with name \(name) does not exist! (at \(reference.location))")
            }
            return scan(provider, name: name, alias)
        case .subquery(let query, let alias, let isLateral):
            if isLateral { throw PlannerError(.notSupported, "LATERAL subqueries (at \(reference.location))") }
            let bound = try child(outer: nil).bindQuery(query)
            return aliased(bound.plan, names: bound.names, table: alias?.name.name, alias)
        case .join(let join): return try bindJoin(join, at: reference.location)
        case .parenthesized(let inner, let alias):
            var (plan, scope) = try bindTableReference(inner)
            if let alias {
                (plan, scope) = aliased(plan, names: scope.columns.map(\.name), table: alias.name.name, alias)
            }
            return (plan, scope)
        }
    }

    private func scan(_ provider: any TableProvider, name: String, _ alias: TableAlias?) -> (LogicalPlan, Scope) {
        let plan = LogicalPlan.scan(TableScan(name: name, provider: provider,
                                              projection: Array(provider.schema.fields.indices), filters: []))
        return aliased(plan, names: provider.schema.fields.map(\.name), table: alias?.name.name ?? name, alias)
    }

    /// A scope naming `plan`'s columns `names` (or the alias's column list) under `table`.
    private func aliased(_ plan: LogicalPlan, names: [String], table: String?, _ alias: TableAlias?)
        -> (LogicalPlan, Scope)
    {
        let types = plan.schema.fields.map(\.type)
        let columns = names.indices.map { i in
            Scope.Column(table: table, name: alias.flatMap { i < $0.columns.count ? $0.columns[i].name : nil } ?? names[i],
                         type: types[i])
        }
        return (plan, Scope(columns: columns))
    }

    private func bindJoin(_ join: Join, at location: SourceLocation) throws -> (LogicalPlan, Scope) {
        let (left, leftScope) = try bindTableReference(join.left)
        let (right, rightScope) = try bindTableReference(join.right)
        var scope = leftScope + rightScope
        let type: JoinType
        switch join.kind {
        case .inner, .cross: type = .inner
        case .left: type = .left
        case .right: type = .right
        case .full: type = .full
        case .semi: type = .semi
        case .anti: type = .anti
        }
        var condition: PhysicalExpression? = nil
        switch join.condition {
        case nil:
            if join.kind != .cross { throw PlannerError(.binder, "JOIN without ON or USING (at \(location))") }
        case .on(let expression):
            let context = ExpressionContext(scope: scope, plan: .join(left, right, type, condition: nil), binder: self,
                                            clause: "ON")
            condition = try bind(expression, context).cast(to: .boolean)
            if case .apply = context.plan {
                throw PlannerError(.notSupported, "correlated subqueries in ON (at \(expression.location))")
            }
        case .using(let names):
            condition = try usingCondition(names, leftScope, rightScope, &scope, at: location)
        case .natural:
            let shared = leftScope.columns.filter { l in rightScope.columns.contains { $0.name.lowercased() == l.name.lowercased() } }
            condition = try usingCondition(shared.map { Identifier($0.name) }, leftScope, rightScope, &scope, at: location)
        }
        if type == .semi || type == .anti { scope = leftScope }
        return (.join(left, right, type, condition: condition), scope)
    }

    /// `USING (a, b)`: equalities of the named columns; the right-hand copies are hidden from unqualified
    /// names and from `*`.
    private func usingCondition(
        _ names: [Identifier], _ leftScope: Scope, _ rightScope: Scope, _ scope: inout Scope, at location: SourceLocation
    ) throws -> PhysicalExpression? {
        var equalities: [PhysicalExpression] = []
        for name in names {
            guard let l = try leftScope.resolve([name]), let r = try rightScope.resolve([name]) else {
                throw PlannerError(.binder, "column \"\(name.name)\" in USING is missing on one side of the join (at \(location))")
            }
            let rightIndex = leftScope.columns.count + r
            scope.columns[rightIndex].isHidden = true
            equalities.append(try .compare(.equal, .column(l, leftScope.columns[l].type),
                                           .column(rightIndex, rightScope.columns[r].type)))
        }
        return PhysicalExpression.conjunction(equalities)
    }
}
