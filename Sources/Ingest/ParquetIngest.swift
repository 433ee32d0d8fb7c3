import Columnar
import Foundation
import Parquet
import Storage
import TableFormat

/// What one ingest run did.
public struct IngestSummary: Sendable {
    public var files: Int
    public var rowsRead: Int
    /// True when this run created the table.
    public var createdTable: Bool
    public var result: HudiWriteResult
}

/// Loads Parquet files into a Hudi table as one commit, creating the table (schema from the first file) when
/// none exists at `path`. Every file is read under the table's schema: a missing nullable column reads as null,
/// an unknown or incompatible column is an error naming the file, and nothing is committed.
public enum ParquetIngest {
    public static func run(_ sources: [IngestSource], store: any ObjectStore, path: String,
                           options: IngestOptions) throws -> IngestSummary {
        guard let first = sources.first else { throw IngestError(.noSources, "no source files to ingest") }
        var created = false
        if !(try IngestTable.exists(store: store, path: path)) {
            let schema = try ParquetFileReader(source: try first.open()).schema
            _ = try IngestTable.create(store: store, path: path, schema: schema, options: options)
            created = true
        }
        let table = try HudiTable.open(store: store, path: path)
        try IngestTable.checkKeys(options, against: table)
        var reader = SourceBatches(sources: sources, schema: table.dataSchema)
        let client = HudiWriteClient(table: table, options: options.write)
        let result = try client.write(next: { try reader.next() }, operation: options.operation)
        return IngestSummary(files: sources.count, rowsRead: reader.rows, createdTable: created, result: result)
    }

}

/// Every batch of every source in turn: a pull source for the write client, which streams a bulk insert and
/// holds the rows of other operations (it needs every key before rewriting a file group). A source's own types
/// and extra columns go through, so the write client evolves the table (new nullable columns, widened types)
/// or rejects the change; a table column the source lacks reads as null.
struct SourceBatches {
    let sources: [IngestSource]
    let schema: Schema
    private var index = 0
    private var current: (iterator: ParquetBatchIterator, name: String)?
    private(set) var rows = 0

    init(sources: [IngestSource], schema: Schema) {
        self.sources = sources
        self.schema = schema
    }

    mutating func next() throws -> Batch? {
        while true {
            if current == nil {
                guard index < sources.count else { return nil }
                let source = sources[index]
                index += 1
                current = (try ParquetFileReader(source: try source.open()).makeBatchIterator(), source.name)
            }
            guard let batch = try current!.iterator.next() else {
                current = nil
                continue
            }
            rows += batch.rowCount
            return try SchemaEvolution.evolve(batch, to: target(for: batch.schema), file: current!.name)
        }
    }

    /// The table's columns (with the source's type where the source has them), then the source's other columns.
    func target(for source: Schema) -> Schema {
        var fields = schema.fields.map { field in
            source.fields.first { $0.name == field.name }.map { Field(field.name, $0.type, nullable: field.nullable) } ?? field
        }
        // A new column is nullable: the table's older rows have no value for it.
        fields += source.fields.filter { schema.index(of: $0.name) == nil }.map { Field($0.name, $0.type) }
        return Schema(fields)
    }
}
