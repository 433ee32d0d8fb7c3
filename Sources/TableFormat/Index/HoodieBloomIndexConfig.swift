/// The bloom index and bloom filter settings, under Hudi's property names (`HoodieIndexConfig`).
public struct HoodieBloomIndexConfig: Sendable, Hashable {
    public static let defaultNumEntries = 60_000
    public static let defaultFpp = 0.000000001
    public static let defaultDynamicMaxEntries = 100_000

    /// `hoodie.index.bloom.num_entries`: keys one filter (one dynamic row) is sized for.
    public var numEntries = defaultNumEntries
    /// `hoodie.index.bloom.fpp`: the false-positive rate at `numEntries` keys.
    public var fpp = defaultFpp
    /// `hoodie.bloom.index.filter.type`: SIMPLE or DYNAMIC_V0.
    public var filterType = BloomFilterTypeCode.dynamicV0
    /// `hoodie.bloom.index.filter.dynamic.max.entries`: where a dynamic filter stops adding rows.
    public var dynamicMaxEntries = defaultDynamicMaxEntries
    /// `hoodie.bloom.index.prune.by.ranges`: skip files whose min/max record key range excludes the key.
    public var pruneByRanges = true
    /// `hoodie.bloom.index.update.partition.path` (global index): an update whose partition changed is deleted
    /// from the old partition and inserted into the new one, rather than kept in the old one.
    public var updatePartitionPath = true
    /// Base files looked up at once (Sluice's setting, no Hudi key): footer and key-column GETs in flight.
    public var lookupParallelism = 8

    public static let numEntriesKey = "hoodie.index.bloom.num_entries"
    public static let fppKey = "hoodie.index.bloom.fpp"
    public static let filterTypeKey = "hoodie.bloom.index.filter.type"
    public static let dynamicMaxEntriesKey = "hoodie.bloom.index.filter.dynamic.max.entries"
    public static let pruneByRangesKey = "hoodie.bloom.index.prune.by.ranges"
    public static let updatePartitionPathKey = "hoodie.bloom.index.update.partition.path"

    public init() {}

    /// The settings among `properties` (write options); absent keys keep Hudi's defaults, others are ignored.
    public init(properties: [String: String]) throws {
        if let v = properties[Self.numEntriesKey] { numEntries = try Self.parse(v, Self.numEntriesKey, as: Int.self) }
        if let v = properties[Self.fppKey] { fpp = try Self.parse(v, Self.fppKey, as: Double.self) }
        if let v = properties[Self.filterTypeKey] { filterType = try BloomFilterTypeCode(name: v) }
        if let v = properties[Self.dynamicMaxEntriesKey] { dynamicMaxEntries = try Self.parse(v, Self.dynamicMaxEntriesKey, as: Int.self) }
        if let v = properties[Self.pruneByRangesKey] { pruneByRanges = try Self.parse(v, Self.pruneByRangesKey, as: Bool.self) }
        if let v = properties[Self.updatePartitionPathKey] { updatePartitionPath = try Self.parse(v, Self.updatePartitionPathKey, as: Bool.self) }
        _ = try HoodieBloomFilter.shape(numEntries: numEntries, errorRate: fpp)
    }

    private static func parse<T: LosslessStringConvertible>(_ text: String, _ key: String, as: T.Type) throws -> T {
        let trimmed = text.trimmingWhitespace
        guard let value = T(T.self == Bool.self ? trimmed.lowercased() : trimmed) else {
            throw TableFormatError(.invalidConfig, "\(key)='\(text)' is not a valid \(T.self)")
        }
        return value
    }

    /// An empty filter with these settings: what a new base file's footer starts from.
    public func makeBloomFilter() throws -> HoodieBloomFilter {
        try HoodieBloomFilter(typeCode: filterType, numEntries: numEntries, errorRate: fpp, maxNumberOfEntries: dynamicMaxEntries)
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
