import ArgumentParser
import Sluice

/// `sluice parquet cat FILE [--columns a,b] [--limit N] [--format jsonl|csv|table]`.
struct ParquetCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cat", abstract: "Print rows as a table, JSON Lines or CSV.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl, csv }

    @Argument(help: "The Parquet file.") var file: String
    @Option(help: "Top-level columns to print, comma-separated.") var columns: String?
    @Option(help: "Print at most this many rows.") var limit: Int?
    @Option(help: "Output format: table, jsonl or csv.") var format: Format = .table

    func run() throws {
        try ParquetCLI.run(file) {
            let reader = try ParquetCLI.open(file, columns: columns)
            var iterator = reader.makeBatchIterator()
            var remaining = limit ?? Int.max
            var table = TableText(schema: reader.projectedSchema)
            var out: [UInt8] = []
            if format == .csv { CSV.header(reader.projectedSchema, into: &out) }
            while remaining > 0, var batch = try iterator.next() {
                if batch.rowCount > remaining { batch.selection = SelectionVector(identity: remaining) }
                remaining -= batch.rowCount
                switch format {
                case .table: table.append(batch)
                case .jsonl: JSONL.render(batch, into: &out)
                case .csv: CSV.render(batch, into: &out)
                }
                ParquetCLI.write(out)
                out.removeAll(keepingCapacity: true)
            }
            if format == .table { ParquetCLI.write(table.render()) }
        }
    }
}
