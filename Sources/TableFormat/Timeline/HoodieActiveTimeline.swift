import Storage

/// The active timeline: every instant file in the timeline folder, in requested-time order, each instant at
/// its furthest state (a completed instant also leaves its requested and inflight files behind).
public struct HoodieActiveTimeline: Sendable {
    /// Furthest state of each (requested time, action), sorted by requested time.
    public var instants: [HoodieInstant]
    /// The folder the instants were listed from (a store key prefix).
    public var directory: String
    public var layoutVersion: Int

    public init(instants: [HoodieInstant], directory: String, layoutVersion: Int) {
        var furthest: [String: HoodieInstant] = [:]
        for instant in instants {
            let key = instant.requestedTime + "." + HoodieActiveTimeline.family(instant.action).rawValue
            if let seen = furthest[key], seen.state >= instant.state { continue }
            furthest[key] = instant
        }
        self.instants = furthest.values.sorted()
        self.directory = directory
        self.layoutVersion = layoutVersion
    }

    /// A pending clustering or compaction completes under another action (replacecommit, commit).
    static func family(_ action: HoodieInstant.Action) -> HoodieInstant.Action {
        switch action {
        case .clustering: .replaceCommit
        case .compaction, .logCompaction: .commit
        default: action
        }
    }

    /// Lists `directory` in `store` (one level, no recursion into `history/` or `archived/`).
    public static func load(store: any ObjectStore, directory: String, layoutVersion: Int) throws -> HoodieActiveTimeline {
        let prefix = directory.isEmpty ? "" : directory + "/"
        let page: ListPage
        do {
            page = try store.listAll(prefix: prefix, delimiter: "/")
        } catch {
            throw TableFormatError(.io, "listing the timeline \(store.uri)/\(directory): \(error)")
        }
        var instants: [HoodieInstant] = []
        for object in page.objects {
            let name = String(object.key.dropFirst(prefix.count))
            if let instant = try HoodieInstant(fileName: name, layoutVersion: layoutVersion) { instants.append(instant) }
        }
        return HoodieActiveTimeline(instants: instants, directory: directory, layoutVersion: layoutVersion)
    }

    public var completedInstants: [HoodieInstant] { instants.filter(\.isCompleted) }
    public var pendingInstants: [HoodieInstant] { instants.filter { !$0.isCompleted } }

    /// Completed commit, deltacommit and replacecommit instants: the ones whose files readers may see.
    public var completedCommits: [HoodieInstant] { instants.filter { $0.isCompleted && $0.action.writesData } }

    public var latestCompletedCommit: HoodieInstant? { completedCommits.last }

    /// The key of the file holding `instant`'s content.
    public func key(of instant: HoodieInstant) -> String {
        directory.isEmpty ? instant.fileName : directory + "/" + instant.fileName
    }
}

extension HoodieActiveTimeline {
    /// The commit metadata of a completed instant, read from `store`.
    public func commitMetadata(_ instant: HoodieInstant, store: any ObjectStore) throws -> HoodieCommitMetadata {
        let key = key(of: instant)
        let bytes: [UInt8]
        do {
            bytes = try store.get(key)
        } catch {
            throw TableFormatError(.io, "instant \(instant): \(store.uri)/\(key): \(error)")
        }
        return try HoodieCommitMetadata(bytes: bytes, instant: instant.fileName)
    }
}
