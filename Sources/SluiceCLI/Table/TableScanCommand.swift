import ArgumentParser
import Foundation
import Sluice

/// `sluice table scan URI [--as-of T] [--columns ...]`: reads the snapshot without printing it, and reports
/// file slices, rows and seconds.
struct TableScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Read a snapshot and report file slices, rows and seconds.")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String
    @Option(name: .customLong("as-of"), help: "Time travel: the table as of this instant or ISO-8601 time.") var asOf: String?
    @Option(help: "Top-level columns to read, comma-separated.") var columns: String?
    @Flag(name: .customLong("read-optimized"), help: "Merge-on-read tables: read base files only.") var readOptimized = false
    @Option(name: .customLong("where"), help: "Keep rows where 'column op value' (op: = != < <= > >=); repeatable, ANDed. Prunes partitions and row groups.")
    var conditions: [String] = []

    func run() throws {
        try TableCLI.run(uri) {
            let start = Date()
            let table = try TableCLI.open(uri)
            let names = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            let filters = try conditions.map { try ScanPredicate.parse($0, schema: table.schema) }
            var scan = try table.snapshot(asOf: asOf, options: HudiReadOptions(columns: names, readOptimized: readOptimized, filters: filters))
            var rows = 0
            while let batch = try scan.next() { rows += batch.rowCount }
            let seconds = Date().timeIntervalSince(start)
            TableCLI.write("file slices: \(scan.fileSlices.count)\nrow groups: \(scan.rowGroupsRead) read, \(scan.rowGroupsSkipped) skipped\n"
                + "rows: \(rows)\nseconds: \(String(format: "%.3f", seconds))\n")
        }
    }
}
