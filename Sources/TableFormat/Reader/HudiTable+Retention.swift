/// How far back time travel reaches once the cleaner has run: a completed clean records the earliest commit
/// whose file slices it retained, and slices older than that may be gone. Savepointed instants stay readable.
public struct HoodieCleanRetention: Sendable, Equatable {
    /// The clean instant this comes from (the newest completed one).
    public var cleanInstant: String
    public var earliestCommitToRetain: String
    /// `hoodie.cleaner.commits.retained` as the clean recorded it, when it did (Sluice's cleans do).
    public var commitsRetained: Int?
}

extension HudiTable {
    /// The retention of the newest completed clean that recorded an earliest commit to retain; nil when the
    /// table was never cleaned by commits.
    public func cleanRetention(timeline: HoodieActiveTimeline? = nil) throws -> HoodieCleanRetention? {
        let timeline = timeline ?? self.timeline
        for clean in timeline.completedInstants.reversed() where clean.action == .clean {
            let bytes: [UInt8]
            do {
                bytes = try store.get(timeline.key(of: clean))
            } catch {
                throw TableFormatError(.io, "instant \(clean): \(store.uri)/\(timeline.key(of: clean)): \(error)")
            }
            let metadata = try HoodieCleanMetadata(bytes: bytes, instant: clean.fileName)
            guard !metadata.earliestCommitToRetain.isEmpty else { continue }
            return HoodieCleanRetention(cleanInstant: clean.requestedTime, earliestCommitToRetain: metadata.earliestCommitToRetain,
                                        commitsRetained: metadata.extraMetadata[HoodieCleanRetention.commitsRetainedKey].flatMap { Int($0) })
        }
        return nil
    }

    /// Requested times of the completed savepoints: instants whose files the cleaner kept.
    public func savepointedInstants(timeline: HoodieActiveTimeline? = nil) -> Set<String> {
        Set((timeline ?? self.timeline).completedInstants.filter { $0.action == .savepoint }.map(\.requestedTime))
    }

    /// Throws when the files of a read as of `instant` may have been cleaned: it is older than the newest
    /// clean's earliest retained commit and not savepointed.
    public func requireNotCleaned(_ instant: String, timeline: HoodieActiveTimeline? = nil) throws {
        guard let retention = try cleanRetention(timeline: timeline), instant < retention.earliestCommitToRetain,
              !savepointedInstants(timeline: timeline).contains(instant) else { return }
        let kept = retention.commitsRetained.map {
            "the file slices of the latest \($0) commits (\(HoodieCleanRetention.commitsRetainedKey)=\($0))"
        } ?? "the file slices needed from instant \(retention.earliestCommitToRetain) on"
        throw TableFormatError(.invalidArgument, "instant \(instant) of '\(config.name)' was cleaned: clean \(retention.cleanInstant) kept \(kept), so the earliest instant still readable is \(retention.earliestCommitToRetain)")
    }
}

extension HoodieCleanRetention {
    /// Hudi's name for the KEEP_LATEST_COMMITS retention.
    public static let commitsRetainedKey = "hoodie.cleaner.commits.retained"
}
