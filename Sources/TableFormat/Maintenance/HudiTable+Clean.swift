import Foundation

/// The cleaner (Hudi's CleanPlanActionExecutor and CleanActionExecutor): plan with `CleanPlanner`, then
/// `<c>.clean.requested` (HoodieCleanerPlan) → `<c>.clean.inflight` (the same plan) → delete → `<c>.clean`
/// (HoodieCleanMetadata, whose earliest commit to retain bounds time travel from then on).
extension HudiTable {
    /// Cleans old file slices, keeping what reads as of the latest `commitsRetained` commits and savepoints
    /// need. Pending cleans of an earlier run are finished first. Returns the metadata of the clean that ran,
    /// or nil when there was nothing to delete (no clean instant is written then).
    @discardableResult
    public func clean(commitsRetained: Int = CleanPlanner.defaultCommitsRetained) throws -> HoodieCleanMetadata? {
        let writer = try timelineWriter()
        var last: HoodieCleanMetadata?
        for pending in try currentTimeline().pendingInstants where pending.action == .clean {
            let requested = HoodieInstant(requestedTime: pending.requestedTime, action: .clean, state: .requested,
                                          layoutVersion: writer.layoutVersion)
            let plan = try HoodieCleanerPlan(bytes: try readTimelineFile(requested), instant: requested.fileName)
            last = try executeClean(plan, pending: pending, writer: writer)
        }
        let current = try currentTimeline()
        let plan = try cleanerPlan(commitsRetained: commitsRetained, timeline: current)
        guard plan.filePathsToBeDeletedPerPartition.values.contains(where: { !$0.isEmpty }) else { return last }
        let requested = try writer.createRequested(action: .clean, time: writer.newInstantTime(after: current),
                                                   content: try plan.serialized())
        return try executeClean(plan, pending: requested, writer: writer)
    }

    /// The plan for the table as `timeline` has it, without writing anything.
    public func cleanerPlan(commitsRetained: Int = CleanPlanner.defaultCommitsRetained,
                            timeline: HoodieActiveTimeline? = nil) throws -> HoodieCleanerPlan {
        let timeline = try timeline ?? currentTimeline()
        let commits = timeline.completedCommits.filter { $0.action != .deltaCommit }
        var replacedBy: [HoodieFileGroup.ID: String] = [:]
        for instant in commits where instant.action == .replaceCommit {
            for (partition, ids) in try timeline.commitMetadata(instant, store: store).partitionToReplaceFileIds {
                for id in ids { replacedBy[.init(partitionPath: partition, fileId: id)] = instant.requestedTime }
            }
        }
        let planner = try CleanPlanner(
            commitsRetained: commitsRetained, completedCommits: commits,
            earliestPendingWrite: timeline.pendingInstants.first { HoodieActiveTimeline.family($0.action).writesData },
            fileGroups: Array(try fileSystemView().fileGroups.values), replacedBy: replacedBy,
            savepointedFiles: Set(try savepoints(timeline: timeline).values.flatMap(\.files)),
            timelineStart: timeline.instants.first { HoodieActiveTimeline.family($0.action).writesData }?.requestedTime)
        let earliest = planner.earliestCommitToRetain.map {
            HoodieCleanerPlan.ActionInstant(timestamp: $0.requestedTime, action: $0.action.rawValue,
                                            state: $0.state.rawValue.uppercased())
        }
        return HoodieCleanerPlan(earliestInstantToRetain: earliest, lastCompletedCommitTimestamp: commits.last?.requestedTime ?? "",
                                 policy: CleanPlanner.policy,
                                 filePathsToBeDeletedPerPartition: planner.filesToDelete().mapValues { $0.map { fullPath($0.key) } },
                                 extraMetadata: [HoodieCleanRetention.commitsRetainedKey: String(commitsRetained)])
    }

    /// Deletes the plan's files and completes the clean instant (from requested or inflight). Files that fail
    /// to delete are recorded in the metadata, as Java does; they are old slices no read needs.
    func executeClean(_ plan: HoodieCleanerPlan, pending: HoodieInstant, writer: HoodieTimelineWriter) throws -> HoodieCleanMetadata {
        let started = Date()
        let inflight = pending.state == .inflight ? pending : try writer.transitionToInflight(pending, content: try plan.serialized())
        var partitions: [String: HoodieCleanMetadata.PartitionMetadata] = [:]
        for (partition, paths) in plan.filePathsToBeDeletedPerPartition {
            let result = deleteFiles(paths.map { key(planPath: $0, partitionPath: partition) })
            partitions[partition] = .init(partitionPath: partition, policy: plan.policy,
                                          deletePathPatterns: paths.map { String($0.split(separator: "/").last ?? "") },
                                          successDeleteFiles: result.deleted, failedDeleteFiles: result.failed)
        }
        let metadata = HoodieCleanMetadata(policy: plan.policy, startCleanTime: pending.requestedTime,
                                           timeTakenInMillis: Int64(Date().timeIntervalSince(started) * 1000),
                                           earliestCommitToRetain: plan.earliestInstantToRetain?.timestamp ?? "",
                                           lastCompletedCommitTimestamp: plan.lastCompletedCommitTimestamp,
                                           partitionMetadata: partitions, extraMetadata: plan.extraMetadata)
        _ = try writer.complete(inflight, content: try metadata.serialized())
        return metadata
    }
}
