import Foundation
import Storage
import Testing
@testable import TableFormat

/// Every Spark-written base file of the corpus: Sluice reads the footer's bloom filter, finds every record key
/// pyarrow reads from the file, rejects absent keys, writes the filter back byte for byte, and builds the same
/// bytes from the file's keys.
@Suite("Hudi bloom filters of corpus base files", .enabled(if: HudiCorpus.available && HudiCorpus.python != nil, "needs the corpus and pyarrow"))
struct IndexCorpusBloomFilterTests {
    @Test("footer filters: keys present, absent keys rejected, bytes reproduced", arguments: IndexCorpus.tablesWithBloomFilters)
    func footerFilters(_ table: String) throws {
        let (base, files) = try IndexCorpus.files(table)
        let store = try LocalStore(root: base.path)
        var checked = 0
        for file in files {
            let source = try BaseFileFooterSource(store: store, key: file.path, size: nil)
            let metadata = source.metadata.keyValueMetadata ?? []
            guard let filter = try HoodieBloomFilterWriteSupport.readBloomFilter(from: metadata, file: file.path) else {
                Issue.record("\(file.path): no bloom filter in the footer")
                continue
            }
            try check(filter, of: file)
            checked += 1
        }
        #expect(checked > 0)
    }

    private func check(_ filter: HoodieBloomFilter, of file: IndexCorpusFile) throws {
        let footerValue = try #require(file.value(HoodieBloomFilterWriteSupport.bloomFilterKey))
        #expect(filter.typeCode.rawValue == file.value(HoodieBloomFilterWriteSupport.bloomFilterTypeCodeKey) ?? "SIMPLE")
        for key in file.keys { #expect(filter.mightContain(key), "\(file.path): key \(key)") }
        // With a few dozen keys in 2.6 million bits and 30 hashes the expected false-positive count is ~0.
        var random = SystemRandomNumberGenerator()
        let absent = (0..<2000).filter { _ in filter.mightContain("absent-\(random.next() as UInt64)") }
        #expect(absent.isEmpty, "\(file.path): \(absent.count) false positives in 2,000 absent keys")
        // Compared apart, so a failure does not print 431 KB strings.
        let reserialized = filter.serializeToString() == footerValue
        #expect(reserialized, "\(file.path): re-serialized filter differs")

        // Rebuilt from the file's keys in row order with Hudi's defaults: the same bytes.
        var rebuilt = try HoodieBloomIndexConfig().makeBloomFilter()
        for key in file.keys { rebuilt.add(key) }
        let sameAsRebuilt = rebuilt.serializeToString() == footerValue
        #expect(sameAsRebuilt, "\(file.path): filter rebuilt from the keys differs")

        // A SIMPLE filter of the same keys is byte for byte the dynamic filter's single row.
        var simple = try HoodieBloomFilter(typeCode: .simple)
        for key in file.keys { simple.add(key) }
        let dynamicBytes = filter.serializedBytes
        #expect(filter.rowCount == 1)
        let sameAsSimple = Array(dynamicBytes[25...]) == simple.serializedBytes
        #expect(sameAsSimple, "\(file.path): SIMPLE bytes differ from the row")
    }
}
