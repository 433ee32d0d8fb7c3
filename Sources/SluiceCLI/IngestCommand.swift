import ArgumentParser
import Foundation
import Sluice

/// `sluice ingest SOURCE... --into URI --key ...`: loads Parquet files into a Hudi table as one commit, creating
/// the table when it does not exist. CSV, JSON and incremental runs come with the ingest issue.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Load Parquet files into a Hudi table (created when missing), as one commit.")

    @Argument(help: "Parquet files: local paths or s3:// / file:// URIs.") var sources: [String]
    @Option(help: "The table: a local path or an s3:// URI.") var into: String
    @Option(help: "Record key column(s), comma-separated.") var key: String
    @Option(help: "Precombine (ordering) column: of two records with one key, the greater wins.") var precombine: String?
    @Option(name: .customLong("partition-by"), help: "Partition column(s), comma-separated.") var partitionBy: String?
    @Flag(name: .customLong("hive-style"), help: "Partition folders named column=value (new tables).") var hiveStyle = false
    @Option(help: "upsert, insert, bulk_insert, delete, insert_overwrite or insert_overwrite_table.") var operation = "upsert"
    @Option(name: .customLong("table-version"), help: "Table version of a new table: 6 or 8.") var tableVersion = 6
    @Option(name: .customLong("target-file-size"), help: "Base file target size in bytes.") var targetFileSize: Int64?

    func run() throws {
        try TableCLI.run(into) {
            let summary = try ParquetIngest.run(sources.map(Self.source), store: try ObjectStores.open(uri: into),
                                                path: "", options: try options())
            let stats = summary.result.metadata.writeStats
            let (inserts, updates, deletes) = (stats.reduce(0) { $0 + $1.numInserts },
                                               stats.reduce(0) { $0 + $1.numUpdateWrites },
                                               stats.reduce(0) { $0 + $1.numDeletes })
            TableCLI.write("committed \(summary.result.instant.requestedTime) \(summary.result.instant.action): "
                + "\(summary.rowsRead) rows from \(summary.files) file(s); "
                + "\(inserts) inserted, \(updates) updated, \(deletes) deleted"
                + (summary.createdTable ? " (table created)" : "") + "\n")
        }
    }

    func options() throws -> IngestOptions {
        guard let op = WriteOperationType(cliName: operation) else {
            throw IngestError(.invalidOption, "unknown --operation '\(operation)' (upsert, insert, bulk_insert, delete, insert_overwrite, insert_overwrite_table)")
        }
        var options = IngestOptions(recordKeyFields: Self.list(key), precombineField: precombine,
                                    partitionFields: partitionBy.map(Self.list) ?? [], operation: op)
        options.hiveStyle = hiveStyle
        options.tableVersion = tableVersion
        if let targetFileSize { options.write.targetFileSize = targetFileSize }
        return options
    }

    static func source(_ location: String) -> IngestSource {
        IngestSource(name: location) { try Location.source(location) }
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension WriteOperationType {
    /// The snake_case name users type: `bulk_insert`, `insert_overwrite_table`.
    init?(cliName: String) {
        self.init(rawValue: cliName.uppercased())
    }
}
