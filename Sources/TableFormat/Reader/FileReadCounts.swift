import Parquet

/// What a scan over Parquet files read and skipped: files pruned by partition values (never opened), files and
/// row groups whose statistics ruled the filters out (only the footer read), and bytes. Every byte of the files
/// in scope is either skipped (column chunks of unread columns and row groups, pruned files) or read (the
/// projected chunks of the row groups read, the footer and indexes), so `bytesRead + bytesSkipped` is their size.
public struct FileReadCounts: Sendable, Equatable {
    public var filesRead = 0
    public var filesPrunedByPartition = 0
    public var filesSkippedByStatistics = 0
    public var rowGroupsRead = 0
    public var rowGroupsSkippedByStatistics = 0
    public var bytesRead = 0
    public var bytesSkipped = 0

    public init() {}

    /// One opened file of which `rowGroups` are read.
    public init(file reader: ParquetFileReader, rowGroups: [Int]) {
        let chunks = rowGroups.reduce(0) { $0 + reader.projectedChunkBytes(rowGroup: $1) }
        bytesSkipped = max(0, reader.allChunkBytes - chunks)
        bytesRead = max(0, reader.source.size - bytesSkipped)
        rowGroupsRead = rowGroups.count
        rowGroupsSkippedByStatistics = reader.rowGroupCount - rowGroups.count
        if rowGroups.isEmpty && reader.rowGroupCount > 0 { filesSkippedByStatistics = 1 } else { filesRead = 1 }
    }

    /// Files never opened because their partition values rule the filters out.
    public init(prunedFiles count: Int, bytes: Int) {
        filesPrunedByPartition = count
        bytesSkipped = bytes
    }

    public static func + (a: FileReadCounts, b: FileReadCounts) -> FileReadCounts {
        var sum = a
        sum.filesRead += b.filesRead
        sum.filesPrunedByPartition += b.filesPrunedByPartition
        sum.filesSkippedByStatistics += b.filesSkippedByStatistics
        sum.rowGroupsRead += b.rowGroupsRead
        sum.rowGroupsSkippedByStatistics += b.rowGroupsSkippedByStatistics
        sum.bytesRead = saturatingSum(a.bytesRead, b.bytesRead)
        sum.bytesSkipped = saturatingSum(a.bytesSkipped, b.bytesSkipped)
        return sum
    }

    /// Sizes come from commit metadata and footers: a corrupt one saturates instead of trapping.
    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
