import Columnar
import SQLExecution
import SQLSyntax

/// DuckDB's COPY. `COPY (query) TO 'file' (FORMAT parquet|csv|json, ...)` streams the query's batches into a
/// `FileWriterProvider` writer; `COPY t [(columns)] FROM 'file' (...)` is `INSERT INTO t [(columns)] SELECT *
/// FROM read_<format>('file', options)`, so it casts and checks exactly as INSERT does.
extension SQLEngine {
    func copy(_ copy: Copy, at location: SourceLocation) throws -> QueryResult {
        let format = try copyFormat(copy, at: location)
        switch copy.direction {
        case .to: return try copyTo(copy, format: format, at: location)
        case .from: return try copyFrom(copy, format: format, at: location)
        }
    }

    /// FORMAT, else the path's extension.
    private func copyFormat(_ copy: Copy, at location: SourceLocation) throws -> CopyFormat {
        guard let option = copy.options.first(where: { $0.name.name.lowercased() == "format" }) else {
            guard let format = CopyFormat(path: copy.path) else {
                throw PlannerError(.binder, "COPY: cannot tell the format of '\(copy.path)' from its extension; give (FORMAT parquet|csv|json) (at \(location))")
            }
            return format
        }
        let name = try copyOptionText(option)
        guard let format = CopyFormat(rawValue: name.lowercased()) else {
            throw PlannerError(.binder, "COPY: FORMAT \(name) is not parquet, csv or json (at \(option.name.location))")
        }
        return format
    }

    /// A bare word (`parquet`) is its own text; a constant is its text.
    private func copyOptionText(_ option: CopyOption) throws -> String {
        guard let value = option.value else { return "true" }
        if case .column(let parts) = value.kind, parts.count == 1 { return parts[0].name }
        if case .string(let text) = try copyOptionValue(value) { return text }
        return value.description
    }

    private func copyOptionValue(_ value: Expression) throws -> Value {
        if case .column(let parts) = value.kind, parts.count == 1 { return .string(parts[0].name) }
        let binder = binder()
        let empty = ExpressionContext(scope: Scope(), plan: .values(Schema([]), [[]]), binder: binder, clause: "COPY")
        return try binder.constant(binder.bind(value, empty), at: value.location)
    }

    /// Every option but FORMAT, names lower-cased, an option without a value TRUE.
    private func copyOptions(_ copy: Copy) throws -> TableFunctionArguments {
        var arguments = TableFunctionArguments()
        for option in copy.options where option.name.name.lowercased() != "format" {
            arguments.named.append((option.name.name.lowercased(), try option.value.map(copyOptionValue) ?? .bool(true)))
        }
        return arguments
    }

    private func copyTo(_ copy: Copy, format: CopyFormat, at location: SourceLocation) throws -> QueryResult {
        guard let fileWriters else {
            throw PlannerError(.notSupported, "COPY TO: this engine has no file writers (at \(location))")
        }
        let query: Query
        switch copy.source {
        case .query(let q): query = q
        case .table(let name, let columns):
            let items = columns.isEmpty ? [SelectItem(.wildcard(qualifier: []))]
                : columns.map { SelectItem(.expression(Expression(.column([$0]), at: $0.location), alias: nil)) }
            let from = TableReference(.table(name, timeTravel: nil, alias: nil), at: name.location)
            query = Query(body: .select(Select(items: items, from: [from])), location: location)
        }
        var (plan, names) = try plan(query)
        let types = plan.schema.fields.map(\.type)
        if types.contains(.null) {
            // A bare NULL column has no file type: it is written as a string column of nulls, as DuckDB does.
            let columns = types.indices.map { PhysicalExpression.column($0, types[$0]).cast(to: types[$0] == .null ? .string : types[$0]) }
            plan = .projection(plan, columns, names: names)
        }
        let root = try physicalPlan(plan)
        let schema = Schema(zip(names, root.schema.fields).map { Field($0, $1.type) })
        let writer = try fileWriters.writer(path: copy.path, format: format, schema: schema, options: try copyOptions(copy))
        var rows = 0
        do {
            while let batch = try root.next() {
                try writer.write(Batch(schema: schema, columns: batch.columns, count: batch.count, selection: batch.selection))
                rows += batch.rowCount
            }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
        return .message("COPY", rowCount: rows)
    }

    private func copyFrom(_ copy: Copy, format: CopyFormat, at location: SourceLocation) throws -> QueryResult {
        guard case .table(let name, let columns) = copy.source else {
            throw PlannerError(.binder, "COPY FROM needs a table (at \(location))")
        }
        var arguments = [FunctionArgument(value: Expression(.literal(.string(copy.path)), at: location))]
        for option in copy.options where option.name.name.lowercased() != "format" {
            let value = option.value ?? Expression(.literal(.boolean(true)), at: option.name.location)
            arguments.append(FunctionArgument(name: Identifier(Self.readOptionName(option.name.name)), value: value))
        }
        if format != .parquet, let columns = try copyColumns(name, columns), !copy.options.contains(where: { $0.name.name.lowercased() == "columns" }) {
            arguments.append(FunctionArgument(name: Identifier("columns"), value: Expression(.literal(.string(columns)), at: location)))
        }
        let call = FunctionCall(name: QualifiedName([Identifier(format.readFunction)]), arguments: arguments)
        let from = TableReference(.function(call, alias: nil), at: location)
        let source = Query(body: .select(Select(items: [SelectItem(.wildcard(qualifier: []))], from: [from])),
                           location: location)
        let result = try insert(Insert(table: name, columns: columns, source: source))
        return .message("COPY", rowCount: result.rowCount)
    }

    /// The target columns as a DDL column list, so CSV and JSON are read straight into the table's types (JSON
    /// keys matched by name, as DuckDB does); nil for an unknown table or nested columns.
    private func copyColumns(_ name: QualifiedName, _ columns: [Identifier]) throws -> String? {
        guard let table = try catalog.lookup(name.name.name) else { return nil }
        // A Hudi table's meta columns are not written by INSERT.
        var fields = ((table as? any WritableTable)?.dataSchema ?? table.schema).fields
        if !columns.isEmpty {
            fields = columns.compactMap { column in fields.first { Scope.matches(column, $0.name) } }
            guard fields.count == columns.count else { return nil }
        }
        var list: [String] = []
        for field in fields {
            guard let type = Self.declaredType(field.type) else { return nil }
            list.append("\"\(field.name.replacing("\"", with: "\"\""))\" \(type)")
        }
        return list.joined(separator: ", ")
    }

    /// The DDL spelling of the flat types a CSV or JSON column can hold; nil for the others.
    static func declaredType(_ type: DataType) -> String? {
        switch type {
        case .boolean: "BOOLEAN"
        case .int8: "TINYINT"
        case .int16: "SMALLINT"
        case .int32: "INTEGER"
        case .int64: "BIGINT"
        case .float32: "REAL"
        case .float64: "DOUBLE"
        case .decimal(let precision, let scale): "DECIMAL(\(precision), \(scale))"
        case .string: "VARCHAR"
        case .date: "DATE"
        case .timestamp(.microsecond, let utc): utc ? "TIMESTAMP" : "TIMESTAMP_NTZ"
        default: nil
        }
    }

    /// COPY's option names as read_csv spells them.
    static func readOptionName(_ name: String) -> String {
        switch name.lowercased() {
        case "delimiter", "sep": "delim"
        case "null": "nullstr"
        case let other: other
        }
    }
}
