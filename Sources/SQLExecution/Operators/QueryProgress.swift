import Synchronization

/// What a running statement has read so far, and whether it was asked to stop. Scans add to the counters and
/// the drain loop checks `interrupted` between batches, so a shell can draw a progress bar and cancel on
/// Ctrl-C from another thread. All fields are atomics; one statement at a time per engine.
public final class QueryProgress: Sendable {
    /// The running statement's progress while its plan is built: table providers pick it up in `scan`.
    @TaskLocal public static var current: QueryProgress?

    private let rowCount = Atomic<Int>(0)
    private let byteCount = Atomic<Int>(0)
    private let filesOpened = Atomic<Int>(0)
    private let filesPlanned = Atomic<Int>(0)
    private let stop = Atomic<Bool>(false)

    public init() {}

    public var rows: Int { rowCount.load(ordering: .relaxed) }
    public var bytes: Int { byteCount.load(ordering: .relaxed) }
    public var files: Int { filesOpened.load(ordering: .relaxed) }
    /// Files the statement's scans plan to read (0 when no scan knows).
    public var plannedFiles: Int { filesPlanned.load(ordering: .relaxed) }
    public var interrupted: Bool { stop.load(ordering: .relaxed) }

    /// Clears the counters and the interrupt before a statement runs.
    public func reset() {
        rowCount.store(0, ordering: .relaxed)
        byteCount.store(0, ordering: .relaxed)
        filesOpened.store(0, ordering: .relaxed)
        filesPlanned.store(0, ordering: .relaxed)
        stop.store(false, ordering: .relaxed)
    }

    public func interrupt() { stop.store(true, ordering: .relaxed) }

    public func addRows(_ n: Int) { rowCount.add(n, ordering: .relaxed) }
    public func addPlannedFiles(_ n: Int) { filesPlanned.add(n, ordering: .relaxed) }
    public func addFile(bytes: Int) {
        filesOpened.add(1, ordering: .relaxed)
        byteCount.add(bytes, ordering: .relaxed)
    }

    /// Throws when the statement was interrupted.
    public func check() throws(ExecutionError) {
        if stop.load(ordering: .relaxed) { throw ExecutionError(.interrupted, "Interrupted!") }
    }
}
