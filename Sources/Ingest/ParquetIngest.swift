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
        if !(try tableExists(store: store, path: path)) {
            let schema = try ParquetFileReader(source: try first.open()).schema
            try createTable(store: store, path: path, schema: schema, options: options)
            created = true
        }
        let table = try HudiTable.open(store: store, path: path)
        try checkKeys(options, against: table)
        let (batches, rows) = try readAll(sources, schema: table.dataSchema)
        let client = HudiWriteClient(table: table, options: options.write)
        let result = try client.write(batches, operation: options.operation)
        return IngestSummary(files: sources.count, rowsRead: rows, createdTable: created, result: result)
    }

    static func tableExists(store: any ObjectStore, path: String) throws -> Bool {
        let key = path.isEmpty ? ".hoodie/hoodie.properties" : "\(path)/.hoodie/hoodie.properties"
        do {
            _ = try store.head(key)
            return true
        } catch let error as StorageError where error.code == .notFound {
            return false
        }
    }

    static func createTable(store: any ObjectStore, path: String, schema: Schema, options: IngestOptions) throws {
        for name in options.recordKeyFields + options.partitionFields + [options.precombineField].compactMap({ $0 })
        where schema.index(of: name) == nil {
            throw IngestError(.invalidOption, "column '\(name)' is not in the source schema (\(schema.fields.map(\.name).joined(separator: ", ")))")
        }
        let name = options.tableName ?? path.split(separator: "/").last.map(String.init) ?? "sluice_table"
        var tableOptions = HudiTableOptions(name: name, schema: schema, recordKeyFields: options.recordKeyFields,
                                            precombineField: options.precombineField,
                                            partitionFields: options.partitionFields, version: options.tableVersion,
                                            hiveStyle: options.hiveStyle)
        tableOptions.databaseName = "default"
        _ = try HudiTable.create(store: store, path: path, options: tableOptions)
    }

    /// The table's own keys must be the ones given: a different key would silently duplicate records.
    static func checkKeys(_ options: IngestOptions, against table: HudiTable) throws {
        let keys = table.config.recordKeyFields
        guard options.recordKeyFields.isEmpty || options.recordKeyFields == keys else {
            throw IngestError(.invalidOption, "the table's record key is \(keys.joined(separator: ",")), not \(options.recordKeyFields.joined(separator: ","))")
        }
    }

    /// Every batch of every source under the table schema. A write holds its incoming rows in memory (the write
    /// client deduplicates and routes them by key before any file is written), so one run's sources must fit.
    static func readAll(_ sources: [IngestSource], schema: Schema) throws -> ([Batch], Int) {
        var batches: [Batch] = []
        var rows = 0
        for source in sources {
            let reader = try ParquetFileReader(source: try source.open())
            var iterator = reader.makeBatchIterator()
            while let batch = try iterator.next() {
                batches.append(try SchemaEvolution.evolve(batch, to: schema, file: source.name))
                rows += batch.rowCount
            }
        }
        return (batches, rows)
    }
}
