import Columnar
import Foundation
import Parquet
import TableFormat
import SQLExecution
import SQLPlanner

/// Parquet files (a path, an object URI, or a local glob) as one SQL table; the schema is the first file's.
/// Scans read only the projected and filtered columns, and report files, bytes and rows to `QueryProgress`.
public final class ParquetTableProvider: TableProvider {
    public let paths: [String]
    public let schema: Schema
    private let rows: Int
    private let distinctCounts: [Int: Int]

    public init(pattern: String) throws {
        paths = try Self.expand(pattern)
        guard let first = paths.first else {
            throw PlannerError(.catalog, "No files found that match the pattern \"\(pattern)\"")
        }
        let reader = try ParquetFileReader(source: try Location.source(first))
        schema = reader.schema
        rows = Int(reader.metadata.numRows)
        distinctCounts = paths.count == 1 ? Self.distinctBounds(reader) : [:]
    }

    public var statistics: TableStatistics {
        TableStatistics(rowCount: rows * paths.count, distinctCounts: distinctCounts)
    }

    public func scan(projection: [Int], filters: [PhysicalExpression]) throws -> any BatchSource {
        let needed = FilteringBatchSource.neededColumns(projection: projection, filters: filters)
        var options = ParquetReadOptions()
        options.columns = needed.map { schema.fields[$0].name }
        let readSchema = Schema(needed.map { schema.fields[$0] })
        let pruning = ScanPredicate.pruning(filters, schema: schema)
        var remaining = paths[...]
        var current: ParquetBatchIterator? = nil
        let progress = QueryProgress.current
        progress?.addPlannedFiles(paths.count)
        let metrics = ScanMetrics.current
        metrics?.add(ScanCounts())
        let files = ClosureBatchSource(schema: readSchema) {
            while true {
                try progress?.check()
                if let batch = try current?.next() {
                    progress?.addRows(batch.rowCount)
                    return Batch(schema: readSchema, columns: batch.columns, count: batch.count)
                }
                guard let path = remaining.popFirst() else { return nil }
                let source = try Location.source(path)
                progress?.addFile(bytes: source.size)
                let reader = try ParquetFileReader(source: source, options: options)
                // Row groups whose statistics rule the filters out are never read.
                let rowGroups = try (0..<reader.rowGroupCount).filter { try ScanPredicate.mayMatch(pruning, reader, rowGroup: $0) }
                metrics?.add(ScanCounts(FileReadCounts(file: reader, rowGroups: rowGroups)))
                current = try reader.makeBatchIterator(rowGroups: rowGroups)
            }
        }
        return try FilteringBatchSource(files, sourceColumns: needed, projection: projection, filters: filters)
    }

    /// A local glob (`data/*.parquet`) expanded in name order; anything else is one path.
    static func expand(_ pattern: String) throws -> [String] {
        guard !Location.isObjectURI(pattern), pattern.contains(where: { "*?[".contains($0) }) else { return [pattern] }
        let url = URL(fileURLWithPath: pattern)
        let directory = url.deletingLastPathComponent().path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { fnmatch(url.lastPathComponent, $0, 0) == 0 }.sorted().map { directory + "/" + $0 }
    }
}
