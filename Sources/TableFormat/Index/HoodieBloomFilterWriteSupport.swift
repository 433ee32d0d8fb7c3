import Parquet

/// The record-key entries Hudi puts in a base file's Parquet footer (`HoodieBloomFilterWriteSupport`): the
/// bloom filter, the min and max record keys, and, for dynamic filters only, the filter's type code.
public enum HoodieBloomFilterWriteSupport {
    public static let bloomFilterKey = "org.apache.hudi.bloomfilter"
    /// Written by Hudi releases before the Apache rename; still read.
    public static let oldBloomFilterKey = "com.uber.hoodie.bloomfilter"
    public static let minRecordKeyKey = "hoodie_min_record_key"
    public static let maxRecordKeyKey = "hoodie_max_record_key"
    public static let bloomFilterTypeCodeKey = "hoodie_bloom_filter_type_code"

    /// The footer entries for a base file holding `recordKeys`, in the order Hudi's Avro write support leaves
    /// them (min key, filter, max key, type code; as Spark-written v6 to v9 tables show). Keys are added in the
    /// given order, which is the file's row order in Hudi. Min and max compare as Java strings (UTF-16 code
    /// units). Throws for an empty key, which no Hudi key generator produces.
    public static func footerMetadata(recordKeys: [String], config: HoodieBloomIndexConfig = .init()) throws -> [KeyValue] {
        var filter = try config.makeBloomFilter()
        var min: String?
        var max: String?
        for (row, key) in recordKeys.enumerated() {
            guard !key.isEmpty else {
                throw TableFormatError(.invalidArgument, "record key of row \(row) is empty")
            }
            filter.add(key)
            if min.map({ JavaStringOrder.precedes(key, $0) }) ?? true { min = key }
            if max.map({ JavaStringOrder.precedes($0, key) }) ?? true { max = key }
        }
        return footerMetadata(filter: filter, minRecordKey: min, maxRecordKey: max)
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
