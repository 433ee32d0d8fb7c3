import Synchronization

/// What one table scan read and what it skipped, for EXPLAIN ANALYZE. Files pruned by partition values are
/// never opened; files and row groups skipped by statistics had only their footer read. Bytes: every byte of
/// the files in scope is either read (footer and the projected column chunks of the row groups read) or
/// skipped (other columns, pruned row groups, pruned files), so `bytesRead + bytesSkipped` is their total size.
public struct ScanCounts: Sendable, Equatable {
    public var filesRead = 0
    public var filesPrunedByPartition = 0
    public var filesSkippedByStatistics = 0
    public var rowGroupsRead = 0
    public var rowGroupsSkippedByStatistics = 0
    public var bytesRead = 0
    public var bytesSkipped = 0

    public init() {}

    public var filesSkipped: Int { filesPrunedByPartition + filesSkippedByStatistics }

    public static func + (a: ScanCounts, b: ScanCounts) -> ScanCounts {
        var sum = a
        sum.filesRead += b.filesRead
        sum.filesPrunedByPartition += b.filesPrunedByPartition
        sum.filesSkippedByStatistics += b.filesSkippedByStatistics
        sum.rowGroupsRead += b.rowGroupsRead
        sum.rowGroupsSkippedByStatistics += b.rowGroupsSkippedByStatistics
        // Byte counts come from footers and commit metadata: a corrupt one saturates instead of trapping.
        sum.bytesRead = Self.saturatingSum(a.bytesRead, b.bytesRead)
        sum.bytesSkipped = Self.saturatingSum(a.bytesSkipped, b.bytesSkipped)
        return sum
    }

    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b < 0 ? Int.min : Int.max) : sum
    }

    /// EXPLAIN ANALYZE's text for a scan.
    public var summary: String {
        "files_read=\(filesRead) files_skipped=\(filesSkipped) (partition=\(filesPrunedByPartition) "
            + "statistics=\(filesSkippedByStatistics)) row_groups_read=\(rowGroupsRead) "
            + "row_groups_skipped=\(rowGroupsSkippedByStatistics) bytes_read=\(bytesRead) bytes_skipped=\(bytesSkipped)"
    }
}

/// One scan's counters, shared by the tasks that read it. A task adds what it read as one `ScanCounts` value
/// (per file or per batch), under the lock, so parallel scans merge their counts without sharing anything else.
/// The physical planner makes one per scan and publishes it as `ScanMetrics.current` while the provider's
/// `scan` runs; providers that know files capture it and report to it.
public final class ScanMetrics: Sendable {
    @TaskLocal public static var current: ScanMetrics?

    /// Nil until a provider reports (sources that are not files never do).
    private let counts = Mutex<ScanCounts?>(nil)

    public init() {}

    /// Adds a task's counts; a provider adds an empty `ScanCounts()` when it starts, so a scan that reads no
    /// file still shows its zeros.
    public func add(_ delta: ScanCounts) {
        counts.withLock { $0 = ($0 ?? ScanCounts()) + delta }
    }

    /// The counts so far; nil when no provider reported.
    public var total: ScanCounts? { counts.withLock { $0 } }
}
