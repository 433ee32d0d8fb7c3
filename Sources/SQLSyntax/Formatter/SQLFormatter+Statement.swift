/// Statements: DDL, DML and the utility statements.
extension SQLFormatter {
    static func formatStatement(_ statement: Statement) -> String {
        switch statement.kind {
        case .query(let query): return formatQuery(query)
        case .createTable(let table): return createTable(table)
        case .createView(let view): return createView(view)
        case .createIndex(let index):
            return "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(index.ifNotExists ? "IF NOT EXISTS " : "")"
                + "\(path(index.name.parts)) ON \(path(index.table.parts)) (\(orderBy(index.columns)))"
        case .drop(let drop):
            return "DROP \(drop.objectKind.rawValue) \(drop.ifExists ? "IF EXISTS " : "")\(path(drop.name.parts))"
                + (drop.purge ? " PURGE" : "") + (drop.cascade ? " CASCADE" : "")
        case .alterTable(let alter): return alterTable(alter)
        case .insert(let insert): return self.insert(insert)
        case .update(let update): return self.update(update)
        case .delete(let delete):
            return "DELETE FROM \(path(delete.table.parts))" + (delete.alias.map { " AS " + identifier($0) } ?? "")
                + (delete.whereClause.map { " WHERE " + expression($0) } ?? "")
        case .merge(let merge): return self.merge(merge)
        case .showTables(let database): return "SHOW TABLES" + (database.map { " IN " + path($0.parts) } ?? "")
        case .showCreateTable(let name): return "SHOW CREATE TABLE " + path(name.parts)
        case .describe(let name, let extended): return "DESCRIBE \(extended ? "EXTENDED " : "")\(path(name.parts))"
        case .call(let call): return "CALL " + function(call)
        case .explain(let explain):
            return "EXPLAIN \(explain.analyze ? "ANALYZE " : "")\(formatStatement(explain.statement))"
        case .copy(let copy): return self.copy(copy)
        case .set(let name, let value): return "SET \(path(name.parts)) = \(expression(value))"
        case .transaction(let command): return command.rawValue
        }
    }

    private static func createTable(_ table: CreateTable) -> String {
        var text = "CREATE " + (table.orReplace ? "OR REPLACE " : "") + (table.isTemporary ? "TEMPORARY " : "")
        text += "TABLE " + (table.ifNotExists ? "IF NOT EXISTS " : "") + path(table.name.parts)
        let elements = table.columns.map(columnDefinition) + table.constraints.map(constraint)
        if !elements.isEmpty { text += " (" + elements.joined(separator: ", ") + ")" }
        if let using = table.using { text += " USING " + identifier(using) }
        if !table.partitionedBy.isEmpty { text += " PARTITIONED BY (\(names(table.partitionedBy)))" }
        if !table.properties.isEmpty { text += " TBLPROPERTIES " + properties(table.properties) }
        if !table.options.isEmpty { text += " OPTIONS " + properties(table.options) }
        if let path = table.path { text += " LOCATION " + string(path) }
        if let comment = table.comment { text += " COMMENT " + string(comment) }
        if let query = table.query { text += " AS " + formatQuery(query) }
        return text
    }

    static func columnDefinition(_ column: ColumnDefinition) -> String {
        var text = identifier(column.name)
        if let type = column.type { text += " " + self.type(type) }
        if column.notNull { text += " NOT NULL" }
        if column.primaryKey { text += " PRIMARY KEY" }
        if column.unique { text += " UNIQUE" }
        if let value = column.defaultValue { text += " DEFAULT " + format(value, needing: Precedence.bitwiseOr) }
        if let comment = column.comment { text += " COMMENT " + string(comment) }
        return text
    }

    private static func constraint(_ constraint: TableConstraint) -> String {
        switch constraint {
        case .primaryKey(let columns): return "PRIMARY KEY (\(names(columns)))"
        case .unique(let columns): return "UNIQUE (\(names(columns)))"
        }
    }

    private static func properties(_ properties: [Property]) -> String {
        "(" + properties.map { "\(string($0.key)) = \(format($0.value, needing: Precedence.bitwiseOr))" }
            .joined(separator: ", ") + ")"
    }

    private static func createView(_ view: CreateView) -> String {
        var text = "CREATE " + (view.orReplace ? "OR REPLACE " : "") + (view.isTemporary ? "TEMPORARY " : "")
        text += "VIEW " + (view.ifNotExists ? "IF NOT EXISTS " : "") + path(view.name.parts)
        if !view.columns.isEmpty { text += " (\(names(view.columns)))" }
        return text + " AS " + formatQuery(view.query)
    }

    private static func alterTable(_ alter: AlterTable) -> String {
        let prefix = "ALTER TABLE \(path(alter.name.parts)) "
        switch alter.action {
        case .addColumns(let columns): return prefix + "ADD COLUMNS (\(columns.map(columnDefinition).joined(separator: ", ")))"
        case .alterColumnType(let column, let type): return prefix + "ALTER COLUMN \(path(column)) TYPE \(self.type(type))"
        case .renameTo(let name): return prefix + "RENAME TO " + path(name.parts)
        case .dropColumns(let columns): return prefix + "DROP COLUMNS (\(names(columns)))"
        case .renameColumn(let column, let name): return prefix + "RENAME COLUMN \(path(column)) TO " + identifier(name)
        }
    }

    private static func insert(_ insert: Insert) -> String {
        var text = insert.overwrite ? "INSERT OVERWRITE TABLE " : "INSERT INTO "
        text += path(insert.table.parts)
        if !insert.partition.isEmpty {
            let items = insert.partition.map { item in identifier(item.column) + (item.value.map { " = " + expression($0) } ?? "") }
            text += " PARTITION (\(items.joined(separator: ", ")))"
        }
        if !insert.columns.isEmpty { text += " (\(names(insert.columns)))" }
        return text + " " + formatQuery(insert.source)
    }

    private static func assignments(_ assignments: [Assignment]) -> String {
        assignments.map { "\(path($0.column)) = \(expression($0.value))" }.joined(separator: ", ")
    }

    private static func update(_ update: Update) -> String {
        "UPDATE \(path(update.table.parts))" + (update.alias.map { " AS " + identifier($0) } ?? "")
            + " SET " + assignments(update.assignments)
            + (update.whereClause.map { " WHERE " + expression($0) } ?? "")
    }

    private static func merge(_ merge: Merge) -> String {
        var text = "MERGE INTO \(path(merge.target.parts))" + (merge.targetAlias.map { " AS " + identifier($0) } ?? "")
        text += " USING \(tableReference(merge.source)) ON \(expression(merge.condition))"
        for clause in merge.clauses {
            text += clause.matched ? " WHEN MATCHED" : " WHEN NOT MATCHED"
            if let condition = clause.condition { text += " AND " + expression(condition) }
            text += " THEN " + mergeAction(clause.action)
        }
        return text
    }

    private static func mergeAction(_ action: MergeClause.Action) -> String {
        switch action {
        case .update(let list): return "UPDATE SET " + assignments(list)
        case .updateAll: return "UPDATE SET *"
        case .delete: return "DELETE"
        case .insert(let columns, let values):
            return "INSERT " + (columns.isEmpty ? "" : "(\(names(columns))) ") + "VALUES (\(list(values)))"
        case .insertAll: return "INSERT *"
        }
    }

    private static func copy(_ copy: Copy) -> String {
        var text = "COPY "
        switch copy.source {
        case .table(let name, let columns):
            text += path(name.parts) + (columns.isEmpty ? "" : " (\(names(columns)))")
        case .query(let query): text += "(\(formatQuery(query)))"
        }
        text += " \(copy.direction.rawValue) \(string(copy.path))"
        if !copy.options.isEmpty {
            text += " (" + copy.options.map { option in
                identifier(option.name, reservedAllowed: true) + (option.value.map { " " + expression($0) } ?? "")
            }.joined(separator: ", ") + ")"
        }
        return text
    }
}
