import Columnar
import SQLExecution
import TableFormat

extension HudiScan {
    /// The scan's batches read by up to `threads` workers, one file slice per morsel (each opens its own
    /// reader), yielded in slice order: the batches of `next()`, in the same order. Each part reports the
    /// files, row groups and bytes it reads to `metrics`, and its files and rows to `progress`, as it goes;
    /// `wrap` adapts a part's source on its worker (the SQL scan filters and projects there).
    public func parallelBatches(threads: Int, schema outputSchema: Schema, metrics: ScanMetrics?,
                                progress: QueryProgress?,
                                wrap: @escaping @Sendable (any BatchSource) throws -> any BatchSource = { $0 })
        -> ParallelBatchSource
    {
        let morsels = parts.map { part -> ParallelBatchSource.Morsel in
            { @Sendable () throws -> any BatchSource in
                try wrap(HudiPartSource(part.makeScan(), metrics: metrics, progress: progress))
            }
        }
        return ParallelBatchSource(schema: outputSchema, morsels: morsels, threads: threads)
    }
}

/// One part of a parallel Hudi scan: made, drained and dropped on the worker that claimed it.
struct HudiPartSource: BatchSource {
    private var scan: HudiScan
    private let metrics: ScanMetrics?
    private let progress: QueryProgress?
    private var filesCounted = 0

    init(_ scan: HudiScan, metrics: ScanMetrics?, progress: QueryProgress?) {
        self.scan = scan
        self.metrics = metrics
        self.progress = progress
    }

    var schema: Schema { scan.schema }

    mutating func next() throws -> Batch? {
        try progress?.check()
        let before = scan.readCounts
        let batch = try scan.next()
        while filesCounted < scan.fileSlicesOpened {
            progress?.addFile(bytes: scan.fileSlices[filesCounted].baseFile.size ?? 0)
            filesCounted += 1
        }
        metrics?.add(scan.readCounts, since: before)
        progress?.addRows(batch?.rowCount ?? 0)
        return batch
    }
}
