/// Decides what the cleaner deletes under Hudi's default policy, KEEP_LATEST_COMMITS (CleanPlanner in Java):
/// time travel must keep working as of each of the latest N completed commits. The oldest of them is the
/// earliest commit to retain (ECTR; pulled back to the earliest pending write, whose writer may still read).
/// In each file group the latest slice stays, and so does the newest slice older than the ECTR (a read as of the
/// ECTR needs it); older slices go. File groups that a replacecommit before the ECTR replaced go entirely.
/// Slices whose base file a savepoint lists always stay, and uncommitted slices are left to rollback.
public struct CleanPlanner: Sendable {
    public static let policy = "KEEP_LATEST_COMMITS"
    /// Hudi's default for `hoodie.cleaner.commits.retained`.
    public static let defaultCommitsRetained = 10

    public var commitsRetained: Int
    /// Completed write instants (commit, replacecommit), oldest first.
    public var completedCommits: [HoodieInstant]
    /// The oldest write instant still requested or inflight.
    public var earliestPendingWrite: HoodieInstant?
    public var fileGroups: [HoodieFileGroup]
    /// Replaced file groups and the time of the replacecommit that replaced each.
    public var replacedBy: [HoodieFileGroup.ID: String]
    /// Base files savepoints list, as `<partition>/<file name>` (the name alone when non-partitioned).
    public var savepointedFiles: Set<String>
    /// Slices older than this instant count as committed (archived commits), as readers decide.
    public var timelineStart: String?

    public init(commitsRetained: Int, completedCommits: [HoodieInstant], earliestPendingWrite: HoodieInstant?,
                fileGroups: [HoodieFileGroup], replacedBy: [HoodieFileGroup.ID: String], savepointedFiles: Set<String>,
                timelineStart: String?) throws {
        guard commitsRetained >= 1 else {
            throw TableFormatError(.invalidArgument, "\(HoodieCleanRetention.commitsRetainedKey) must be at least 1, not \(commitsRetained)")
        }
        self.commitsRetained = commitsRetained
        self.completedCommits = completedCommits
        self.earliestPendingWrite = earliestPendingWrite
        self.fileGroups = fileGroups
        self.replacedBy = replacedBy
        self.savepointedFiles = savepointedFiles
        self.timelineStart = timelineStart
    }

    /// Nil while there are no more than N completed commits: nothing may be cleaned yet.
    public var earliestCommitToRetain: HoodieInstant? {
        guard completedCommits.count > commitsRetained else { return nil }
        let nth = completedCommits[completedCommits.count - commitsRetained]
        if let pending = earliestPendingWrite, pending.requestedTime < nth.requestedTime { return pending }
        return nth
    }

    /// The base files to delete, by partition path, each list sorted by file name.
    public func filesToDelete() -> [String: [HoodieBaseFile]] {
        guard let retain = earliestCommitToRetain?.requestedTime else { return [:] }
        let committed = Set(completedCommits.map(\.requestedTime))
        var out: [String: [HoodieBaseFile]] = [:]
        for group in fileGroups {
            let slices = group.slices.filter { slice in
                committed.contains(slice.baseInstantTime) || timelineStart.map { slice.baseInstantTime < $0 } ?? false
            }
            let doomed: [FileSlice]
            if let replaced = replacedBy[group.id], replaced < retain {
                doomed = slices
            } else {
                doomed = CleanPlanner.olderSlices(slices, retain: retain)
            }
            for slice in doomed where !savepointedFiles.contains(CleanPlanner.savepointName(slice.baseFile)) {
                out[group.id.partitionPath, default: []].append(slice.baseFile)
            }
        }
        return out.mapValues { $0.sorted { $0.fileName < $1.fileName } }
    }

    /// Of a live file group's committed slices (oldest first): those older than the ECTR except the latest
    /// slice and the newest one before the ECTR.
    static func olderSlices(_ slices: [FileSlice], retain: String) -> [FileSlice] {
        guard let latest = slices.last else { return [] }
        let lastBeforeRetain = slices.last { $0.baseInstantTime < retain }?.baseInstantTime
        return slices.filter { slice in
            slice.baseInstantTime < retain && slice.baseInstantTime != latest.baseInstantTime
                && slice.baseInstantTime != lastBeforeRetain
        }
    }

    static func savepointName(_ file: HoodieBaseFile) -> String {
        file.partitionPath.isEmpty ? file.fileName : file.partitionPath + "/" + file.fileName
    }
}
