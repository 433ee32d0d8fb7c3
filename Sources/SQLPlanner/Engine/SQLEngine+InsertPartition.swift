import Columnar
import SQLExecution
import SQLSyntax

/// Spark's partition spec on INSERT: `INSERT INTO|OVERWRITE t PARTITION (p = 'v', q) query`. A static column
/// (`p = 'v'`) takes its constant in every row and the query does not supply it; a dynamic one (`q`) comes from
/// the query as usual. Every column named must be one of the table's partition columns.
extension SQLEngine {
    /// The static partition columns' values, by table column index.
    func staticPartitionValues(_ insert: Insert, _ table: any WritableTable, _ binder: Binder) throws
        -> [Int: PhysicalExpression]
    {
        let fields = table.dataSchema.fields
        let partitionFields = table.properties.partitionFields
        var values: [Int: PhysicalExpression] = [:]
        var seen: Set<Int> = []
        for item in insert.partition {
            guard let i = fields.firstIndex(where: { Scope.matches(item.column, $0.name) }),
                  partitionFields.contains(where: { $0.lowercased() == fields[i].name.lowercased() })
            else {
                let known = partitionFields.isEmpty ? "it is not partitioned" : "its partition columns are \(partitionFields.joined(separator: ", "))"
                throw PlannerError(.binder, "PARTITION clause of \(insert.table) names \(item.column.name), which is not a partition column: \(known) (at \(item.column.location))")
            }
            guard seen.insert(i).inserted else {
                throw PlannerError(.binder, "PARTITION clause of \(insert.table) names \(item.column.name) twice (at \(item.column.location))")
            }
            guard let value = item.value else { continue }
            // Cast to the column's type like any inserted value: a bad value is a Conversion Error when it runs.
            values[i] = try binder.bindConstant(value, clause: "PARTITION")
        }
        return values
    }

    /// The values of a PARTITION clause that names every partition column, by table column name; empty when some
    /// partition column takes its value from the query (only the partitions written are then replaced).
    func staticPartition(_ statics: [Int: PhysicalExpression], _ table: any WritableTable) throws -> [String: Value] {
        let fields = table.dataSchema.fields
        let partitionFields = Set(table.properties.partitionFields.map { $0.lowercased() })
        let indices = fields.indices.filter { partitionFields.contains(fields[$0].name.lowercased()) }
        guard !indices.isEmpty, indices.allSatisfy({ statics[$0] != nil }) else { return [:] }
        var values: [String: Value] = [:]
        for i in indices {
            if let value = statics[i] { values[fields[i].name] = try ConstantFolding.evaluate(value.cast(to: fields[i].type)) }
        }
        return values
    }

    /// The table columns the query's columns fill, in order: the listed ones, or every column but the static
    /// partition columns.
    func insertTargets(_ insert: Insert, _ fields: [Field], _ statics: [Int: PhysicalExpression]) throws -> [Int] {
        guard !insert.columns.isEmpty else { return fields.indices.filter { statics[$0] == nil } }
        return try insert.columns.map { column in
            guard let i = fields.firstIndex(where: { Scope.matches(column, $0.name) }) else {
                throw PlannerError(.binder, "Table \(insert.table) does not have a column with name \"\(column.name)\" (at \(column.location))")
            }
            guard statics[i] == nil else {
                throw PlannerError(.binder, "column \(column.name) of \(insert.table) has a value in the PARTITION clause and cannot be listed again (at \(column.location))")
            }
            return i
        }
    }
}
