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
        let plan = ScanPlan(paths: paths, schema: schema, needed: needed, filters: filters,
                            progress: QueryProgress.current, metrics: ScanMetrics.current)
        plan.progress?.addPlannedFiles(paths.count)
        plan.metrics?.add(ScanCounts())
        let threads = ParallelBatchSource.threads
        if threads <= 1 {
            return try FilteringBatchSource(plan.serialFiles(), sourceColumns: needed, projection: projection,
                                            filters: filters)
        }
        // Files are opened (and row groups pruned) on the first batch, as the serial scan does.
        var parallel: ParallelBatchSource? = nil
        let outputSchema = Schema(projection.map { schema.fields[$0] })
        return ClosureBatchSource(schema: outputSchema) {
            if parallel == nil {
                parallel = ParallelBatchSource(schema: outputSchema, morsels: try plan.morsels(projection: projection),
                                               threads: threads)
            }
            return try parallel?.next()
        }
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

/// One scan of a provider's files: the columns read, the row-group pruning, and the progress counters.
/// Serial, it streams file after file; parallel, every surviving row group is a morsel.
private struct ScanPlan: Sendable {
    let paths: [String]
    let readSchema: Schema
    let needed: [Int]
    let filters: [PhysicalExpression]
    let options: ParquetReadOptions
    let pruning: [ScanPredicate]
    let progress: QueryProgress?
    /// EXPLAIN ANALYZE's counters; lock-protected, so morsels on worker threads may add to them.
    let metrics: ScanMetrics?

    init(paths: [String], schema: Schema, needed: [Int], filters: [PhysicalExpression], progress: QueryProgress?,
         metrics: ScanMetrics?) {
        self.paths = paths
        self.metrics = metrics
        self.needed = needed
        self.filters = filters
        self.progress = progress
        var options = ParquetReadOptions()
        options.columns = needed.map { schema.fields[$0].name }
        self.options = options
        readSchema = Schema(needed.map { schema.fields[$0] })
        pruning = ScanPredicate.pruning(filters, schema: schema)
    }

    /// Opens `path` and keeps the row groups whose statistics do not rule the filters out.
    func open(_ path: String) throws -> (ParquetFileReader, [Int]) {
        let source = try Location.source(path)
        progress?.addFile(bytes: source.size)
        let reader = try ParquetFileReader(source: source, options: options)
        // Row groups whose statistics rule the filters out are never read.
        let rowGroups = try (0..<reader.rowGroupCount).filter { try ScanPredicate.mayMatch(pruning, reader, rowGroup: $0) }
        metrics?.add(ScanCounts(FileReadCounts(file: reader, rowGroups: rowGroups)))
        return (reader, rowGroups)
    }

    /// Batches of `iterator` as `readSchema`, counted in the progress.
    func batches(_ iterator: ParquetBatchIterator) -> ClosureBatchSource {
        var iterator = iterator
        return ClosureBatchSource(schema: readSchema) { [readSchema, progress] in
            try progress?.check()
            guard let batch = try iterator.next() else { return nil }
            progress?.addRows(batch.rowCount)
            return Batch(schema: readSchema, columns: batch.columns, count: batch.count)
        }
    }

    /// Every file in turn, opened when the previous one is done.
    func serialFiles() -> ClosureBatchSource {
        var remaining = paths[...]
        var current: ClosureBatchSource? = nil
        return ClosureBatchSource(schema: readSchema) {
            while true {
                if let batch = try current?.next() { return batch }
                guard let path = remaining.popFirst() else { return nil }
                let (reader, rowGroups) = try open(path)
                current = batches(try reader.makeBatchIterator(rowGroups: rowGroups))
            }
        }
    }

    /// One morsel per surviving row group, in file and row-group order; each decodes and filters on its own.
    func morsels(projection: [Int]) throws -> [ParallelBatchSource.Morsel] {
        try paths.flatMap { path in
            let (reader, rowGroups) = try open(path)
            return rowGroups.map { rowGroup -> ParallelBatchSource.Morsel in
                { @Sendable () throws -> any BatchSource in
                    try FilteringBatchSource(batches(try reader.makeBatchIterator(rowGroups: [rowGroup])),
                                             sourceColumns: needed, projection: projection, filters: filters)
                }
            }
        }
    }
}
