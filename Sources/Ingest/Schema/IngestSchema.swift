import Columnar

/// What a source may do to the table's schema.
public enum SchemaMode: String, Sendable {
    /// New source columns are added to the table (nullable) and types widen as Hudi permits.
    case evolve
    /// The table's schema stays: a source with a new column or a wider type is an error naming the file.
    case freeze
}

/// The schema of one commit, grown file by file: the table's columns (or `--schema`), widened where a file's
/// inferred type is a permitted widening, then each file's new columns. Text files are then read with the
/// types this gives their columns, so a value that does not fit the table's type is a rejected record, not a
/// failed commit.
struct IngestSchema {
    private(set) var schema: Schema
    /// Key, precombine and partition columns: their types never change.
    let fixedColumns: Set<String>
    let mode: SchemaMode

    init(base: Schema, fixedColumns: Set<String>, mode: SchemaMode) {
        schema = base
        self.fixedColumns = fixedColumns
        self.mode = mode
    }

    /// The types to read `file`'s columns with (in the file's column order), after merging the file's
    /// `inferred` columns into the commit schema. `typed`: the file's types are its own (Parquet), not guesses.
    mutating func resolve(_ inferred: Schema, file: String, typed: Bool) throws -> Schema {
        var fields = schema.fields
        var read: [Field] = []
        for field in inferred.fields {
            guard let index = schema.index(of: field.name) else {
                guard mode == .evolve else {
                    throw IngestError(.schemaMismatch, "'\(file)' has column '\(field.name)', which the table does not (--schema-mode freeze)")
                }
                var added = field
                added.nullable = true
                fields.append(added)
                read.append(added)
                continue
            }
            let known = fields[index]
            if typed, IngestSchema.widens(field.type, to: known.type) {
                // A narrower stored type is widened as it is read (`SchemaEvolution`).
                read.append(field)
            } else if known.type == field.type || (!typed && !IngestSchema.widens(known.type, to: field.type)) {
                // A guess that does not widen the column is read as the column's type (misfits are rejected).
                read.append(Field(field.name, known.type, nullable: true))
            } else if IngestSchema.widens(known.type, to: field.type), mode == .evolve, !fixedColumns.contains(field.name) {
                fields[index].type = field.type
                read.append(Field(field.name, field.type, nullable: true))
            } else if typed {
                throw IngestError(.schemaMismatch, "'\(file)': column '\(field.name)' is \(field.type) where the table has \(known.type)")
            } else {
                read.append(Field(field.name, known.type, nullable: true))
            }
        }
        schema = Schema(fields)
        return Schema(read)
    }

    /// Hudi's permitted widenings on write (int → long, int/long → double, float → double, decimal precision
    /// up at the same scale).
    static func widens(_ from: DataType, to: DataType) -> Bool {
        switch (from, to) {
        case (.int32, .int64), (.int32, .float64), (.int64, .float64), (.float32, .float64): true
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)): s1 == s2 && p1 < p2
        default: false
        }
    }
}
