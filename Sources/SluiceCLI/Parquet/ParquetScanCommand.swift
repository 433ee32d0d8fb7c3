import ArgumentParser
import Foundation
import Sluice

/// `sluice parquet scan FILE [--columns ...]`: decodes every value and reports the throughput.
struct ParquetScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Decode every value and report rows, bytes, seconds and MB/s.")

    @Argument(help: "The Parquet file.") var file: String
    @Option(help: "Top-level columns to scan, comma-separated.") var columns: String?

    func run() throws {
        try ParquetCLI.run(file) {
            let start = Date()
            let reader = try ParquetCLI.open(file, columns: columns)
            var rows = 0
            for index in 0..<reader.rowGroupCount {
                let vectors = try reader.readRowGroup(index)
                rows += Int(reader.metadata.rowGroups[index].numRows)
                _ = vectors.count
            }
            let seconds = Date().timeIntervalSince(start)
            let projected = Set(reader.projection.flatMap { Array(reader.parquetSchema.fieldColumns[$0]) })
            let bytes = reader.metadata.rowGroups.reduce(0) { sum, rowGroup in
                sum + rowGroup.columns.enumerated().reduce(0) {
                    $0 + (projected.contains($1.offset) ? Int($1.element.metaData?.totalCompressedSize ?? 0) : 0)
                }
            }
            let mbps = seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
            ParquetCLI.write("rows: \(rows)\nbytes: \(bytes)\nseconds: \(String(format: "%.3f", seconds))\nMB/s: \(String(format: "%.1f", mbps))\n")
        }
    }
}
