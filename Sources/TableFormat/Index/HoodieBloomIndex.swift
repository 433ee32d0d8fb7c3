import Storage

/// Hudi's bloom index (`HoodieBloomIndex`): finds the file group that holds each record key of a partition,
/// reading as little as it can.
///
/// 1. The footer of each latest base file is read once per call (one ranged GET, see `BaseFileFooterSource`).
/// 2. Range pruning: a file is compared only with the keys inside its footer's
///    [`hoodie_min_record_key`, `hoodie_max_record_key`]; keys are sorted once, so that is two binary searches.
/// 3. The file's bloom filter (`org.apache.hudi.bloomfilter`) drops keys it surely does not hold. Each key's
///    Murmur hash chain is computed once per call, whatever the number of files.
/// 4. Only files left with candidate keys have their `_hoodie_record_key` column read, to drop the false
///    positives.
///
/// A base file without a bloom filter or a key range is checked by its key column alone. A table without meta
/// fields (virtual keys) has no key column, and the lookup throws `.schemaMismatch`.
public struct HoodieBloomIndex: HoodieIndex {
    public let store: any ObjectStore
    public let config: HoodieBloomIndexConfig

    public init(store: any ObjectStore, config: HoodieBloomIndexConfig = .init()) {
        self.store = store
        self.config = config
    }

    /// What one lookup read and pruned.
    public struct Statistics: Sendable, Hashable {
        /// Base files whose footer was read.
        public var footersRead = 0
        /// Files skipped because no key fell in their record key range.
        public var filesPrunedByRange = 0
        /// Files skipped because their bloom filter excluded every key in range.
        public var filesPrunedByBloomFilter = 0
        /// (key, file) pairs the bloom filters let through.
        public var candidates = 0
        /// Candidates the key column did not confirm.
        public var falsePositives = 0
        /// Files whose record key column was read.
        public var keyColumnsRead = 0
        public init() {}

        mutating func add(_ other: Statistics) {
            footersRead += other.footersRead
            filesPrunedByRange += other.filesPrunedByRange
            filesPrunedByBloomFilter += other.filesPrunedByBloomFilter
            candidates += other.candidates
            falsePositives += other.falsePositives
            keyColumnsRead += other.keyColumnsRead
        }
    }

    /// Record key → file id of the latest slice holding it, for the keys of `partitionPath` found in `slices`
    /// (its latest file slices); keys not found are absent (inserts).
    public func locate(keys: [String], partitionPath: String, slices: [FileSlice]) throws -> [String: String] {
        try locateWithStatistics(keys: keys, partitionPath: partitionPath, slices: slices).locations
    }

    /// `locate`, with what it read.
    public func locateWithStatistics(keys: [String], partitionPath: String, slices: [FileSlice]) throws
        -> (locations: [String: String], statistics: Statistics) {
        if let stray = slices.first(where: { $0.partitionPath != partitionPath }) {
            throw TableFormatError(.invalidArgument, "file slice '\(stray.baseFile.key)' is in partition '\(stray.partitionPath)', not '\(partitionPath)'")
        }
        var statistics = Statistics()
        var recordKeys = HoodieRecordKeys(keys)
        let found = try lookUp(&recordKeys, in: slices, statistics: &statistics)
        var locations: [String: String] = [:]
        locations.reserveCapacity(found.count)
        for (index, slice) in found { locations[recordKeys.strings[index]] = slice.fileId }
        return (locations, statistics)
    }

    /// Key index → the slice holding it. Should a key be in two file groups (inserts that skipped the index),
    /// the slice with the later base instant wins, then the greater file id, so the answer is deterministic.
    /// Base files are looked at `config.lookupParallelism` at a time; results merge in slice order.
    func lookUp(_ keys: inout HoodieRecordKeys, in slices: [FileSlice], statistics: inout Statistics) throws -> [Int: FileSlice] {
        var found: [Int: FileSlice] = [:]
        guard keys.count > 0, !slices.isEmpty else { return found }
        // Hash chains for the configured filter shape, shared read-only by the workers.
        if let shape = try? HoodieBloomFilter.shape(numEntries: config.numEntries, errorRate: config.fpp) {
            _ = keys.computeHashes(count: Int(shape.nbHash))
        }
        let frozen = keys
        let results = try BoundedParallelism.map(slices, width: config.lookupParallelism) { slice in
            try self.lookUp(frozen, in: slice)
        }
        for (slice, result) in zip(slices, results) {
            statistics.add(result.statistics)
            for index in result.confirmed where found[index].map({ HoodieBloomIndex.precedes($0, slice) }) ?? true {
                found[index] = slice
            }
        }
        return found
    }

    /// One base file: its footer, the keys left after range pruning and its bloom filter, and those its key
    /// column confirms.
    private func lookUp(_ keys: HoodieRecordKeys, in slice: FileSlice) throws -> (confirmed: [Int], statistics: Statistics) {
        var statistics = Statistics()
        let handle = try HoodieKeyLookupHandle(store: store, slice: slice)
        statistics.footersRead = 1
        var range = 0..<keys.count
        if config.pruneByRanges, let bounds = handle.recordKeyRange {
            range = keys.range(min: bounds.min, max: bounds.max)
        }
        if range.isEmpty {
            statistics.filesPrunedByRange = 1
            return ([], statistics)
        }
        let (candidates, hasFilter) = try handle.bloomCandidates(range, of: keys)
        if candidates.isEmpty {
            statistics.filesPrunedByBloomFilter = hasFilter ? 1 : 0
            return ([], statistics)
        }
        let confirmed = try handle.confirm(candidates, in: keys)
        statistics.candidates = candidates.count
        statistics.keyColumnsRead = 1
        statistics.falsePositives = candidates.count - confirmed.count
        return (confirmed, statistics)
    }

    static func precedes(_ a: FileSlice, _ b: FileSlice) -> Bool {
        (a.baseInstantTime, a.fileId) < (b.baseInstantTime, b.fileId)
    }
}
