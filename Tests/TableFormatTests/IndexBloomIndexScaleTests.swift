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
    static func makeFiles() throws -> (store: CountingStore, slices: [FileSlice]) {
        let memory = MemoryStore(name: "bloom-index-scale-\(UUID().uuidString)")
        var slices: [FileSlice] = []
        var random = SystemRandomNumberGenerator()
        for file in 0..<fileCount {
            let keys = (0..<keysPerFile).map { "key-\(file)-" + String(String($0 + 1_000_000).dropFirst()) }
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
        let present = (0..<50).map { "key-3-" + String(String($0 * 97 + 1_000_000).dropFirst()) }
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
        let keys = (0..<Self.fileCount).flatMap { file in (0..<Self.keysPerFile).map { "key-\(file)-" + String(String($0 + 1_000_000).dropFirst()) } }
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
}
