import Foundation
import Testing
@testable import TableFormat

/// `HoodieBloomFilterWriteSupport.footerMetadata` against the footers Spark wrote.
@Suite("Hudi footer record-key metadata")
struct IndexFooterMetadataTests {
    static let hudiKeys: Set<String> = [
        HoodieBloomFilterWriteSupport.minRecordKeyKey, HoodieBloomFilterWriteSupport.bloomFilterKey,
        HoodieBloomFilterWriteSupport.maxRecordKeyKey, HoodieBloomFilterWriteSupport.bloomFilterTypeCodeKey,
    ]

    @Test("the entries Hudi writes, value for value and in the Avro writer's order",
          .enabled(if: HudiCorpus.available && HudiCorpus.python != nil, "needs the corpus and pyarrow"),
          arguments: IndexCorpus.tablesWithBloomFilters)
    func matchesCorpus(_ table: String) throws {
        let (_, files) = try IndexCorpus.files(table)
        for file in files where !file.keys.isEmpty {
            let ours = try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: file.keys)
            let theirs = file.metadata.filter { Self.hudiKeys.contains($0[0]) }
            let hasRange = file.value(HoodieBloomFilterWriteSupport.minRecordKeyKey) != nil
            if hasRange {
                // Same entries; the Avro write support (files with parquet.avro.schema) also has the same order.
                #expect(Set(ours.map { [$0.key, $0.value ?? ""] }) == Set(theirs), "\(file.path)")
                if file.value("parquet.avro.schema") != nil {
                    #expect(ours.map { [$0.key, $0.value ?? ""] } == theirs, "\(file.path)")
                }
            } else {
                // Some clustering/row writers leave the range out; the filter and type code still agree.
                let filterOnly = ours.filter { $0.key == HoodieBloomFilterWriteSupport.bloomFilterKey || $0.key == HoodieBloomFilterWriteSupport.bloomFilterTypeCodeKey }
                #expect(Set(filterOnly.map { [$0.key, $0.value ?? ""] }) == Set(theirs), "\(file.path)")
            }
        }
    }

    @Test("SIMPLE filters carry no type code; min and max compare as Java strings")
    func simpleAndJavaOrder() throws {
        var config = HoodieBloomIndexConfig()
        config.filterType = .simple
        config.numEntries = 100
        // U+FF21 sorts before U+1F600 as UTF-8 bytes but after it as UTF-16 (U+1F600 is the surrogate pair
        // D83D DE00), so Java's max is U+FF21.
        let keys = ["b", "\u{1F600}", "\u{FF21}", "a"]
        let entries = try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: keys, config: config)
        #expect(entries.map(\.key) == [HoodieBloomFilterWriteSupport.minRecordKeyKey, HoodieBloomFilterWriteSupport.bloomFilterKey,
                                       HoodieBloomFilterWriteSupport.maxRecordKeyKey])
        #expect(entries[0].value == "a")
        #expect(entries[2].value == "\u{FF21}")
        let filter = try #require(try HoodieBloomFilterWriteSupport.readBloomFilter(from: entries, file: "f"))
        #expect(filter.typeCode == .simple)
        for key in keys { #expect(filter.mightContain(key)) }
    }

    @Test("an empty record key is refused; a file of no rows has a filter but no range")
    func edges() throws {
        let error = #expect(throws: TableFormatError.self) {
            try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: ["a", ""])
        }
        #expect(error?.message == "record key of row 1 is empty")
        let entries = try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: [])
        #expect(entries.map(\.key) == [HoodieBloomFilterWriteSupport.bloomFilterKey, HoodieBloomFilterWriteSupport.bloomFilterTypeCodeKey])
    }

    @Test("Java string order: byte order except U+E000...U+FFFF above supplementary characters")
    func javaOrder() {
        let sorted = ["", "a", "ab", "b", "é", "\u{D7FF}", "\u{10000}", "\u{1F600}", "\u{E000}", "\u{FFFD}"]
        for (i, a) in sorted.enumerated() {
            for (j, b) in sorted.enumerated() {
                #expect(JavaStringOrder.precedes(a, b) == (i < j), "\(a.unicodeScalars.map(\.value)) vs \(b.unicodeScalars.map(\.value))")
                // Cross-check with UTF-16 code unit order, which is what Java compares.
                #expect(JavaStringOrder.precedes(a, b) == a.utf16.lexicographicallyPrecedes(b.utf16))
            }
        }
    }

    @Test("config properties by Hudi's names")
    func config() throws {
        let config = try HoodieBloomIndexConfig(properties: [
            "hoodie.index.bloom.num_entries": "1000", "hoodie.index.bloom.fpp": "0.001",
            "hoodie.bloom.index.filter.type": "simple", "hoodie.bloom.index.filter.dynamic.max.entries": "5000",
            "hoodie.bloom.index.prune.by.ranges": "FALSE",
        ])
        #expect(config.numEntries == 1000 && config.fpp == 0.001 && config.filterType == .simple)
        #expect(config.dynamicMaxEntries == 5000 && !config.pruneByRanges)
        let error = #expect(throws: TableFormatError.self) { try HoodieBloomIndexConfig(properties: ["hoodie.index.bloom.fpp": "x"]) }
        #expect(error?.message == "hoodie.index.bloom.fpp='x' is not a valid Double")
        #expect(throws: TableFormatError.self) { try HoodieBloomIndexConfig(properties: ["hoodie.index.bloom.fpp": "2"]) }
    }
}
