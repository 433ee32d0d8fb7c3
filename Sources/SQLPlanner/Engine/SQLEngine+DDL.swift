import Columnar
import SQLExecution
import SQLSyntax

/// CREATE TABLE (Hudi Spark SQL's two forms: `PRIMARY KEY (...) PARTITIONED BY (...)` and
/// `TBLPROPERTIES (primaryKey = '...', preCombineField = '...', type = 'cow', hoodie.* = ...)`), CTAS, DESCRIBE
/// EXTENDED and SHOW CREATE TABLE.
extension SQLEngine {
    func createTable(_ create: CreateTable) throws -> QueryResult {
        let name = create.name.name.name
        if try catalog.lookup(name) != nil {
            if create.ifNotExists { return .message("CREATE TABLE") }
            guard create.orReplace else {
                throw PlannerError(.catalog, "Table with name \(name) already exists! (at \(create.name.location))")
            }
            try catalog.drop(name)
        }
        if let path = create.path {
            throw PlannerError(.notSupported, "CREATE TABLE \(name) LOCATION '\(path)': tables live in the warehouse, under their name (at \(create.name.location))")
        }
        if let query = create.query { return try createTableAsSelect(create, query) }
        var fields: [Field] = []
        for column in create.columns {
            let field = try columnField(column)
            if fields.contains(where: { $0.name.lowercased() == field.name.lowercased() }) {
                throw PlannerError(.catalog, "Column with name \(field.name) already exists! (at \(column.name.location))")
            }
            fields.append(field)
        }
        let definition = try tableDefinition(create, schema: Schema(fields))
        _ = try createTable(definition)
        return .message("CREATE TABLE")
    }

    /// Creates the table, then writes the query's rows as its first commit; when the query or the write fails,
    /// the table is dropped again, so a failing CTAS leaves nothing.
    private func createTableAsSelect(_ create: CreateTable, _ query: Query) throws -> QueryResult {
        let (plan, names) = try plan(query)
        let fields = zip(names, plan.schema.fields).map { Field($0, $1.type == .null ? .int32 : $1.type) }
        let definition = try tableDefinition(create, schema: Schema(fields))
        let table = try createTable(definition)
        do {
            guard let writable = table as? any WritableTable else {
                try (table as? any MutableTableProvider)?.append(try run(plan))
                return .message("CREATE TABLE")
            }
            let result = try write(conformed(plan, to: writable), into: writable, name: create.name, as: TableWrite(.insert))
            return .message("CREATE TABLE", rowCount: result.rowCount)
        } catch {
            try? catalog.drop(definition.name)
            throw error
        }
    }

    private func createTable(_ definition: TableDefinition) throws -> any TableProvider {
        guard let writable = catalog as? any WritableCatalog else {
            return try catalog.create(definition.name, schema: definition.schema)
        }
        return try writable.create(definition)
    }

    /// The table's keys and properties from either Hudi form; key columns become NOT NULL.
    func tableDefinition(_ create: CreateTable, schema: Schema) throws -> TableDefinition {
        var properties = TableProperties()
        for property in create.properties + create.options {
            let value = try propertyText(property)
            switch property.key.lowercased() {
            case "primarykey", "hoodie.datasource.write.recordkey.field", "hoodie.table.recordkey.fields":
                properties.primaryKey = value.split(separator: ",").map { String($0.filter { $0 != " " }) }
            case "precombinefield", "hoodie.datasource.write.precombine.field", "hoodie.table.precombine.field":
                properties.preCombineField = value
            case "type", "hoodie.table.type": properties.tableType = value.lowercased() == "copy_on_write" ? "cow" : value
            default: properties.options[property.key] = value
            }
        }
        for constraint in create.constraints {
            if case .primaryKey(let keys) = constraint { properties.primaryKey = keys.map(\.name) }
        }
        if properties.primaryKey.isEmpty, !options.sqliteCompatibility {
            properties.primaryKey = create.columns.filter(\.primaryKey).map(\.name.name)
        }
        properties.partitionFields = create.partitionedBy.map(\.name)
        var fields = schema.fields
        let named = properties.primaryKey + properties.partitionFields + (properties.preCombineField.map { [$0] } ?? [])
        for (position, column) in named.enumerated() {
            guard let i = fields.firstIndex(where: { $0.name.lowercased() == column.lowercased() }) else {
                throw PlannerError(.binder, "Table \(create.name) has no column \"\(column)\" for its \(position < properties.primaryKey.count ? "primary key" : "partition or precombine field") (at \(create.name.location))")
            }
            if position < properties.primaryKey.count { fields[i].nullable = false }
        }
        properties.primaryKey = properties.primaryKey.map { key in fields.first { $0.name.lowercased() == key.lowercased() }?.name ?? key }
        return TableDefinition(name: create.name.name.name, schema: Schema(fields), properties: properties)
    }

    private func propertyText(_ property: Property) throws -> String {
        switch property.value.kind {
        case .literal(.string(let s)), .literal(.integer(let s)), .literal(.decimal(let s)), .literal(.float(let s)): return s
        case .literal(.boolean(let b)): return b ? "true" : "false"
        case .column(let parts): return parts.map(\.name).joined(separator: ".")
        default:
            throw PlannerError(.binder, "table property \(property.key) takes a constant, not \(property.value) (at \(property.value.location))")
        }
    }

    /// A DDL column as a field; under SQLite compatibility integers are 64-bit, REAL is DOUBLE and a column
    /// without a type holds text.
    func columnField(_ column: ColumnDefinition) throws -> Field {
        guard options.sqliteCompatibility else { return try column.field() }
        var type: DataType = .string
        if let declared = column.type { type = try binder().castType(declared) }
        if type.isInteger { type = .int64 }
        if type == .float32 { type = .float64 }
        return Field(column.name.name, type, nullable: !(column.notNull || column.primaryKey))
    }

    func describe(_ name: QualifiedName, extended: Bool) throws -> QueryResult {
        guard let table = try catalog.lookup(name.name.name) else {
            throw PlannerError(.catalog, "Table with name \(name) does not exist! (at \(name.location))")
        }
        var rows = table.schema.fields.map { [$0.name, $0.type.sqlName, $0.nullable ? "YES" : "NO"] }
        if extended, let writable = table as? any WritableTable {
            let p = writable.properties
            rows.append(["Detailed Table Information", "", ""])
            rows.append(["Table", name.name.name, ""])
            if let location = p.location { rows.append(["Location", location, ""]) }
            if let type = p.tableType { rows.append(["Type", type, ""]) }
            if let version = p.tableVersion { rows.append(["Table Version", String(version), ""]) }
            rows.append(["Primary Key", p.primaryKey.joined(separator: ","), ""])
            rows.append(["Pre-combine Field", p.preCombineField ?? "", ""])
            rows.append(["Partition Columns", p.partitionFields.joined(separator: ","), ""])
            for (key, value) in p.options.sorted(by: { $0.key < $1.key }) { rows.append([key, value, ""]) }
        }
        return Self.textRows(["column_name", "column_type", "null"], rows)
    }

    /// The CREATE TABLE statement that recreates the table's columns, keys, partitioning and properties.
    func showCreateTable(_ name: QualifiedName) throws -> QueryResult {
        guard let table = try catalog.lookup(name.name.name) else {
            throw PlannerError(.catalog, "Table with name \(name) does not exist! (at \(name.location))")
        }
        let writable = table as? any WritableTable
        let fields = writable?.dataSchema.fields ?? table.schema.fields
        let columns = try fields.map { field in
            guard let type = field.type.declaredSQLType else {
                throw PlannerError(.notSupported, "SHOW CREATE TABLE \(name): column \(field.name) has type \(field.type.sqlName), which no DDL declares")
            }
            return ColumnDefinition(name: Self.identifier(field.name), type: type, notNull: !field.nullable)
        }
        var create = CreateTable(name: QualifiedName([Self.identifier(name.name.name)]), columns: columns)
        if let p = writable?.properties {
            create.partitionedBy = p.partitionFields.map(Self.identifier)
            var properties: [(String, String)] = []
            if !p.primaryKey.isEmpty { properties.append(("primaryKey", p.primaryKey.joined(separator: ","))) }
            if let field = p.preCombineField { properties.append(("preCombineField", field)) }
            if let type = p.tableType { properties.append(("type", type)) }
            properties += p.options.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            create.properties = properties.map { Property(key: $0.0, value: Expression(.literal(.string($0.1)))) }
        }
        let text = Statement(.createTable(create)).description
        return Self.textRows(["createtab_stmt"], [[text]])
    }

    /// A name as DDL writes it: bare when it reads back as itself (lower-case letters, digits, '_'), else quoted.
    static func identifier(_ name: String) -> Identifier {
        let bare = name.first.map { $0.isLetter || $0 == "_" } == true
            && name.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "_" }
        return Identifier(name, isQuoted: !bare || (try? SQLParser.parseStatement("SELECT 1 AS \(name)")) == nil)
    }
}
