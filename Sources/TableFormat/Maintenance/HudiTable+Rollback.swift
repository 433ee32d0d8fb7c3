import Foundation

/// Rollback of failed writes (Hudi's BaseRollbackActionExecutor for copy-on-write): a write instant left
/// requested or inflight has no completed file, so readers already ignore its base files; rollback deletes them
/// and the instant's timeline files, recorded as a rollback instant
/// (`<r>.rollback.requested` plan → `<r>.rollback.inflight` → `<r>.rollback` metadata).
extension HudiTable {
    /// Rolls back the pending write instant `instantTime` (commit or replacecommit, requested or inflight).
    /// Completed instants are not rolled back here: `restore(to:)` removes completed commits.
    @discardableResult
    public func rollback(instantTime: String) throws -> HoodieRollbackMetadata {
        let current = try currentTimeline()
        let matches = current.instants.filter { $0.requestedTime == instantTime && HoodieActiveTimeline.family($0.action).writesData }
        guard let target = matches.first else {
            throw TableFormatError(.invalidArgument, "no write instant \(instantTime) on the timeline of '\(config.name)' to roll back")
        }
        guard !target.isCompleted else {
            throw TableFormatError(.invalidArgument, "instant \(instantTime) (\(target.action)) is completed: rollback undoes failed writes only; restore to an earlier instant to undo a completed commit")
        }
        let plan = try rollbackPlan(for: target)
        let writer = try timelineWriter()
        let requested = try writer.createRequested(action: .rollback, time: writer.newInstantTime(after: current),
                                                   content: try plan.serialized())
        return try executeRollback(plan, requested: requested, writer: writer)
    }

    /// Rolls back every pending write older than `instantTime` (all pending writes when nil) whose writer is
    /// gone: its heartbeat expired or never existed. Pending rollbacks left by a crash are finished first.
    /// A write client calls this before it starts writing.
    @discardableResult
    public func rollbackFailedWrites(olderThan instantTime: String? = nil,
                                     heartbeatTimeout: TimeInterval = HoodieHeartbeat.defaultTimeout,
                                     now: Date = Date()) throws -> [HoodieRollbackMetadata] {
        var done = try finishPendingRollbacks()
        let heartbeat = HoodieHeartbeat(store: store, basePath: basePath)
        // Pending clustering and compaction plans are table-service work to execute, not failed writes.
        let pending = try currentTimeline().pendingInstants.filter { instant in
            instant.action.writesData && instant.requestedTime < (instantTime ?? "99999999999999999")
        }
        for instant in pending where try heartbeat.isExpired(instant.requestedTime, now: now, timeout: heartbeatTimeout) {
            done.append(try rollback(instantTime: instant.requestedTime))
            try heartbeat.stop(instant.requestedTime)
        }
        return done
    }

    /// Finishes rollback instants that were requested or inflight when a previous run stopped.
    func finishPendingRollbacks() throws -> [HoodieRollbackMetadata] {
        let writer = try timelineWriter()
        var done: [HoodieRollbackMetadata] = []
        for instant in try currentTimeline().pendingInstants where instant.action == .rollback {
            let requested = HoodieInstant(requestedTime: instant.requestedTime, action: .rollback, state: .requested,
                                          layoutVersion: timeline.layoutVersion)
            let plan = try HoodieRollbackPlan(bytes: try readTimelineFile(requested), instant: requested.fileName)
            done.append(try executeRollback(plan, requested: instant, writer: writer))
        }
        return done
    }

    /// The plan: every base file named with the instant's time, in the partitions its metadata or markers
    /// name (the whole table when they name none), as full paths grouped by partition.
    func rollbackPlan(for instant: HoodieInstant) throws -> HoodieRollbackPlan {
        let files = try baseFiles(writtenAt: instant.requestedTime, partitions: try partitionsNamed(by: instant))
        let requests = files.keys.sorted().map { partition in
            HoodieRollbackPlan.Request(partitionPath: partition,
                                       filesToBeDeleted: (files[partition] ?? []).map { fullPath($0.key) }.sorted())
        }
        return HoodieRollbackPlan(instantToRollback: HoodieInstantInfo(instant), rollbackRequests: requests)
    }

    /// Deletes the plan's files, then the rolled-back instant's timeline files and markers, then completes the
    /// rollback instant (from requested or inflight).
    func executeRollback(_ plan: HoodieRollbackPlan, requested: HoodieInstant, writer: HoodieTimelineWriter) throws -> HoodieRollbackMetadata {
        let started = Date()
        let inflight = requested.state == .inflight ? requested : try writer.transitionToInflight(requested, content: [])
        let partitions = try deletePlannedFiles(plan)
        let target = plan.instantToRollback
        try writer.deletePending(HoodieInstant(requestedTime: target.commitTime, action: .init(rawValue: target.action),
                                               state: .inflight, layoutVersion: writer.layoutVersion))
        deleteMarkers(target.commitTime)
        let metadata = HoodieRollbackMetadata(startRollbackTime: requested.requestedTime,
                                              timeTakenInMillis: Int64(Date().timeIntervalSince(started) * 1000),
                                              commitsRollback: [target], partitionMetadata: partitions)
        _ = try writer.complete(inflight, content: try metadata.serialized())
        return metadata
    }

    func deletePlannedFiles(_ plan: HoodieRollbackPlan) throws -> [String: HoodieRollbackMetadata.PartitionMetadata] {
        var partitions: [String: HoodieRollbackMetadata.PartitionMetadata] = [:]
        for request in plan.rollbackRequests {
            let keys = request.filesToBeDeleted.map { key(planPath: $0, partitionPath: request.partitionPath) }
            let result = deleteFiles(keys)
            let byName = Dictionary(request.filesToBeDeleted.map { (String($0.split(separator: "/").last ?? ""), $0) }, uniquingKeysWith: { a, _ in a })
            var entry = partitions[request.partitionPath] ?? .init(partitionPath: request.partitionPath, successDeleteFiles: [], failedDeleteFiles: [])
            entry.successDeleteFiles += result.deleted.map { byName[$0] ?? $0 }
            entry.failedDeleteFiles += result.failed.map { byName[$0] ?? $0 }
            partitions[request.partitionPath] = entry
        }
        if let failed = partitions.values.first(where: { !$0.failedDeleteFiles.isEmpty }) {
            throw TableFormatError(.io, "rollback of \(plan.instantToRollback.commitTime): could not delete \(failed.failedDeleteFiles.joined(separator: ", ")); the rollback stays pending and is retried")
        }
        return partitions
    }

    func readTimelineFile(_ instant: HoodieInstant) throws -> [UInt8] {
        let key = HudiTable.key(timeline.directory, instant.fileName)
        do {
            return try store.get(key)
        } catch {
            throw TableFormatError(.io, "instant \(instant): \(store.uri)/\(key): \(error)")
        }
    }
}
