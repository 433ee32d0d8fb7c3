import Columnar
import SQLPlanner

/// DuckDB's `read_csv` parameters that adjust the sniffed columns rather than the dialect: `names` renames the
/// first columns, `types` (by position) and `all_varchar` replace their inferred types. The file is then read
/// under the adjusted schema, so a value that does not fit its given type is a Conversion Error naming it.
public struct CSVColumnOverrides: Sendable {
    public var names: [String] = []
    /// Types for the first columns, in order.
    public var types: [DataType] = []
    public var allVarchar = false

    public init() {}

    public var isEmpty: Bool { names.isEmpty && types.isEmpty && !allVarchar }

    func apply(to schema: Schema) throws -> Schema {
        var fields = schema.fields
        for (label, count) in [("names", names.count), ("types", types.count)] where count > fields.count {
            throw PlannerError(.binder, "read_csv: \(count) \(label) given for \(fields.count) columns")
        }
        for (i, name) in names.enumerated() { fields[i].name = name }
        if allVarchar { fields = fields.map { Field($0.name, .string) } }
        for (i, type) in types.enumerated() { fields[i].type = type }
        return Schema(fields)
    }

    /// A type as DDL spells it (`'DECIMAL(10, 2)'`, `'VARCHAR'`).
    static func type(_ text: String) throws -> DataType {
        let schema = try Schema.parse(columnList: "c \(text)")
        guard schema.fields.count == 1 else { throw PlannerError(.binder, "read_csv: '\(text)' is not one type") }
        return schema.fields[0].type
    }
}
