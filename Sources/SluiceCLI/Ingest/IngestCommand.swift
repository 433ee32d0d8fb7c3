import ArgumentParser
import Foundation
import Sluice

/// `sluice ingest SOURCE... --into URI --key ...`: loads the files of folders, globs or `s3://` prefixes that
/// the table does not hold yet (CSV, JSON, Parquet), one commit per group of files, with the checkpoint in the
/// commit; `--watch` keeps polling. Rejected rows go to `<table>_quarantine` unless `--on-error` says otherwise.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Load new files from folders, globs or s3:// prefixes into a Hudi table, exactly once.")

    @Argument(help: "Sources: local folders, globs ('in/*.csv', 'in/**/*.json'), files, or s3:// prefixes.") var sources: [String]
    @Option(help: "The table: a local path or an s3:// URI.") var into: String
    @Option(help: "Record key column(s), comma-separated.") var key: String
    @Option(help: "Precombine (ordering) column: of two records with one key, the greater wins.") var precombine: String?
    @Option(name: .customLong("partition-by"), help: "Partition column(s), comma-separated.") var partitionBy: String?
    @Flag(name: .customLong("hive-style"), help: "Partition folders named column=value (new tables).") var hiveStyle = false
    @Option(help: "upsert, insert, bulk_insert, delete, insert_overwrite or insert_overwrite_table.") var operation = "upsert"
    @Option(name: .customLong("table-version"), help: "Table version of a new table: 6 or 8.") var tableVersion = 6
    @Option(name: .customLong("target-file-size"), help: "Base file target size in bytes.") var targetFileSize: Int64?

    @OptionGroup var text: IngestTextOptions
    @OptionGroup var runOptions: IngestRunOptions

    func run() throws {
        try TableCLI.run(into) {
            let ingests = try sources.map {
                try IncrementalIngest(source: SourceLocation.parse($0, format: try text.sourceFormat()),
                                      store: try ObjectStores.open(uri: into), path: "", options: try options())
            }
            try IngestRunner(ingests: ingests, options: runOptions, table: into).start()
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
        options.text = try text.readerOptions()
        options.schema = try text.schema.map { try Schema.parse(columnList: $0) }
        try runOptions.apply(to: &options, table: into)
        return options
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
