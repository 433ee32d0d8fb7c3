import Storage

extension HudiTable {
    /// Lists the table's base files.
    public func fileSystemView() throws -> HoodieTableFileSystemView {
        try HoodieTableFileSystemView.load(store: store, basePath: basePath, fileExtension: config.baseFileFormat.lowercased())
    }

    /// The latest file slice of every file group as of `instant` (Hudi's time-travel rule): the greatest base
    /// instant ≤ T among completed commits (or older than the active timeline), skipping file groups that a
    /// replacecommit completed at or before T replaced. `nil` means the latest completed commit.
    public func latestFileSlices(asOf instant: String? = nil, view: HoodieTableFileSystemView? = nil) throws -> [FileSlice] {
        let commits = timeline.completedCommits
        guard let asOf = try instant.map(instantTime) ?? commits.last?.requestedTime else { return [] }
        let committed = Set(commits.lazy.filter { $0.requestedTime <= asOf }.map(\.requestedTime))
        let timelineStart = timeline.instants.first { $0.action.writesData || HoodieActiveTimeline.family($0.action).writesData }?.requestedTime
        let isCommitted: (String) -> Bool = { time in committed.contains(time) || (timelineStart.map { time < $0 } ?? false) }
        let replaced = try replacedFileGroups(asOf: asOf)
        let view = try view ?? fileSystemView()
        return view.fileGroups.values
            .filter { !replaced.contains($0.id) }
            .compactMap { $0.latestSlice(atOrBefore: asOf, isCommitted: isCommitted) }
            .sorted { ($0.partitionPath, $0.fileId) < ($1.partitionPath, $1.fileId) }
    }

    /// File groups replaced by completed replacecommits requested at or before `asOf`.
    public func replacedFileGroups(asOf: String) throws -> Set<HoodieFileGroup.ID> {
        var replaced: Set<HoodieFileGroup.ID> = []
        for instant in timeline.completedCommits where instant.action == .replaceCommit && instant.requestedTime <= asOf {
            for (partition, ids) in try commitMetadata(instant).partitionToReplaceFileIds {
                for id in ids { replaced.insert(.init(partitionPath: partition, fileId: id)) }
            }
        }
        return replaced
    }

    /// The completed commits an incremental read (begin, end] covers: by completion time in layout 2 (Hudi
    /// 1.x's rule), by requested time in layout 1.
    public func commits(between begin: String, and end: String) -> [HoodieInstant] {
        timeline.completedCommits.filter { $0.orderingTime > begin && $0.orderingTime <= end }
    }

    /// The file slices the commits in (begin, end] wrote, the newest per file group, without the file groups
    /// those commits replaced.
    public func incrementalFileSlices(commits: [HoodieInstant]) throws -> [FileSlice] {
        var latest: [HoodieFileGroup.ID: FileSlice] = [:]
        var replaced: Set<HoodieFileGroup.ID> = []
        for instant in commits {
            let metadata = try commitMetadata(instant)
            for stat in metadata.writeStats {
                guard let path = stat.baseFile.map({ name in stat.partitionPath.isEmpty ? name : stat.partitionPath + "/" + name }) ?? stat.path else { continue }
                let name = String(path.split(separator: "/").last ?? "")
                guard name.hasSuffix("." + config.baseFileFormat.lowercased()) else { continue }
                let file = try HoodieBaseFile(fileName: name, partitionPath: stat.partitionPath, key: HudiTable.key(basePath, path),
                                              size: stat.fileSizeInBytes > 0 ? Int(stat.fileSizeInBytes) : nil)
                let id = HoodieFileGroup.ID(partitionPath: stat.partitionPath, fileId: stat.fileId)
                latest[id] = FileSlice(partitionPath: stat.partitionPath, fileId: stat.fileId, baseInstantTime: file.instantTime, baseFile: file)
            }
            for (partition, ids) in metadata.partitionToReplaceFileIds {
                for id in ids { replaced.insert(.init(partitionPath: partition, fileId: id)) }
            }
        }
        return latest.filter { !replaced.contains($0.key) }.values
            .sorted { ($0.partitionPath, $0.fileId) < ($1.partitionPath, $1.fileId) }
    }

    /// Partition paths named by the write stats of every completed commit (the listing-free way).
    public func partitionPathsFromCommitMetadata() throws -> [String] {
        var paths: Set<String> = []
        for instant in timeline.completedCommits { paths.formUnion(try commitMetadata(instant).partitionToWriteStats.keys) }
        return paths.sorted()
    }

    /// An instant time or an ISO-8601 date-time, as an instant time in the table's timeline zone.
    public func instantTime(_ text: String) throws -> String {
        try HoodieInstantTime.parse(text, timelineTimezone: config.timelineTimezone)
    }
}
