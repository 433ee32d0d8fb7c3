import Foundation
import Storage
import Testing
@testable import TableFormat

/// Counts ranged GETs and bytes per object, to show which files a lookup read.
final class CountingStore: ObjectStore, @unchecked Sendable {
    let base: any ObjectStore
    private let lock = NSLock()
    private var gets: [String: Int] = [:]
    private var bytes: [String: Int] = [:]

    init(_ base: any ObjectStore) { self.base = base }

    var uri: String { base.uri }
    func getCount(_ key: String) -> Int { lock.withLock { gets[key] ?? 0 } }
    func byteCount(_ key: String) -> Int { lock.withLock { bytes[key] ?? 0 } }
    func reset() { lock.withLock { gets = [:]; bytes = [:] } }

    private func count(_ key: String, _ n: Int) {
        lock.withLock {
            gets[key, default: 0] += 1
            bytes[key, default: 0] += n
        }
    }

    func get(_ key: String) throws -> [UInt8] {
        let result = try base.get(key)
        count(key, result.count)
        return result
    }

    func get(_ key: String, range: Range<Int>) throws -> [UInt8] {
        let result = try base.get(key, range: range)
        count(key, result.count)
        return result
    }

    func head(_ key: String) throws -> ObjectMeta { try base.head(key) }
    func put(_ key: String, _ bytes: [UInt8]) throws { try base.put(key, bytes) }
    func putIfAbsent(_ key: String, _ bytes: [UInt8]) throws { try base.putIfAbsent(key, bytes) }
    func writer(_ key: String) throws -> any ObjectWriter { try base.writer(key) }
    func delete(_ key: String) throws { try base.delete(key) }
    func list(prefix: String, delimiter: String?, maxKeys: Int, continuationToken: String?) throws -> ListPage {
        try base.list(prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, continuationToken: continuationToken)
    }
}

/// `HoodieBloomIndex` on the Spark-written copy-on-write tables: every key of the latest slices (read by
/// pyarrow) maps to its file group, absent keys to nothing, and only the files holding keys are read past
/// their footer.
@Suite("Hudi bloom index", .enabled(if: HudiCorpus.available && HudiCorpus.python != nil, "needs the corpus and pyarrow"))
struct IndexBloomIndexTests {
    static let tables = IndexCorpus.tablesWithBloomFilters.filter { $0.contains("_cow_") }

    /// The table's latest slices by partition, and what pyarrow reads in each slice's base file.
    static func load(_ name: String) throws -> (store: CountingStore, slices: [String: [FileSlice]], keys: [String: [String]]) {
        let (base, files) = try IndexCorpus.files(name)
        let store = CountingStore(try LocalStore(root: base.path))
        let table = try HudiTable.open(store: store, path: "")
        let slices = Dictionary(grouping: try table.latestFileSlices(), by: \.partitionPath)
        let keys = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.keys) })
        store.reset()
        return (store, slices, keys)
    }

    @Test("every key of the latest slices locates its file group; absent keys locate nothing", arguments: tables)
    func locatesEveryKey(_ name: String) throws {
        let (store, slicesByPartition, keysByFile) = try Self.load(name)
        let index = HoodieBloomIndex(store: store)
        #expect(!slicesByPartition.isEmpty)
        for (partition, slices) in slicesByPartition {
            // A key in two file groups (inserts that skipped the index) goes to the later base instant.
            var expected: [String: String] = [:]
            for slice in slices.sorted(by: HoodieBloomIndex.precedes) {
                for key in try #require(keysByFile[slice.baseFile.key]) { expected[key] = slice.fileId }
            }
            // Absent keys inside the files' key ranges (so only the bloom filters can drop them) and outside.
            let absent = expected.keys.map { $0 + "-absent" } + (0..<200).map { "zz-absent-\($0)" } + ["", "0"]
            let (located, statistics) = try index.locateWithStatistics(keys: Array(expected.keys) + absent, partitionPath: partition, slices: slices)
            #expect(located == expected, "\(name) partition '\(partition)'")
            #expect(statistics.footersRead == slices.count)
            #expect(statistics.falsePositives == 0)
            #expect(statistics.keyColumnsRead == slices.filter { !(keysByFile[$0.baseFile.key] ?? []).isEmpty }.count)
        }
    }

    @Test("one key reads one key column: the other files are pruned by range or bloom filter", arguments: tables)
    func prunes(_ name: String) throws {
        let (store, slicesByPartition, keysByFile) = try Self.load(name)
        let index = HoodieBloomIndex(store: store)
        // In the partition with the most file groups, a key only one file holds.
        var choices: [(partition: String, slices: [FileSlice], key: String, target: FileSlice)] = []
        for (partition, slices) in slicesByPartition {
            let holders = Dictionary(grouping: slices.flatMap { slice in (keysByFile[slice.baseFile.key] ?? []).map { ($0, slice) } }, by: \.0)
            if let (key, pairs) = holders.filter({ $0.value.count == 1 }).min(by: { $0.key < $1.key }) {
                choices.append((partition, slices, key, pairs[0].1))
            }
        }
        let (partition, slices, key, target) = try #require(choices.max { $0.slices.count < $1.slices.count })
        let (located, statistics) = try index.locateWithStatistics(keys: [key], partitionPath: partition, slices: slices)
        #expect(located == [key: target.fileId])
        #expect(statistics.keyColumnsRead == 1)
        #expect(statistics.filesPrunedByRange + statistics.filesPrunedByBloomFilter == slices.count - 1)
        // Each file costs one GET for its footer (these small files fit in the first tail read, key column included).
        for slice in slices { #expect(store.getCount(slice.baseFile.key) == 1, "\(slice.baseFile.key)") }
    }

    @Test("without range pruning the bloom filters alone keep the answer exact", arguments: tables)
    func bloomOnly(_ name: String) throws {
        let (store, slicesByPartition, keysByFile) = try Self.load(name)
        var config = HoodieBloomIndexConfig()
        config.pruneByRanges = false
        let index = HoodieBloomIndex(store: store, config: config)
        for (partition, slices) in slicesByPartition {
            let keys = slices.flatMap { keysByFile[$0.baseFile.key] ?? [] }
            let (located, statistics) = try index.locateWithStatistics(keys: keys + ["nope"], partitionPath: partition, slices: slices)
            #expect(Set(located.keys) == Set(keys))
            #expect(statistics.filesPrunedByRange == 0 && statistics.falsePositives == 0)
        }
    }

    @Test("the global index finds every key in whichever partition holds it", arguments: tables)
    func global(_ name: String) throws {
        let (store, slicesByPartition, keysByFile) = try Self.load(name)
        let slices = slicesByPartition.values.flatMap { $0 }
        var expected: [String: HoodieRecordLocation] = [:]
        for slice in slices.sorted(by: HoodieBloomIndex.precedes) {
            for key in keysByFile[slice.baseFile.key] ?? [] {
                expected[key] = HoodieRecordLocation(partitionPath: slice.partitionPath, fileId: slice.fileId)
            }
        }
        let index = HoodieGlobalBloomIndex(store: store)
        let (located, statistics) = try index.locateWithStatistics(keys: Array(expected.keys) + ["absent-1", "zzz"], slices: slices)
        #expect(located == expected)
        #expect(statistics.footersRead == slices.count && statistics.falsePositives == 0)
    }

    @Test("tables without meta fields have no key column to confirm with", arguments: HudiCorpus.tables { $0.contains("_cow_") && $0.contains("no_metafields") })
    func virtualKeys(_ name: String) throws {
        let path = try HudiCorpus.unzip(name)
        let store = try LocalStore(root: path.path)
        let table = try HudiTable.open(store: store, path: "")
        let slices = Dictionary(grouping: try table.latestFileSlices(), by: \.partitionPath)
        let (partition, partitionSlices) = try #require(slices.first)
        let error = #expect(throws: TableFormatError.self) {
            try HoodieBloomIndex(store: store).locate(keys: ["1"], partitionPath: partition, slices: partitionSlices)
        }
        #expect(error?.code == .schemaMismatch)
        #expect(error?.message.contains("_hoodie_record_key is null in row 0") == true)
    }

    @Test("a slice of another partition is refused; no keys read nothing")
    func arguments() throws {
        let name = try #require(Self.tables.first { $0.contains("simplekeygen_nonhivestyle") })
        let (store, slicesByPartition, _) = try Self.load(name)
        let partitions = slicesByPartition.keys.sorted()
        #expect(partitions.count > 1)
        let index = HoodieBloomIndex(store: store)
        let error = #expect(throws: TableFormatError.self) {
            try index.locate(keys: ["1"], partitionPath: partitions[0], slices: slicesByPartition[partitions[1]]!)
        }
        #expect(error?.code == .invalidArgument)
        #expect(try index.locate(keys: [], partitionPath: partitions[0], slices: slicesByPartition[partitions[0]]!).isEmpty)
        for slice in slicesByPartition[partitions[0]]! { #expect(store.getCount(slice.baseFile.key) == 0) }
    }
}
