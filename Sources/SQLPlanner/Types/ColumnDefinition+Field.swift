import Columnar
import SQLSyntax

extension ColumnDefinition {
    /// The schema field this column declares. A typeless column (SQLite's `CREATE TABLE t(a)`) is rejected here:
    /// columnar storage needs a type.
    public func field() throws(PlannerError) -> Field {
        guard let type else {
            throw PlannerError(.binder, "column \"\(name.name)\" has no type (at \(name.location))")
        }
        return Field(name.name, try type.dataType(), nullable: !(notNull || primaryKey))
    }
}

extension Schema {
    /// A schema from a column list as written in DDL: `id BIGINT NOT NULL, name STRING, price DECIMAL(10, 2)`.
    /// Parse errors keep the parser's `Parser Error:` text; names repeat only as an error.
    public static func parse(columnList text: String) throws -> Schema {
        let prefix = "CREATE TABLE t ("
        let statement: Statement
        do {
            statement = try SQLParser.parseStatement(prefix + text + ")")
        } catch var error {
            // Report the place in the caller's text, not in the wrapper statement.
            if error.location.line == 1 {
                error.location.column = max(1, error.location.column - prefix.utf8.count)
                error.location.offset = max(0, error.location.offset - prefix.utf8.count)
            }
            throw error
        }
        guard case .createTable(let create) = statement.kind, create.query == nil else {
            throw PlannerError(.binder, "not a column list: \(text)")
        }
        var fields: [Field] = []
        for column in create.columns {
            let field = try column.field()
            if fields.contains(where: { $0.name.lowercased() == field.name.lowercased() }) {
                throw PlannerError(.binder, "column \"\(field.name)\" is listed twice")
            }
            fields.append(field)
        }
        return Schema(fields)
    }
}
