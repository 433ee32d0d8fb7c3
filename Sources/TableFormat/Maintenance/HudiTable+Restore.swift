import Foundation

/// Restore (Hudi's RestoreActionExecutor for copy-on-write): undo every write instant after T, newest first,
/// recorded as one restore instant (`<r>.restore.requested` plan → inflight → `<r>.restore` metadata holding a
/// rollback entry per undone instant). Each undone instant loses its completed file first, so readers stop
/// seeing it before its base files go, then its base files, then its requested and inflight files.
extension HudiTable {
    /// Restores the table to completed commit `instantTime`: commits, replacecommits and pending writes after
    /// it are removed, and file groups they replaced become live again. Refused when T was cleaned (its
    /// older slices may be gone) unless T is savepointed, and while a writer's heartbeat is live. Savepoints
    /// after T are deleted with their instants.
    @discardableResult
    public func restore(to instantTime: String) throws -> HoodieRestoreMetadata {
        try restore(to: try self.instantTime(instantTime), savepoint: nil)
    }

    func restore(to time: String, savepoint: String?) throws -> HoodieRestoreMetadata {
        let current = try currentTimeline()
        guard current.completedCommits.contains(where: { $0.requestedTime == time }) else {
            throw TableFormatError(.invalidArgument, "cannot restore '\(config.name)' to \(time): it is not a completed commit on the active timeline")
        }
        try requireNotCleaned(time, timeline: current)
        try requireNoLiveWriter(current)
        let targets = current.instants
            .filter { HoodieActiveTimeline.family($0.action).writesData && $0.requestedTime > time }
            .sorted { $0.requestedTime > $1.requestedTime }
        let writer = try timelineWriter()
        let plan = HoodieRestorePlan(instantsToRollback: targets.map(HoodieInstantInfo.init), savepointToRestoreTimestamp: savepoint)
        let requested = try writer.createRequested(action: .restore, time: writer.newInstantTime(after: current),
                                                   content: try plan.serialized())
        let inflight = try writer.transitionToInflight(requested, content: [])
        let started = Date()
        let view = try fileSystemView()
        var rollbacks: [(HoodieInstantInfo, HoodieRollbackMetadata)] = []
        for instant in targets {
            rollbacks.append((HoodieInstantInfo(instant), try undo(instant, view: view, writer: writer, restoreTime: requested.requestedTime)))
        }
        for later in current.instants where later.action == .savepoint && later.requestedTime > time {
            try deleteSavepointFiles(later.requestedTime, timeline: current)
        }
        let metadata = HoodieRestoreMetadata(startRestoreTime: requested.requestedTime,
                                             timeTakenInMillis: Int64(Date().timeIntervalSince(started) * 1000), rollbacks: rollbacks)
        _ = try writer.complete(inflight, content: try metadata.serialized())
        return metadata
    }

    /// A restore removes pending writes too, so it must not run under a live writer (heartbeat not expired).
    func requireNoLiveWriter(_ timeline: HoodieActiveTimeline, now: Date = Date()) throws {
        let heartbeat = HoodieHeartbeat(store: store, basePath: basePath)
        for instant in timeline.pendingInstants where instant.action.writesData {
            if try !heartbeat.isExpired(instant.requestedTime, now: now) {
                throw TableFormatError(.conflict, "cannot restore '\(config.name)' while instant \(instant.requestedTime) (\(instant.action)) is being written: its heartbeat \(heartbeat.key(instant.requestedTime)) is live")
            }
        }
    }

    /// Removes one write instant and every base file named with its time.
    func undo(_ instant: HoodieInstant, view: HoodieTableFileSystemView, writer: HoodieTimelineWriter,
              restoreTime: String) throws -> HoodieRollbackMetadata {
        let files = view.fileGroups.values.flatMap(\.slices).map(\.baseFile).filter { $0.instantTime == instant.requestedTime }
        let requests = Dictionary(grouping: files, by: \.partitionPath).sorted { $0.key < $1.key }.map { partition, files in
            HoodieRollbackPlan.Request(partitionPath: partition, filesToBeDeleted: files.map { fullPath($0.key) }.sorted())
        }
        if instant.isCompleted {
            let key = timeline.key(of: instant)
            do {
                try store.delete(key)
            } catch {
                throw TableFormatError(.io, "restore: deleting completed instant \(store.uri)/\(key): \(error)")
            }
        }
        let partitions = try deletePlannedFiles(HoodieRollbackPlan(instantToRollback: HoodieInstantInfo(instant), rollbackRequests: requests))
        try writer.deletePending(instant)
        deleteMarkers(instant.requestedTime)
        return HoodieRollbackMetadata(startRollbackTime: restoreTime, timeTakenInMillis: 0, commitsRollback: [HoodieInstantInfo(instant)],
                                      partitionMetadata: partitions)
    }
}
