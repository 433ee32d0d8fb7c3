import Parquet

/// The record-key entries Hudi puts in a base file's Parquet footer (`HoodieBloomFilterWriteSupport`): the
/// bloom filter, the min and max record keys, and, for dynamic filters only, the filter's type code.
///
/// A writer calls `addKey` for each row as it writes it, then puts `finalizeMetadata()` in the footer's
/// key-value metadata; `footerMetadata(recordKeys:)` does both for keys at hand.
public struct HoodieBloomFilterWriteSupport: Sendable {
    public static let bloomFilterKey = "org.apache.hudi.bloomfilter"
    /// Written by Hudi releases before the Apache rename; still read.
    public static let oldBloomFilterKey = "com.uber.hoodie.bloomfilter"
    public static let minRecordKeyKey = "hoodie_min_record_key"
    public static let maxRecordKeyKey = "hoodie_max_record_key"
    public static let bloomFilterTypeCodeKey = "hoodie_bloom_filter_type_code"

    public private(set) var bloomFilter: HoodieBloomFilter
    public private(set) var minRecordKey: String?
    public private(set) var maxRecordKey: String?
    private var keyCount = 0

    /// An empty filter with `config`'s type and size.
    public init(config: HoodieBloomIndexConfig = .init()) throws {
        bloomFilter = try config.makeBloomFilter()
    }

    /// Adds a row's record key to the filter and the min/max range, which compare as Java strings (UTF-16
    /// code units). Throws for an empty key, which no Hudi key generator produces.
    public mutating func addKey(_ recordKey: String) throws {
        guard !recordKey.isEmpty else {
            throw TableFormatError(.invalidArgument, "record key of row \(keyCount) is empty")
        }
        bloomFilter.add(recordKey)
        if minRecordKey.map({ JavaStringOrder.precedes(recordKey, $0) }) ?? true { minRecordKey = recordKey }
        if maxRecordKey.map({ JavaStringOrder.precedes($0, recordKey) }) ?? true { maxRecordKey = recordKey }
        keyCount += 1
    }

    /// The footer entries for the keys added so far.
    public func finalizeMetadata() -> [KeyValue] {
        HoodieBloomFilterWriteSupport.footerMetadata(filter: bloomFilter, minRecordKey: minRecordKey, maxRecordKey: maxRecordKey)
    }

    /// The footer entries for a base file holding `recordKeys`, in the order Hudi's Avro write support leaves
    /// them (min key, filter, max key, type code; as Spark-written v6 to v9 tables show). Keys are added in the
    /// given order, which is the file's row order in Hudi.
    public static func footerMetadata(recordKeys: [String], config: HoodieBloomIndexConfig = .init()) throws -> [KeyValue] {
        var support = try HoodieBloomFilterWriteSupport(config: config)
        for key in recordKeys { try support.addKey(key) }
        return support.finalizeMetadata()
    }

    /// The footer entries for a filter built elsewhere (a writer that adds keys as rows stream by).
    public static func footerMetadata(filter: HoodieBloomFilter, minRecordKey: String?, maxRecordKey: String?) -> [KeyValue] {
        var entries: [KeyValue] = []
        if let minRecordKey, maxRecordKey != nil { entries.append(KeyValue(key: minRecordKeyKey, value: minRecordKey)) }
        entries.append(KeyValue(key: bloomFilterKey, value: filter.serializeToString()))
        if let maxRecordKey, minRecordKey != nil { entries.append(KeyValue(key: maxRecordKeyKey, value: maxRecordKey)) }
        if filter.typeCode == .dynamicV0 {
            entries.append(KeyValue(key: bloomFilterTypeCodeKey, value: filter.typeCode.rawValue))
        }
        return entries
    }

    /// The bloom filter in a footer's key-value metadata, or nil when it has none (virtual-key tables, or files
    /// written without the bloom index). `file` names the base file in errors.
    public static func readBloomFilter(from metadata: [KeyValue], file: String) throws -> HoodieBloomFilter? {
        func value(_ key: String) -> String? { metadata.first { $0.key == key }?.value }
        guard let serialized = value(bloomFilterKey) ?? value(oldBloomFilterKey) else { return nil }
        let typeCode = try value(bloomFilterTypeCodeKey).map { try BloomFilterTypeCode(name: $0) } ?? .simple
        return try HoodieBloomFilter(serialized: serialized, typeCode: typeCode, context: "bloom filter of base file '\(file)'")
    }

    /// The footer's min and max record keys, when it has both.
    public static func readRecordKeyRange(from metadata: [KeyValue]) -> (min: String, max: String)? {
        guard let min = metadata.first(where: { $0.key == minRecordKeyKey })?.value,
              let max = metadata.first(where: { $0.key == maxRecordKeyKey })?.value else { return nil }
        return (min, max)
    }
}
