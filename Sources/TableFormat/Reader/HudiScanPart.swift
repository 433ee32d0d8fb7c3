import Columnar

/// One file slice of a `HudiScan`, to be read on its own: the pieces of a copy-on-write snapshot need no
/// merging, so a parallel scan reads them on different threads and concatenates their batches in slice
/// order. A part holds only immutable values; `makeScan()` opens its own reader (its own byte source,
/// footer and page buffers), so no reader is ever shared between threads.
public struct HudiScanPart: Sendable {
    public let table: HudiTable
    public let fileSlice: FileSlice
    public let schema: Schema
    let batchSize: Int
    let commitTimeFilter: CommitTimeFilter?
    let filters: [ScanPredicate]

    /// A scan of this slice alone (nothing is read until its first `next()`).
    public func makeScan() -> HudiScan {
        HudiScan(table: table, fileSlices: [fileSlice], schema: schema, batchSize: batchSize,
                 commitTimeFilter: commitTimeFilter, filters: filters)
    }
}

extension HudiScan {
    /// The scan split into one part per file slice, in order; reading every part's batches in turn yields
    /// the rows of this scan (partition pruning is already applied; row groups are pruned per part).
    public var parts: [HudiScanPart] {
        fileSlices.map {
            HudiScanPart(table: table, fileSlice: $0, schema: schema, batchSize: batchSize,
                         commitTimeFilter: commitTimeFilter, filters: filters)
        }
    }
}
