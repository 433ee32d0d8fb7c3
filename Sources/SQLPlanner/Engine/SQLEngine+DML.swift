import Columnar
import SQLExecution
import SQLSyntax

/// INSERT, INSERT OVERWRITE, and UPDATE / DELETE on keyed tables, each one `WritableTable.write`: rows stream
/// from the plan into the write, so a runtime error mid-query aborts the write and commits nothing.
extension SQLEngine {
    func writableTable(_ name: QualifiedName) throws -> any WritableTable {
        guard let writable = try mutableTable(name) as? any WritableTable else {
            throw PlannerError(.notSupported, "table \(name) takes no keyed writes (at \(name.location))")
        }
        return writable
    }

    func insert(_ insert: Insert) throws -> QueryResult {
        let table = try writableTable(insert.table)
        let fields = table.dataSchema.fields
        let binder = binder()
        let bound = try binder.bindQuery(insert.source)
        let sourceTypes = bound.plan.schema.fields.map(\.type)
        let statics = try staticPartitionValues(insert, table, binder)
        let targets = try insertTargets(insert, fields, statics)
        guard sourceTypes.count == targets.count else {
            let constants = statics.isEmpty ? "" : " besides \(statics.count) partition column(s) with a value in the PARTITION clause"
            throw PlannerError(.binder, "table \(insert.table) has \(targets.count) columns\(constants) but \(sourceTypes.count) values were supplied (at \(insert.table.location))")
        }
        var positions: [Int?] = Array(repeating: nil, count: fields.count)
        for (k, i) in targets.enumerated() { positions[i] = k }
        let expressions = fields.indices.map { i in
            statics[i]?.cast(to: fields[i].type)
                ?? positions[i].map { PhysicalExpression.column($0, sourceTypes[$0]).cast(to: fields[i].type) }
                ?? .literal(.null, fields[i].type)
        }
        let plan = LogicalPlan.projection(bound.plan, expressions, names: fields.map(\.name))
        var write = TableWrite(insertOperation(table, overwrite: insert.overwrite))
        if insert.overwrite { write.staticPartition = try staticPartition(statics, table) }
        let result = try self.write(plan, into: table, name: insert.table, as: write)
        return .message("INSERT", rowCount: result.rowCount)
    }

    /// Hudi's choice: INSERT OVERWRITE replaces the partitions written; INSERT upserts on a keyed table unless
    /// `hoodie.spark.sql.insert.into.operation` says insert or bulk_insert.
    private func insertOperation(_ table: any WritableTable, overwrite: Bool) -> TableWriteOperation {
        if overwrite { return .overwritePartitions }
        let properties = table.properties
        guard !properties.primaryKey.isEmpty else { return .insert }
        let configured = properties.options["hoodie.spark.sql.insert.into.operation"]?.lowercased()
        return configured == "insert" || configured == "bulk_insert" ? .insert : .upsert
    }

    /// UPDATE on a keyed table: the changed rows, upserted. A key or partition column cannot change (Hudi).
    func keyedUpdate(_ update: Update, _ table: any WritableTable) throws -> QueryResult {
        let properties = table.properties
        var values: [String: Expression] = [:]
        for assignment in update.assignments {
            guard let column = assignment.column.last, let field = table.dataSchema.fields.first(where: { Scope.matches(column, $0.name) }) else {
                throw PlannerError(.binder, "Referenced update column \(assignment.column.map(\.name).joined(separator: ".")) not found in table \(update.table)")
            }
            if (properties.primaryKey + properties.partitionFields).contains(where: { $0.lowercased() == field.name.lowercased() }) {
                throw PlannerError(.binder, "Detected update query with updating primary key or partition column is not allowed: \(field.name) (at \(column.location))")
            }
            values[field.name] = assignment.value
        }
        let qualifier = update.alias ?? update.table.name
        let items = table.dataSchema.fields.map { field in
            Self.item(values[field.name] ?? Self.column(qualifier, field.name), field.name)
        }
        let query = Self.select(items, from: Self.reference(update.table, alias: update.alias), where: update.whereClause)
        let bound = try binder().bindQuery(query)
        let result = try write(conformed(bound.plan, to: table), into: table, name: update.table, as: TableWrite(.upsert))
        return .message("UPDATE", rowCount: result.rowCount)
    }

    /// DELETE on a keyed table: the keys of the rows the condition selects, deleted.
    func keyedDelete(_ delete: Delete, _ table: any WritableTable) throws -> QueryResult {
        let qualifier = delete.alias ?? delete.table.name
        let items = table.dataSchema.fields.map { Self.item(Self.column(qualifier, $0.name), $0.name) }
        let query = Self.select(items, from: Self.reference(delete.table, alias: delete.alias), where: delete.whereClause)
        let bound = try binder().bindQuery(query)
        let result = try write(conformed(bound.plan, to: table), into: table, name: delete.table, as: TableWrite(.delete))
        return .message("DELETE", rowCount: result.rowCount)
    }

    /// The plan's first columns cast to the table's data types and named as its columns; `extra` columns after
    /// them (a delete marker) pass through.
    func conformed(_ plan: LogicalPlan, to table: any WritableTable, extra: [String] = []) -> LogicalPlan {
        let fields = table.dataSchema.fields
        let types = plan.schema.fields.map(\.type)
        let data = fields.indices.map { PhysicalExpression.column($0, types[$0]).cast(to: fields[$0].type) }
        let rest = extra.indices.map { PhysicalExpression.column(fields.count + $0, types[fields.count + $0]) }
        return .projection(plan, data + rest, names: fields.map(\.name) + extra)
    }

    /// Runs `plan` (the table's data columns, then the delete marker if any) into one write.
    func write(_ plan: LogicalPlan, into table: any WritableTable, name: QualifiedName, as write: TableWrite) throws -> TableWriteResult {
        let root = try physicalPlan(Optimizer.optimize(plan))
        // The interrupt check (Ctrl-C in the shell) aborts the write like any other error: nothing commits.
        return try self.write(next: {
            guard let batch = try root.next() else { return nil }
            try progress.check()
            return batch
        }, into: table, name: name, as: write)
    }

    func write(next: () throws -> Batch?, into table: any WritableTable, name: QualifiedName, as write: TableWrite) throws -> TableWriteResult {
        var fields = table.dataSchema.fields
        if let marker = write.deleteMarkerColumn { fields.append(Field(marker, .boolean)) }
        let schema = Schema(fields)
        return try table.write(write) {
            guard let batch = try next() else { return nil }
            let out = Batch(schema: schema, columns: batch.columns, count: batch.count, selection: batch.selection)
            if write.operation != .delete { try checkNotNull(table.dataSchema, [out], name) }
            return out
        }
    }

    // MARK: syntax the DML statements are rewritten into

    static func column(_ qualifier: Identifier?, _ name: String) -> Expression {
        Expression(.column((qualifier.map { [$0] } ?? []) + [Identifier(name, isQuoted: true)]))
    }

    static func item(_ expression: Expression, _ name: String) -> SelectItem {
        SelectItem(.expression(expression, alias: Identifier(name, isQuoted: true)))
    }

    static func reference(_ table: QualifiedName, alias: Identifier?) -> TableReference {
        TableReference(.table(table, timeTravel: nil, alias: alias.map { TableAlias(name: $0) }))
    }

    static func select(_ items: [SelectItem], from: TableReference, where condition: Expression?) -> Query {
        Query(body: .select(Select(items: items, from: [from], whereClause: condition)))
    }
}
