import Storage

/// Where a record lives: its partition and file group (Hudi's `HoodieRecordLocation`, without the instant).
public struct HoodieRecordLocation: Sendable, Hashable, CustomStringConvertible {
    public var partitionPath: String
    public var fileId: String

    public init(partitionPath: String, fileId: String) {
        self.partitionPath = partitionPath
        self.fileId = fileId
    }

    public var description: String { partitionPath.isEmpty ? fileId : "\(partitionPath)/\(fileId)" }
}

/// Hudi's global bloom index (`HoodieGlobalBloomIndex`): record keys are unique across the whole table, so a key
/// is looked up in the latest slices of every partition, with the same footer, range, bloom filter and key
/// column steps as `HoodieBloomIndex`.
///
/// What to do when a key is found in another partition than its new record's is the writer's choice, made by
/// `config.updatePartitionPath` (`hoodie.bloom.index.update.partition.path`): true deletes the record from the
/// old partition and inserts it into the new one; false updates it in place, in the old partition.
public struct HoodieGlobalBloomIndex: Sendable {
    public let store: any ObjectStore
    public let config: HoodieBloomIndexConfig

    public init(store: any ObjectStore, config: HoodieBloomIndexConfig = .init()) {
        self.store = store
        self.config = config
    }

    /// Record key → location, over `slices` (the latest slices of all partitions); keys not found are absent.
    public func locate(keys: [String], slices: [FileSlice]) throws -> [String: HoodieRecordLocation] {
        try locateWithStatistics(keys: keys, slices: slices).locations
    }

    /// `locate`, with what it read.
    public func locateWithStatistics(keys: [String], slices: [FileSlice]) throws
        -> (locations: [String: HoodieRecordLocation], statistics: HoodieBloomIndex.Statistics) {
        var statistics = HoodieBloomIndex.Statistics()
        var recordKeys = HoodieRecordKeys(keys)
        let found = try HoodieBloomIndex(store: store, config: config).lookUp(&recordKeys, in: slices, statistics: &statistics)
        var locations: [String: HoodieRecordLocation] = [:]
        locations.reserveCapacity(found.count)
        for (index, slice) in found {
            locations[recordKeys.strings[index]] = HoodieRecordLocation(partitionPath: slice.partitionPath, fileId: slice.fileId)
        }
        return (locations, statistics)
    }
}
