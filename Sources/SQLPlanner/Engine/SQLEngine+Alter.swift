import Columnar
import SQLExecution
import SQLSyntax

/// ALTER TABLE ADD COLUMN(S) (nullable, at the end) and ALTER COLUMN ... TYPE (widening only), as one schema
/// change of the table (for Hudi, an ALTER_SCHEMA commit).
extension SQLEngine {
    func alterTable(_ alter: AlterTable) throws -> QueryResult {
        let table = try writableTable(alter.name)
        var fields = table.dataSchema.fields
        switch alter.action {
        case .addColumns(let columns):
            for column in columns {
                var field = try columnField(column)
                if table.schema.fields.contains(where: { $0.name.lowercased() == field.name.lowercased() }) {
                    throw PlannerError(.catalog, "Column with name \(field.name) already exists! (at \(column.name.location))")
                }
                guard !column.notNull, !column.primaryKey else {
                    throw PlannerError(.binder, "ALTER TABLE \(alter.name) ADD COLUMN \(field.name): an added column must be nullable (older rows have no value for it) (at \(column.name.location))")
                }
                field.nullable = true
                fields.append(field)
            }
        case .alterColumnType(let path, let type):
            guard path.count == 1, let column = path.first, let i = fields.firstIndex(where: { Scope.matches(column, $0.name) }) else {
                throw PlannerError(.binder, "ALTER TABLE \(alter.name): no column \(path.map(\.name).joined(separator: ".")) (at \(alter.name.location))")
            }
            let properties = table.properties
            let fixed = properties.primaryKey + properties.partitionFields + (properties.preCombineField.map { [$0] } ?? [])
            if fixed.contains(where: { $0.lowercased() == fields[i].name.lowercased() }) {
                throw PlannerError(.binder, "ALTER TABLE \(alter.name): \(fields[i].name) is a key, partition or precombine column; its type cannot change (at \(column.location))")
            }
            let wider = try type.dataType()
            if wider == fields[i].type { return .message("ALTER TABLE") }
            guard Self.widens(fields[i].type, to: wider) else {
                throw PlannerError(.binder, "ALTER TABLE \(alter.name) ALTER COLUMN \(fields[i].name) TYPE \(type): \(fields[i].type.sqlName) cannot become \(wider.sqlName); only widening is allowed (INT to BIGINT or DOUBLE, BIGINT or FLOAT to DOUBLE, DECIMAL to a larger precision at the same scale) (at \(column.location))")
            }
            fields[i].type = wider
        case .dropColumns(let columns):
            throw Self.needsSchemaOnRead(alter, "DROP COLUMN \(columns.map(\.name).joined(separator: ", "))")
        case .renameColumn(let column, let name):
            throw Self.needsSchemaOnRead(alter, "RENAME COLUMN \(column.map(\.name).joined(separator: ".")) TO \(name.name)")
        case .renameTo:
            throw PlannerError(.notSupported, "ALTER TABLE \(alter.name) RENAME TO: a table is the location that holds it, and Sluice does not move tables; CREATE TABLE ... AS SELECT copies one (at \(alter.name.location))")
        }
        try table.alterSchema(Schema(fields))
        return .message("ALTER TABLE")
    }

    /// Hudi reads base files by column name: without schema-on-read (`hoodie.schema.on.read.enable`, which keeps
    /// column ids in an internal schema) a dropped or renamed column would come back from, or vanish from, the
    /// files written before. Hudi's Spark SQL refuses these too, so Sluice does.
    static func needsSchemaOnRead(_ alter: AlterTable, _ change: String) -> PlannerError {
        PlannerError(.binder, "ALTER TABLE \(alter.name) \(change): a Hudi copy-on-write table without schema-on-read (hoodie.schema.on.read.enable) resolves columns by name in its base files, so columns can only be added or widened; copy the table with CREATE TABLE ... AS SELECT to drop or rename one (at \(alter.name.location))")
    }

    /// Hudi's permitted type changes on write (its schema evolution's widenings).
    static func widens(_ from: DataType, to: DataType) -> Bool {
        switch (from, to) {
        case (.int32, .int64), (.int32, .float64), (.int64, .float64), (.float32, .float64): return true
        case (.decimal(let p, let s), .decimal(let q, let t)): return s == t && q > p
        default: return false
        }
    }
}
