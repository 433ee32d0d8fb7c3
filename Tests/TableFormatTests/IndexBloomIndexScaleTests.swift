import Columnar
import Foundation
import Parquet
import Storage
import Testing
@testable import TableFormat

/// The bloom index on base files Sluice writes with `footerMetadata` (files larger than one footer read, in a
/// counting store): a lookup reads every footer once and the key column of the touched file groups only.
@Suite("Hudi bloom index on written base files")
struct IndexBloomIndexScaleTests {
    static let keysPerFile = 6_000
    static let fileCount = 6

    /// `fileCount` base files in partition "p", file i holding keys key-<i>-000000 ... with a 160-byte
    /// incompressible payload per row, so each file is ~1 MB and its key column lies before the footer read.
    /// key-<file>-<n, six digits>.
    static func key(_ file: Int, _ n: Int) -> String { "key-\(file)-" + String(String(n + 1_000_000).dropFirst()) }

    static func makeFiles() throws -> (store: CountingStore, slices: [FileSlice]) {
        let memory = MemoryStore(name: "bloom-index-scale-\(UUID().uuidString)")
        var slices: [FileSlice] = []
        var random = SystemRandomNumberGenerator()
        for file in 0..<fileCount {
            let keys = (0..<keysPerFile).map { key(file, $0) }
            let payload = (0..<keysPerFile).map { _ in (0..<20).map { _ in random.next() as UInt64 }.withUnsafeBytes { Array($0) } }
            let bytes = try writeBaseFile(keys: keys, payload: payload)
            let fileId = "0000000\(file)-0000-0000-0000-000000000000-0"
            let name = "\(fileId)_0-1-\(file)_20250101000000000.parquet"
            try memory.put("p/\(name)", bytes)
            let base = try HoodieBaseFile(fileName: name, partitionPath: "p", key: "p/\(name)", size: bytes.count)
            slices.append(FileSlice(partitionPath: "p", fileId: fileId, baseInstantTime: base.instantTime, baseFile: base))
        }
        return (CountingStore(memory), slices)
    }

    static func writeBaseFile(keys: [String], payload: [[UInt8]]) throws -> [UInt8] {
        let schema = Schema([Field(HoodieKeyLookupHandle.recordKeyField, .string, nullable: false), Field("payload", .binary, nullable: false)])
        var options = ParquetWriteOptions()
        options.keyValueMetadata = try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: keys)
        let writer = try ParquetWriter(sink: MemorySink(), schema: schema, options: options)
        try writer.write(columns: [variableWidth(.string, keys.map { Array($0.utf8) }), variableWidth(.binary, payload)])
        _ = try writer.close()
        return try #require(writer.sink as? MemorySink).bytes
    }

    static func variableWidth(_ type: DataType, _ values: [[UInt8]]) -> Vector {
        var offsets: ContiguousArray<Int32> = [0]
        var data: [UInt8] = []
        for value in values {
            data += value
            offsets.append(Int32(data.count))
        }
        return Vector(type: type, count: values.count, buffer: ByteBuffer(bytes: data), offsets: offsets)
    }

    @Test("keys of one file group: one key column read, the other files cost their footer GET only")
    func touchedFileGroupsOnly() throws {
        let (store, slices) = try Self.makeFiles()
        let index = HoodieBloomIndex(store: store)
        let present = (0..<50).map { Self.key(3, $0 * 97) }
        let absent = ["key-3-999999x", "key-9-000001", "a", "key-2-0000005"]
        let (located, statistics) = try index.locateWithStatistics(keys: present + absent, partitionPath: "p", slices: slices)
        #expect(located == Dictionary(uniqueKeysWithValues: present.map { ($0, slices[3].fileId) }))
        #expect(statistics.footersRead == Self.fileCount)
        #expect(statistics.keyColumnsRead == 1)
        #expect(statistics.falsePositives == 0)
        for (i, slice) in slices.enumerated() {
            let size = try #require(slice.baseFile.size)
            if i == 3 {
                #expect(store.getCount(slice.baseFile.key) == 2, "the footer tail, then the key column chunk")
            } else {
                #expect(store.getCount(slice.baseFile.key) == 1)
                #expect(store.byteCount(slice.baseFile.key) <= BaseFileFooterSource.initialTail)
            }
            #expect(store.byteCount(slice.baseFile.key) < size)
        }
    }

    @Test("every key of every file, found in its own file group; the Parquet footer holds Hudi's entries")
    func allKeys() throws {
        let (store, slices) = try Self.makeFiles()
        let keys = (0..<Self.fileCount).flatMap { file in (0..<Self.keysPerFile).map { Self.key(file, $0) } }
        let started = ContinuousClock.now
        let (located, statistics) = try HoodieBloomIndex(store: store).locateWithStatistics(keys: keys.shuffled(), partitionPath: "p", slices: slices)
        let elapsed = ContinuousClock.now - started
        #expect(located.count == keys.count)
        for (file, slice) in slices.enumerated() {
            #expect(located["key-\(file)-000123"] == slice.fileId)
        }
        #expect(statistics.keyColumnsRead == Self.fileCount && statistics.falsePositives == 0)
        print("bloom index: \(keys.count) keys over \(Self.fileCount) files in \(elapsed)")
        // The written footer: Hudi's four entries with min/max of the file's keys.
        let metadata = try BaseFileFooterSource(store: store, key: slices[0].baseFile.key, size: nil).metadata.keyValueMetadata ?? []
        #expect(HoodieBloomFilterWriteSupport.readRecordKeyRange(from: metadata)! == ("key-0-000000", "key-0-005999"))
    }

    @Test("past the hash budget, keys are hashed per filter, with the same candidates")
    func hashBudget() throws {
        let (store, slices) = try Self.makeFiles()
        let handle = try HoodieKeyLookupHandle(store: store, slice: slices[2])
        let present: [String] = (0..<300).map { Self.key(2, $0 * 19) }
        let probe = present + (0..<300).map { "key-2-x\($0)" }
        var precomputed = HoodieRecordKeys(probe)
        var perFilter = HoodieRecordKeys(probe)
        perFilter.hashBudget = 0
        #expect(precomputed.computeHashes(count: 30) && !perFilter.computeHashes(count: 30))
        let a = try handle.bloomCandidates(0..<precomputed.count, of: precomputed)
        let b = try handle.bloomCandidates(0..<perFilter.count, of: perFilter)
        #expect(precomputed.hashCount == 30 && perFilter.hashCount == 0)
        #expect(a.candidates == b.candidates && a.hasFilter && b.hasFilter)
        #expect(a.candidates.count >= 300)
    }

    @Test("a file without the key column, or with a corrupt filter, is an error naming the base file")
    func errors() throws {
        let store = MemoryStore(name: "bloom-index-errors-\(UUID().uuidString)")
        func put(_ name: String, schema: Schema, columns: [Vector], metadata: [KeyValue]) throws -> FileSlice {
            var options = ParquetWriteOptions()
            options.keyValueMetadata = metadata
            let writer = try ParquetWriter(sink: MemorySink(), schema: schema, options: options)
            try writer.write(columns: columns)
            _ = try writer.close()
            let bytes = try #require(writer.sink as? MemorySink).bytes
            try store.put("p/\(name)", bytes)
            let base = try HoodieBaseFile(fileName: name, partitionPath: "p", key: "p/\(name)", size: bytes.count)
            return FileSlice(partitionPath: "p", fileId: base.fileId, baseInstantTime: base.instantTime, baseFile: base)
        }
        let idOnly = Schema([Field("id", .string, nullable: false)])
        let noKeyColumn = try put("f1-0_0-1-1_20250101000000000.parquet", schema: idOnly, columns: [Self.variableWidth(.string, [Array("k1".utf8)])],
                                  metadata: try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: ["k1"]))
        let missing = #expect(throws: TableFormatError.self) {
            try HoodieBloomIndex(store: store).locate(keys: ["k1"], partitionPath: "p", slices: [noKeyColumn])
        }
        #expect(missing?.code == .schemaMismatch)
        #expect(missing?.message.hasPrefix("base file 'p/f1-0_0-1-1_20250101000000000.parquet': cannot read _hoodie_record_key") == true)

        var metadata = try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: ["k1"])
        metadata[1].value = String(metadata[1].value!.dropLast(8))
        let keySchema = Schema([Field(HoodieKeyLookupHandle.recordKeyField, .string, nullable: false)])
        let corrupt = try put("f2-0_0-1-1_20250101000000000.parquet", schema: keySchema, columns: [Self.variableWidth(.string, [Array("k1".utf8)])], metadata: metadata)
        let broken = #expect(throws: TableFormatError.self) {
            try HoodieBloomIndex(store: store).locate(keys: ["k1"], partitionPath: "p", slices: [corrupt])
        }
        #expect(broken?.code == .invalidMetadata)
        #expect(broken?.message.hasPrefix("bloom filter of base file 'p/f2-0_0-1-1_20250101000000000.parquet' (DYNAMIC_V0): needs 323496 bytes") == true)
    }

    @Test("parallel and sequential lookups agree; a corrupt file among many fails the lookup")
    func parallelism() throws {
        let (store, slices) = try Self.makeFiles()
        let keys = (0..<Self.fileCount).flatMap { file in (0..<40).map { Self.key(file, $0 * 150) } } + ["key-1-x", "zz"]
        var sequential = HoodieBloomIndexConfig()
        sequential.lookupParallelism = 1
        let one = try HoodieBloomIndex(store: store, config: sequential).locateWithStatistics(keys: keys, partitionPath: "p", slices: slices)
        let many = try HoodieBloomIndex(store: store).locateWithStatistics(keys: keys, partitionPath: "p", slices: slices)
        #expect(one.locations == many.locations && one.statistics == many.statistics)
        #expect(one.locations.count == Self.fileCount * 40)

        var metadata = try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: ["key-9-000000"])
        metadata[1].value = "not base64!"
        var options = ParquetWriteOptions()
        options.keyValueMetadata = metadata
        let writer = try ParquetWriter(sink: MemorySink(), schema: Schema([Field(HoodieKeyLookupHandle.recordKeyField, .string, nullable: false)]), options: options)
        try writer.write(columns: [Self.variableWidth(.string, [Array("key-9-000000".utf8)])])
        _ = try writer.close()
        let bytes = try #require(writer.sink as? MemorySink).bytes
        let name = "00000009-0000-0000-0000-000000000000-0_0-1-9_20250101000000000.parquet"
        try store.put("p/\(name)", bytes)
        let base = try HoodieBaseFile(fileName: name, partitionPath: "p", key: "p/\(name)", size: bytes.count)
        let corrupt = FileSlice(partitionPath: "p", fileId: base.fileId, baseInstantTime: base.instantTime, baseFile: base)
        let error = #expect(throws: TableFormatError.self) {
            try HoodieBloomIndex(store: store).locate(keys: keys + ["key-9-000000"], partitionPath: "p", slices: slices + [corrupt])
        }
        #expect(error?.code == .invalidMetadata)
        #expect(error?.message.contains("'p/\(name)'") == true)
    }
}
