import Columnar

/// The schema a write commits (Hudi's schema reconciliation on write): the table's columns in order, each
/// widened where the incoming type is a permitted widening (int → long, int/long → double, float → double,
/// decimal precision up at the same scale), then new nullable incoming columns at the end; struct fields the
/// same way, recursively. Dropping a column, narrowing a type, adding a NOT NULL column or changing the type of
/// a record key, precombine or partition column is a `schemaMismatch` raised before anything is written.
/// Every incoming batch is then conformed (reordered, widened) to the evolved schema; older base files are
/// read under it by `SchemaEvolution`.
struct HoodieWriterSchema {
    /// The data schema every base file of the write has.
    let schema: Schema
    /// The schema of the first incoming batch; later batches must have the same columns.
    let incoming: Schema
    /// Whether `schema` differs from the table's, so the commit records a new Avro schema.
    let evolved: Bool

    /// `table` is the table's data schema; `fixedColumns` are the key, precombine and partition columns.
    init(incoming: Schema, table: Schema, fixedColumns: Set<String>, tableName: String) throws {
        self.incoming = incoming
        var fields: [Field] = []
        for field in table.fields {
            guard let index = incoming.index(of: field.name) else {
                throw TableFormatError(.schemaMismatch, "table '\(tableName)': incoming batches lack column '\(field.name)': dropping column '\(field.name)' is not allowed")
            }
            let other = incoming.fields[index]
            if fixedColumns.contains(field.name), !HoodieWriterSchema.sameType(field.type, other.type) {
                throw TableFormatError(.schemaMismatch, "table '\(tableName)': column '\(field.name)' is \(field.type) in the table and \(other.type) in the incoming batches; a record key, precombine or partition column cannot change type")
            }
            var out = field
            out.type = try HoodieWriterSchema.reconcile(field.type, other.type, path: field.name, tableName: tableName)
            fields.append(out)
        }
        for field in incoming.fields where table.index(of: field.name) == nil {
            guard field.nullable else {
                throw TableFormatError(.schemaMismatch, "table '\(tableName)': new column '\(field.name)' is NOT NULL; added columns must be nullable (older files have no values for it)")
            }
            fields.append(field)
        }
        schema = Schema(fields)
        evolved = schema != table
    }

    /// An incoming batch with the write's columns: same incoming columns as the first batch, evolved to `schema`.
    func conform(_ batch: Batch) throws -> Batch {
        guard HoodieWriterSchema.sameColumns(batch.schema, incoming) else {
            let actual = batch.schema.fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
            let first = incoming.fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
            throw TableFormatError(.schemaMismatch, "incoming batch has columns (\(actual)) where the write's first batch has (\(first)); one write takes one schema")
        }
        if batch.schema == schema { return batch }
        return try SchemaEvolution.evolve(batch, to: schema, file: "incoming batch")
    }

    /// The table's type, or the incoming one when it widens the table's.
    static func reconcile(_ table: DataType, _ incoming: DataType, path: String, tableName: String) throws -> DataType {
        if table == incoming { return table }
        switch (table, incoming) {
        case (.int32, .int64), (.int32, .float64), (.int64, .float64), (.float32, .float64):
            return incoming
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)) where s1 == s2 && p1 <= p2:
            return incoming
        case (.structure(let tableFields), .structure(let incomingFields)):
            return .structure(try reconcile(tableFields, incomingFields, path: path, tableName: tableName))
        case (.list(let element), .list(let other)):
            var out = element
            out.type = try reconcile(element.type, other.type, path: path + ".element", tableName: tableName)
            return .list(out)
        case (.map(let key, let value), .map(let otherKey, let otherValue)):
            var (k, v) = (key, value)
            k.type = try reconcile(key.type, otherKey.type, path: path + ".key", tableName: tableName)
            v.type = try reconcile(value.type, otherValue.type, path: path + ".value", tableName: tableName)
            return .map(key: k, value: v)
        default:
            throw TableFormatError(.schemaMismatch, "table '\(tableName)': column '\(path)' is \(table) in the table and \(incoming) in the incoming batches, which is not a permitted widening")
        }
    }

    /// Struct fields: the table's in order (reconciled), then new nullable ones.
    private static func reconcile(_ table: [Field], _ incoming: [Field], path: String, tableName: String) throws -> [Field] {
        var fields: [Field] = []
        for field in table {
            guard let other = incoming.first(where: { $0.name == field.name }) else {
                throw TableFormatError(.schemaMismatch, "table '\(tableName)': incoming batches lack field '\(path).\(field.name)': dropping column '\(path).\(field.name)' is not allowed")
            }
            var out = field
            out.type = try reconcile(field.type, other.type, path: path + "." + field.name, tableName: tableName)
            fields.append(out)
        }
        for field in incoming where !table.contains(where: { $0.name == field.name }) {
            guard field.nullable else {
                throw TableFormatError(.schemaMismatch, "table '\(tableName)': new field '\(path).\(field.name)' is NOT NULL; added fields must be nullable")
            }
            fields.append(field)
        }
        return fields
    }

    /// Types equal up to the nullability of nested fields.
    static func sameType(_ a: DataType, _ b: DataType) -> Bool {
        switch (a, b) {
        case (.structure(let x), .structure(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && sameType($0.type, $1.type) }
        case (.list(let x), .list(let y)): return sameType(x.type, y.type)
        case (.map(let k1, let v1), .map(let k2, let v2)): return sameType(k1.type, k2.type) && sameType(v1.type, v2.type)
        default: return a == b
        }
    }

    static func sameColumns(_ a: Schema, _ b: Schema) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && sameType($0.type, $1.type) }
    }
}
