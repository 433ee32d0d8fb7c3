import Columnar
import SQLExecution
import SQLSyntax

/// DDL and DML over the catalog. Each statement computes all its rows before it writes, so a failing
/// statement leaves the table as it was.
extension SQLEngine {
    func drop(_ drop: Drop) throws -> QueryResult {
        let key = drop.name.name.name.lowercased()
        switch drop.objectKind {
        case .index:
            guard indexes.removeValue(forKey: key) != nil || drop.ifExists else {
                throw PlannerError(.catalog, "Index with name \(drop.name) does not exist! (at \(drop.name.location))")
            }
            return .message("DROP INDEX")
        case .view:
            guard views.removeValue(forKey: key) != nil || drop.ifExists else {
                throw PlannerError(.catalog, "View with name \(drop.name) does not exist! (at \(drop.name.location))")
            }
            return .message("DROP VIEW")
        case .table:
            if views[key] != nil {
                throw PlannerError(.catalog, "\(drop.name) is a view, not a table: use DROP VIEW (at \(drop.name.location))")
            }
            indexes = indexes.filter { $0.value != key }
            if try catalog.lookup(drop.name.name.name) == nil {
                if drop.ifExists { return .message("DROP TABLE") }
                throw PlannerError(.catalog, "Table with name \(drop.name) does not exist! (at \(drop.name.location))")
            }
            if let writable = catalog as? any WritableCatalog {
                try writable.drop(drop.name.name.name, purge: drop.purge)
            } else {
                try catalog.drop(drop.name.name.name)
            }
            return .message("DROP TABLE")
        }
    }

    func createIndex(_ index: CreateIndex) throws -> QueryResult {
        let key = index.name.name.name.lowercased()
        guard try catalog.lookup(index.table.name.name) != nil else {
            throw PlannerError(.catalog, "Table with name \(index.table) does not exist! (at \(index.table.location))")
        }
        if indexes[key] != nil {
            if index.ifNotExists { return .message("CREATE INDEX") }
            throw PlannerError(.catalog, "Index with name \(index.name) already exists! (at \(index.name.location))")
        }
        indexes[key] = index.table.name.name.lowercased()
        return .message("CREATE INDEX")
    }

    func createView(_ view: CreateView) throws -> QueryResult {
        let key = view.name.name.name.lowercased()
        if try views[key] != nil || catalog.lookup(view.name.name.name) != nil {
            if view.ifNotExists { return .message("CREATE VIEW") }
            guard view.orReplace, views[key] != nil else {
                throw PlannerError(.catalog, "View with name \(view.name) already exists! (at \(view.name.location))")
            }
        }
        _ = try binder().bindQuery(view.query)
        views[key] = View(query: view.query, columns: view.columns.map(\.name))
        return .message("CREATE VIEW")
    }

    func mutableTable(_ name: QualifiedName) throws -> any MutableTableProvider {
        guard let table = try catalog.lookup(name.name.name) else {
            throw PlannerError(.catalog, "Table with name \(name) does not exist! (at \(name.location))")
        }
        guard let mutable = table as? any MutableTableProvider else {
            throw PlannerError(.notSupported, "table \(name) is read-only (at \(name.location))")
        }
        return mutable
    }

    func checkNotNull(_ schema: Schema, _ batches: [Batch], _ name: QualifiedName) throws {
        for (c, field) in schema.fields.enumerated() where !field.nullable {
            for batch in batches {
                for i in 0..<batch.rowCount where batch.columns[c].isNull(batch.physicalRow(i)) {
                    throw ExecutionError(.invalidInput, "NOT NULL constraint failed: \(name).\(field.name)")
                }
            }
        }
    }

    /// The table's rows as an expression context for UPDATE and DELETE.
    func tableContext(_ table: any TableProvider, _ name: QualifiedName, alias: Identifier?) -> ExpressionContext {
        let scan = TableScan(name: name.name.name, provider: table, projection: Array(table.schema.fields.indices), filters: [])
        return ExpressionContext(scope: Scope(table: alias?.name ?? name.name.name, schema: table.schema),
                                 plan: .scan(scan), binder: binder(), clause: "WHERE")
    }

    func update(_ update: Update) throws -> QueryResult {
        let table = try mutableTable(update.table)
        if let keyed = table as? any WritableTable, !keyed.properties.primaryKey.isEmpty {
            return try keyedUpdate(update, keyed)
        }
        let fields = table.schema.fields
        let context = tableContext(table, update.table, alias: update.alias)
        let binder = context.binder
        let predicate = try update.whereClause.map { try binder.bind($0, context).cast(to: .boolean) } ?? .literal(.bool(true), .boolean)
        context.clause = "SET"
        var expressions = fields.indices.map { PhysicalExpression.column($0, fields[$0].type) }
        for assignment in update.assignments {
            guard let column = assignment.column.last, let i = fields.firstIndex(where: { Scope.matches(column, $0.name) }) else {
                throw PlannerError(.binder, "Referenced update column \(assignment.column.map(\.name).joined(separator: ".")) not found in table \(update.table)")
            }
            let value = try binder.bind(assignment.value, context).cast(to: fields[i].type)
            expressions[i] = .caseWhen([WhenClause(predicate, value)], otherwise: expressions[i], fields[i].type)
        }
        let matched = PhysicalExpression.coalesce([predicate, .literal(.bool(false), .boolean)])
        let batches = try run(.projection(context.plan, expressions + [matched], names: fields.map(\.name) + ["matched"]))
        var count = 0
        for batch in batches {
            for i in 0..<batch.rowCount where batch.columns[fields.count].value(at: batch.physicalRow(i)) == .bool(true) { count += 1 }
        }
        let rows = batches.map { Batch(schema: table.schema, columns: Array($0.columns.prefix(fields.count)), count: $0.count, selection: $0.selection) }
        try checkNotNull(table.schema, rows, update.table)
        try table.replace(with: rows)
        return .message("UPDATE", rowCount: count)
    }

    func delete(_ delete: Delete) throws -> QueryResult {
        let table = try mutableTable(delete.table)
        if let keyed = table as? any WritableTable, !keyed.properties.primaryKey.isEmpty {
            return try keyedDelete(delete, keyed)
        }
        let fields = table.schema.fields
        let context = tableContext(table, delete.table, alias: delete.alias)
        let before = table.statistics.rowCount ?? 0
        guard let condition = delete.whereClause else {
            try table.replace(with: [])
            return .message("DELETE", rowCount: before)
        }
        let predicate = try context.binder.bind(condition, context).cast(to: .boolean)
        let keep = PhysicalExpression.not(.coalesce([predicate, .literal(.bool(false), .boolean)]))
        let columns = fields.indices.map { PhysicalExpression.column($0, fields[$0].type) }
        let batches = try run(.projection(.filter(context.plan, keep), columns, names: fields.map(\.name)))
        try table.replace(with: batches)
        return .message("DELETE", rowCount: before - batches.reduce(0) { $0 + $1.rowCount })
    }
}
