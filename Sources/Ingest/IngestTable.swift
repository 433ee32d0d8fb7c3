import Columnar
import Storage
import TableFormat

/// The target table: opened when it exists, created with the first commit's schema when not.
enum IngestTable {
    static func exists(store: any ObjectStore, path: String) throws -> Bool {
        try store.exists(path.isEmpty ? ".hoodie/hoodie.properties" : "\(path)/.hoodie/hoodie.properties")
    }

    static func open(store: any ObjectStore, path: String) throws -> HudiTable? {
        try exists(store: store, path: path) ? try HudiTable.open(store: store, path: path) : nil
    }

    /// Creates the table (`hoodie.properties` by put-if-absent: a crash leaves either no table or a whole one).
    /// When another run created it first, opens theirs.
    static func create(store: any ObjectStore, path: String, schema: Schema, options: IngestOptions) throws -> HudiTable {
        for name in options.recordKeyFields + options.partitionFields + [options.precombineField].compactMap({ $0 })
        where schema.index(of: name) == nil {
            throw IngestError(.invalidOption, "column '\(name)' is not in the source schema (\(schema.fields.map(\.name).joined(separator: ", ")))")
        }
        let name = options.tableName ?? tableName(path.split(separator: "/").last.map(String.init)
            ?? store.uri.split(separator: "/").last.map(String.init) ?? "sluice_table")
        var tableOptions = HudiTableOptions(name: name, schema: schema, recordKeyFields: options.recordKeyFields,
                                            precombineField: options.precombineField,
                                            partitionFields: options.partitionFields, version: options.tableVersion,
                                            hiveStyle: options.hiveStyle)
        tableOptions.databaseName = "default"
        do {
            return try HudiTable.create(store: store, path: path, options: tableOptions)
        } catch let error as TableFormatError where error.code == .invalidArgument {
            guard let table = try open(store: store, path: path) else { throw error }
            return table
        }
    }

    /// A folder name as a Hudi table name (it names the Avro record): other characters become `_`.
    static func tableName(_ folder: String) -> String {
        var name = String(folder.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        if name.first?.isNumber ?? true { name = "t_" + name }
        return name
    }

    /// The table's own keys must be the ones given: a different key would silently duplicate records.
    static func checkKeys(_ options: IngestOptions, against table: HudiTable) throws {
        let keys = table.config.recordKeyFields
        guard options.recordKeyFields.isEmpty || options.recordKeyFields == keys else {
            throw IngestError(.invalidOption, "the table's record key is \(keys.joined(separator: ",")), not \(options.recordKeyFields.joined(separator: ","))")
        }
    }
}
