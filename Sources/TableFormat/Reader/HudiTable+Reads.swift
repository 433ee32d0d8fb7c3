import Columnar

extension HudiTable {
    /// The snapshot as of `instant` (an instant time or ISO-8601 date-time; nil: the latest completed commit): the latest committed slice of every
    /// live file group, read under the table schema. Throws when the cleaner may have removed the instant's
    /// files (older than the newest clean's earliest retained commit, and not savepointed).
    public func snapshot(asOf instant: String? = nil, options: HudiReadOptions = .init()) throws -> HudiScan {
        try requireReadable(options)
        if let instant { try requireNotCleaned(try instantTime(instant)) }
        let all = try latestFileSlices(asOf: instant)
        var scan = HudiScan(table: self, fileSlices: prunePartitions(all, options.filters), schema: try projected(options.columns),
                            options: options, commitTimeFilter: nil)
        scan.countPartitionPruning(of: all)
        return scan
    }

    /// The records the commits in (begin, end] changed, in their latest state within that range: the slices
    /// those commits wrote, rows filtered on `_hoodie_commit_time`. `end` defaults to the latest commit.
    /// Tables without meta fields (`hoodie.populate.meta.fields=false`) cannot be read incrementally, as in Java
    /// (hudi-rs returns such slices unfiltered instead).
    public func incremental(begin: String, end: String? = nil, options: HudiReadOptions = .init()) throws -> HudiScan {
        try requireReadable(options)
        guard config.populatesMetaFields else {
            throw TableFormatError(.unsupported, "incremental reads need meta fields, and '\(config.name)' has \(HoodieTableConfig.Key.populateMetaFields)=false")
        }
        let begin = try instantTime(begin)
        guard let end = try end.map(instantTime) ?? timeline.completedCommits.map(\.orderingTime).max() else {
            return HudiScan(table: self, fileSlices: [], schema: try projected(options.columns), options: options,
                            commitTimeFilter: nil)
        }
        let commits = commits(between: begin, and: end)
        if let oldest = commits.first { try requireNotCleaned(oldest.requestedTime, reading: "an incremental read from \(begin)") }
        let all = try incrementalFileSlices(commits: commits)
        let filter = CommitTimeFilter(begin: begin, end: end, timeline: timeline)
        var scan = HudiScan(table: self, fileSlices: prunePartitions(all, options.filters), schema: try projected(options.columns),
                            options: options, commitTimeFilter: filter)
        scan.countPartitionPruning(of: all)
        return scan
    }

    func requireReadable(_ options: HudiReadOptions) throws {
        guard config.baseFileFormat == "PARQUET" else {
            throw TableFormatError(.unsupported, "base file format \(config.baseFileFormat) is not supported ('\(HoodieTableConfig.Key.baseFileFormat)'); Sluice reads PARQUET base files")
        }
        if try config.tableType == .mergeOnRead, !options.readOptimized {
            throw TableFormatError(.unsupported, "'\(config.name)' is a MERGE_ON_READ table: merging log files is not supported yet; read the read-optimized view (base files only) instead")
        }
    }

    /// The slices whose partition may hold rows meeting every filter on a partition column.
    func prunePartitions(_ slices: [FileSlice], _ filters: [ScanPredicate]) -> [FileSlice] {
        let fields = config.partitionFields
        let relevant = filters.filter { fields.contains($0.column) }
        guard !relevant.isEmpty else { return slices }
        var verdicts: [String: Bool] = [:]
        return slices.filter { slice in
            if let known = verdicts[slice.partitionPath] { return known }
            let values = HoodiePartitionPath(slice.partitionPath).values(
                fields: fields, hiveStyle: config.isHiveStylePartitioning, urlEncoded: config.isURLEncodedPartitioning)
            // A field the path does not name cannot be judged; the default partition holds NULLs.
            let keep = relevant.allSatisfy { p in values[p.column].map { p.mayMatch(partitionValue: $0) } ?? true }
            verdicts[slice.partitionPath] = keep
            return keep
        }
    }

    func projected(_ columns: [String]?) throws -> Schema {
        guard let columns else { return schema }
        for name in columns where schema.index(of: name) == nil {
            throw TableFormatError(.invalidArgument, "no column '\(name)' in table '\(config.name)' (columns: \(schema.fields.map(\.name).joined(separator: ", ")))")
        }
        return Schema(schema.fields.filter { columns.contains($0.name) })
    }
}
