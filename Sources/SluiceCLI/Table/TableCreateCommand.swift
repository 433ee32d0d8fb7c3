import ArgumentParser
import Foundation
import Sluice

/// `sluice table create URI --key ... (--schema '...' | --like FILE.parquet)`: an empty copy-on-write table.
struct TableCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an empty Hudi copy-on-write table.")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String
    @Option(help: "Record key column(s), comma-separated.") var key: String
    @Option(help: "Precombine (ordering) column.") var precombine: String?
    @Option(name: .customLong("partition-by"), help: "Partition column(s), comma-separated.") var partitionBy: String?
    @Flag(name: .customLong("hive-style"), help: "Partition folders named column=value.") var hiveStyle = false
    @Option(help: "The columns, as in SQL: 'id BIGINT NOT NULL, name STRING, price DECIMAL(10, 2)'.") var schema: String?
    @Option(help: "Take the columns from this Parquet file.") var like: String?
    @Option(help: "Table version: 6 (default) or 8.") var version = 6
    @Option(help: "Table name; default: the last segment of the URI.") var name: String?

    func validate() throws {
        guard (schema == nil) != (like == nil) else { throw ValidationError("give exactly one of --schema and --like") }
    }

    func run() throws {
        try TableCLI.run(uri) {
            let columns = try schema.map { try Schema.parse(columnList: $0) }
                ?? ParquetFileReader(source: try Location.source(like!)).schema
            let tableName = name ?? uri.split(separator: "/").last.map(String.init) ?? "sluice_table"
            let options = HudiTableOptions(name: tableName, schema: columns, recordKeyFields: IngestCommand.list(key),
                                           precombineField: precombine,
                                           partitionFields: partitionBy.map(IngestCommand.list) ?? [],
                                           version: version, hiveStyle: hiveStyle)
            let table = try HudiTable.create(store: try ObjectStores.open(uri: uri), path: "", options: options)
            TableCLI.write("created \(table.config.name): table version \(version), \(columns.fields.count) columns, key \(key)\n")
        }
    }
}
