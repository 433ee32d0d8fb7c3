/// Optimistic concurrency control for writers, as Hudi's SimpleConcurrentFileWritesConflictResolutionStrategy
/// does it: a writer remembers the timeline it started from and, just before completing, compares it with the
/// current timeline. Any write instant (commit or replacecommit) that completed in between and touched one of
/// our file groups (wrote a slice of it, or replaced it) means both writers read the same old slice, so the
/// later one must fail instead of silently dropping the other's records.
public struct ConflictDetection: Sendable {
    /// The timeline as the writer saw it when it started.
    public var startTimeline: HoodieActiveTimeline
    /// The timeline now, re-listed just before completing.
    public var currentTimeline: HoodieActiveTimeline
    /// The writer's own instant (requested time), never a conflict with itself.
    public var ownInstant: String?

    public init(startTimeline: HoodieActiveTimeline, currentTimeline: HoodieActiveTimeline, ownInstant: String? = nil) {
        self.startTimeline = startTimeline
        self.currentTimeline = currentTimeline
        self.ownInstant = ownInstant
    }

    /// Write instants completed since the start: completed now, and not completed at the start (a commit that
    /// was already pending when we started is a candidate too, as it may have read the same slices).
    public var candidates: [HoodieInstant] {
        let completedAtStart = Set(startTimeline.completedCommits.map { $0.requestedTime + "." + $0.action.rawValue })
        return currentTimeline.completedCommits.filter { instant in
            (instant.action == .commit || instant.action == .replaceCommit)
                && instant.requestedTime != ownInstant
                && !completedAtStart.contains(instant.requestedTime + "." + instant.action.rawValue)
        }
    }

    /// Throws `.conflict` for the first candidate (oldest first) whose metadata names a file group in
    /// `touched`, either as written (`partitionToWriteStats`) or as replaced (`partitionToReplaceFileIds`).
    /// - Parameter metadata: reads an instant's commit metadata (the table's, or hand-made in tests).
    public func check(touched: Set<HoodieFileGroup.ID>,
                      metadata: (HoodieInstant) throws -> HoodieCommitMetadata) throws {
        guard !touched.isEmpty else { return }
        for instant in candidates {
            let commit = try metadata(instant)
            if let id = ConflictDetection.firstOverlap(commit, touched) {
                throw TableFormatError(.conflict, "Transaction Error: conflict with instant \(instant.requestedTime) (\(instant.action)) on file group \(id.fileId) in partition \(id.partitionPath.isEmpty ? "\"\"" : id.partitionPath)")
            }
        }
    }

    /// The file groups an instant wrote or replaced, in a stable order.
    public static func fileGroups(of commit: HoodieCommitMetadata) -> [HoodieFileGroup.ID] {
        var ids: [HoodieFileGroup.ID] = commit.writeStats.map { .init(partitionPath: $0.partitionPath, fileId: $0.fileId) }
        for partition in commit.partitionToReplaceFileIds.keys.sorted() {
            ids += (commit.partitionToReplaceFileIds[partition] ?? []).map { .init(partitionPath: partition, fileId: $0) }
        }
        return ids
    }

    static func firstOverlap(_ commit: HoodieCommitMetadata, _ touched: Set<HoodieFileGroup.ID>) -> HoodieFileGroup.ID? {
        fileGroups(of: commit).first { touched.contains($0) }
    }
}

extension HudiTable {
    /// Checks a write that started from `startTimeline` and touched `fileGroups` against this table's timeline
    /// (open the table again just before completing, so the timeline is current).
    public func checkConflicts(startTimeline: HoodieActiveTimeline, ownInstant: String?,
                               fileGroups: Set<HoodieFileGroup.ID>) throws {
        let detection = ConflictDetection(startTimeline: startTimeline, currentTimeline: timeline, ownInstant: ownInstant)
        try detection.check(touched: fileGroups) { try commitMetadata($0) }
    }
}
