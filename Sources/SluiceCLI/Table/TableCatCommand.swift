import ArgumentParser
import Sluice

/// `sluice table cat URI [--as-of T] [--incremental --begin A [--end B]] [--columns ...] [--format ...] [--no-meta]`.
struct TableCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Print a table's rows: the snapshot, as of an instant, or incrementally.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl, csv }

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String
    @Option(name: .customLong("as-of"), help: "Time travel: the table as of this instant (yyyyMMddHHmmss[SSS]) or ISO-8601 time.") var asOf: String?
    @Flag(help: "Incremental read: the records changed by the commits in (--begin, --end].") var incremental = false
    @Option(help: "Incremental read start (exclusive).") var begin: String?
    @Option(help: "Incremental read end (inclusive); default: the latest commit.") var end: String?
    @Option(help: "Top-level columns to print, comma-separated.") var columns: String?
    @Option(help: "Print at most this many rows.") var limit: Int?
    @Option(help: "Output format: table, jsonl or csv.") var format: Format = .table
    @Flag(name: .customLong("no-meta"), help: "Leave out the _hoodie_* meta columns.") var noMeta = false
    @Flag(name: .customLong("read-optimized"), help: "Merge-on-read tables: read base files only.") var readOptimized = false
    @Option(name: .customLong("where"), help: "Keep rows where 'column op value' (op: = != < <= > >=); repeatable, ANDed. Prunes partitions and row groups.")
    var conditions: [String] = []

    func validate() throws {
        if incremental && begin == nil { throw ValidationError("--incremental needs --begin") }
        if !incremental && (begin != nil || end != nil) { throw ValidationError("--begin and --end need --incremental") }
        if incremental && asOf != nil { throw ValidationError("--as-of and --incremental exclude each other") }
    }

    func run() throws {
        try TableCLI.run(uri) {
            let table = try TableCLI.open(uri)
            var names = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            if noMeta { names = (names ?? table.schema.fields.map(\.name)).filter { !HudiTable.metaFields.contains($0) } }
            let filters = try conditions.map { try ScanPredicate.parse($0, schema: table.schema) }
            let options = HudiReadOptions(columns: names, readOptimized: readOptimized, filters: filters)
            var scan = incremental ? try table.incremental(begin: begin!, end: end, options: options)
                                   : try table.snapshot(asOf: asOf, options: options)
            try print(&scan)
        }
    }

    private func print(_ scan: inout HudiScan) throws {
        var remaining = limit ?? Int.max
        var text = TableText(schema: scan.schema)
        var out: [UInt8] = []
        if format == .csv { CSV.header(scan.schema, into: &out) }
        while remaining > 0, var batch = try scan.next() {
            if batch.rowCount > remaining {
                // Keep the first `remaining` live rows, whatever selection the batch already has.
                batch.selection = SelectionVector(ContiguousArray((0..<remaining).map { UInt32(batch.physicalRow($0)) }))
            }
            remaining -= batch.rowCount
            switch format {
            case .table: text.append(batch)
            case .jsonl: JSONL.render(batch, into: &out)
            case .csv: CSV.render(batch, into: &out)
            }
            TableCLI.write(out)
            out.removeAll(keepingCapacity: true)
        }
        if format == .table { TableCLI.write(text.render()) }
    }
}
