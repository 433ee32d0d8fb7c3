import Columnar
import Foundation
import Parquet
import Storage
import Testing
@testable import TableFormat

/// A rewrite puts each update where its old record was and the inserts after the old records (Hudi's merge
/// handle), and, when nothing in the file group is deleted, continues the old file's footer filter instead of
/// hashing the old keys again: the footer must be the one built from every key of the new file in row order.
@Suite("Write, updates merged in place")
struct WriteMergeInPlaceTests {
    typealias F = WriteFixtures

    /// Small dynamic rows (100 keys, bounded at 250) so 1,000 keys fill three rows and go round-robin.
    static var bloom: HoodieBloomIndexConfig {
        var config = HoodieBloomIndexConfig()
        config.numEntries = 100
        config.dynamicMaxEntries = 250
        return config
    }

    /// The record keys and names of the table's only file group in row order, and its base file's footer.
    static func file(_ store: any ObjectStore) throws -> (keys: [String], names: [Value], footer: [KeyValue]) {
        let table = try HudiTable.open(store: store, path: "t")
        let slices = try table.latestFileSlices()
        try #require(slices.count == 1)
        var scan = try table.snapshot()
        var keys: [String] = [], names: [Value] = []
        for batch in try scan.collect() {
            let key = try #require(batch.schema.index(of: "_hoodie_record_key")), name = try #require(batch.schema.index(of: "name"))
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                keys.append(String(decoding: batch.columns[key].bytes(at: row), as: UTF8.self))
                names.append(batch.columns[name].value(at: row))
            }
        }
        let bytes = try store.get(slices[0].baseFile.key)
        let footer = try ParquetFileReader(source: MemorySource(bytes)).metadata.keyValueMetadata ?? []
        return (keys, names, footer)
    }

    static func hudiEntries(_ footer: [KeyValue]) -> [KeyValue] {
        footer.filter { $0.key.hasPrefix("hoodie_") || $0.key == HoodieBloomFilterWriteSupport.bloomFilterKey }
    }

    @Test("updates keep their rows' places, inserts follow, and the footer is the one built from every key")
    func updatesInPlace() throws {
        for store in try F.stores("in-place") {
            _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false))
            var options = HudiWriteOptions(targetFileSize: 100 << 20)
            options.bloomIndex = Self.bloom
            let client = HudiWriteClient(store: store, basePath: "t", options: options)
            try client.write([F.batch((0..<1000).map { ($0, "name-\($0)", 1, "sf") })], operation: .insert)
            let before = try Self.file(store)
            let updates = stride(from: Int64(3), to: 1000, by: 7).map { ($0, "new-\($0)" as String?, Int64(2), "sf") }
            let inserts = (1000..<1040).map { (Int64($0), "ins-\($0)" as String?, Int64(1), "sf") }
            try client.write([F.batch(inserts), F.batch(updates.reversed())], operation: .upsert)
            let after = try Self.file(store)
            #expect(after.keys == before.keys + (1000..<1040).map(String.init))
            for (i, key) in after.keys.enumerated() {
                let id = Int64(key) ?? -1
                let expected = id >= 1000 ? "ins-\(id)" : (id - 3) % 7 == 0 && id >= 3 ? "new-\(id)" : "name-\(id)"
                #expect(after.names[i] == .string(expected), "row \(i), key \(key)")
            }
            let rebuilt = try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: after.keys, config: Self.bloom)
            #expect(Self.hudiEntries(after.footer) == rebuilt)
        }
    }

    @Test("a file group with deletes hashes every key: the footer is still the one built from every key")
    func deletesRebuild() throws {
        let store = MemoryStore(name: "in-place-deletes")
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false))
        var options = HudiWriteOptions(targetFileSize: 100 << 20)
        options.bloomIndex = Self.bloom
        let client = HudiWriteClient(store: store, basePath: "t", options: options)
        try client.write([F.batch((0..<600).map { ($0, "name-\($0)", 1, "sf") })], operation: .insert)
        try client.write([F.batch(stride(from: Int64(0), to: 600, by: 5).map { ($0, nil, 1, "sf") })], operation: .delete)
        let deleted = try Self.file(store)
        #expect(deleted.keys.count == 480)
        #expect(Self.hudiEntries(deleted.footer) == (try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: deleted.keys, config: Self.bloom)))
        try client.write([F.batch([(1, "again", 3, "sf"), (700, "new", 1, "sf")])], operation: .upsert)
        let after = try Self.file(store)
        #expect(after.keys == deleted.keys + ["700"])
        #expect(Self.hudiEntries(after.footer) == (try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: after.keys, config: Self.bloom)))
    }

    @Test("gathering copies kept rows in runs and patch rows in their slots, nulls included", arguments: [DataType.string, .int64, .int32])
    func gathering(_ type: DataType) throws {
        func value(_ i: Int) -> Value { i % 11 == 4 ? .null : type == .string ? .string(String(repeating: "x", count: i % 5) + "\(i)") : .int(Int64(i)) }
        let old = Vector(type: type, values: (0..<50).map(value))
        let patch = Vector(type: type, values: [value(1000), .null, value(1002)])
        // Rows 0...9, a patch, 11...19, a patch, 25...49 (20...24 dropped), a patch last.
        var rows = ContiguousArray((0..<50).map(UInt32.init).filter { $0 != 10 && $0 != 20 && !(21...24).contains($0) })
        rows.insert(50, at: 10)
        rows.insert(51, at: 20)
        rows.append(52)
        let gathered = try old.gathering(rows, patches: [(patch, 0), (patch, 1), (patch, 2)])
        let expected: [Value] = rows.map { $0 < 50 ? value(Int($0)) : patch.value(at: Int($0) - 50) }
        #expect(gathered.count == rows.count)
        #expect(gathered.values == expected)
        #expect(throws: TableFormatError.self) { try old.gathering([51], patches: [(patch, 0)]) }
        #expect(throws: TableFormatError.self) { try old.gathering([0], patches: [(Vector(type: .float64, values: [.float(1)]), 0)]) }
    }

    @Test("a continued filter equals one built from all the keys; a filter of another key count or shape is refused",
          arguments: [BloomFilterTypeCode.dynamicV0, .simple])
    func continuing(_ type: BloomFilterTypeCode) throws {
        var config = Self.bloom
        config.filterType = type
        let first = (0..<730).map { "key-\($0 * 7919 % 1000)" }, more = (0..<90).map { "more-\($0)" }
        let old = try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: first, config: config)
        var support = try #require(try HoodieBloomFilterWriteSupport(config: config, continuing: old, keyCount: first.count, file: "f"))
        for key in more { try support.addKey(key) }
        #expect(support.finalizeMetadata() == (try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: first + more, config: config)))
        if type == .dynamicV0 {
            #expect(try HoodieBloomFilterWriteSupport(config: config, continuing: old, keyCount: first.count - 1, file: "f") == nil)
        }
        var other = config
        other.numEntries = 200
        #expect(try HoodieBloomFilterWriteSupport(config: other, continuing: old, keyCount: first.count, file: "f") == nil)
    }
}
