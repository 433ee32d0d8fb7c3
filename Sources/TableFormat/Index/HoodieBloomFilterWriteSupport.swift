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
    /// The smallest and greatest keys so far, as UTF-8 (kept as bytes: rows stream by as bytes).
    private var minKey: [UInt8]?
    private var maxKey: [UInt8]?
    private var keyCount = 0

    public var minRecordKey: String? { minKey.map { String(decoding: $0, as: UTF8.self) } }
    public var maxRecordKey: String? { maxKey.map { String(decoding: $0, as: UTF8.self) } }

    /// An empty filter with `config`'s type and size.
    public init(config: HoodieBloomIndexConfig = .init()) throws {
        bloomFilter = try config.makeBloomFilter()
    }

    /// The entries of a base file whose first `keyCount` rows are, in order, those of the file whose footer
    /// holds `metadata` (a rewrite that keeps every old record in place): its filter and key range stand for
    /// them, so only keys added after them are hashed. Nil when that footer lacks a key range or its filter
    /// is not what `config` builds from `keyCount` keys; the caller then adds every key.
    public init?(config: HoodieBloomIndexConfig, continuing metadata: [KeyValue], keyCount: Int, file: String) throws {
        let empty = try config.makeBloomFilter()
        guard let written = try HoodieBloomFilterWriteSupport.readBloomFilter(from: metadata, file: file),
              let filter = empty.continuing(written, afterKeys: keyCount) else { return nil }
        bloomFilter = filter
        if keyCount > 0 {
            guard let range = HoodieBloomFilterWriteSupport.readRecordKeyRange(from: metadata) else { return nil }
            minKey = Array(range.min.utf8)
            maxKey = Array(range.max.utf8)
        }
        self.keyCount = keyCount
    }

    /// Adds a row's record key to the filter and the min/max range, which compare as Java strings (UTF-16
    /// code units). Throws for an empty key, which no Hudi key generator produces.
    public mutating func addKey(_ recordKey: String) throws {
        var recordKey = recordKey
        try recordKey.withUTF8 { try addKey(utf8: $0) }
    }

    /// `addKey` for a key given as UTF-8 bytes (a string column's buffer): no per-key allocation.
    public mutating func addKey(utf8 key: UnsafeBufferPointer<UInt8>) throws {
        guard !key.isEmpty else {
            throw TableFormatError(.invalidArgument, "record key of row \(keyCount) is empty")
        }
        bloomFilter.add(utf8: key)
        if minKey.map({ $0.withUnsafeBufferPointer { JavaStringOrder.compare(key, $0) < 0 } }) ?? true { minKey = Array(key) }
        if maxKey.map({ $0.withUnsafeBufferPointer { JavaStringOrder.compare($0, key) < 0 } }) ?? true { maxKey = Array(key) }
        keyCount += 1
    }

    /// `addKey` for many keys, in order (one batch's record key column): the filter hashes them in bulk.
    public mutating func addKeys(utf8 keys: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws {
        for (i, key) in keys.enumerated() {
            guard !key.isEmpty else {
                throw TableFormatError(.invalidArgument, "record key of row \(keyCount + i) is empty")
            }
            if minKey.map({ $0.withUnsafeBufferPointer { JavaStringOrder.compare(key, $0) < 0 } }) ?? true { minKey = Array(key) }
            if maxKey.map({ $0.withUnsafeBufferPointer { JavaStringOrder.compare($0, key) < 0 } }) ?? true { maxKey = Array(key) }
        }
        bloomFilter.add(utf8: keys)
        keyCount += keys.count
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
