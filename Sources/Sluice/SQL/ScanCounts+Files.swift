import SQLExecution
import TableFormat

extension ScanCounts {
    /// A file scan's counts as EXPLAIN ANALYZE shows them.
    init(_ files: FileReadCounts) {
        self.init()
        filesRead = files.filesRead
        filesPrunedByPartition = files.filesPrunedByPartition
        filesSkippedByStatistics = files.filesSkippedByStatistics
        rowGroupsRead = files.rowGroupsRead
        rowGroupsSkippedByStatistics = files.rowGroupsSkippedByStatistics
        bytesRead = files.bytesRead
        bytesSkipped = files.bytesSkipped
    }

    /// What a scan added between two readings of its running counts.
    init(_ now: FileReadCounts, since before: FileReadCounts) {
        self.init()
        filesRead = now.filesRead - before.filesRead
        filesPrunedByPartition = now.filesPrunedByPartition - before.filesPrunedByPartition
        filesSkippedByStatistics = now.filesSkippedByStatistics - before.filesSkippedByStatistics
        rowGroupsRead = now.rowGroupsRead - before.rowGroupsRead
        rowGroupsSkippedByStatistics = now.rowGroupsSkippedByStatistics - before.rowGroupsSkippedByStatistics
        bytesRead = now.bytesRead &- before.bytesRead
        bytesSkipped = now.bytesSkipped &- before.bytesSkipped
    }
}

extension ScanMetrics {
    /// Adds what a scan over files read between two readings of its running counts.
    func add(_ now: FileReadCounts, since before: FileReadCounts) {
        if now != before { add(ScanCounts(now, since: before)) }
    }
}
