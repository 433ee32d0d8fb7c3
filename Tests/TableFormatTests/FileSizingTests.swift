import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

@Suite("File sizing")
struct FileSizingTests {
    typealias F = WriteFixtures

    static func rows(_ ids: Range<Int64>, city: String = "sf") -> Batch {
        F.batch(ids.map { ($0, "name-\($0)", 1, city) })
    }

    @Test("a big insert splits into file groups of about the target size")
    func split() throws {
        let store = MemoryStore(name: "split")
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false))
        let client = HudiWriteClient(store: store, basePath: "t", options: HudiWriteOptions(targetFileSize: 10_000, recordSizeEstimate: 100))
        let result = try client.write([Self.rows(0..<500), Self.rows(500..<1000)], operation: .insert)
        let stats = result.metadata.writeStats
        #expect(stats.count == 10)
        #expect(stats.allSatisfy { $0.numWrites == 100 && $0.numInserts == 100 && $0.prevCommit == nil })
        #expect(Set(stats.map(\.fileId)).count == 10)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()).count == 1000)
    }

    @Test("inserts fill the smallest file groups first, up to the target, before opening new ones")
    func packSmallFiles() throws {
        let store = MemoryStore(name: "pack")
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false))
        var client = HudiWriteClient(store: store, basePath: "t", options: HudiWriteOptions(targetFileSize: 10_000, recordSizeEstimate: 100))
        let first = try client.write([Self.rows(0..<300)], operation: .insert)
        let sizes = Dictionary(uniqueKeysWithValues: first.metadata.writeStats.map { ($0.fileId, $0.fileSizeInBytes) })
        #expect(sizes.count == 3)
        // Room for (target - size) / 100 records in each existing file group.
        let target = sizes.values.max()! + 1_000
        client.options = HudiWriteOptions(targetFileSize: target, recordSizeEstimate: 100)
        let room = sizes.values.map { Int((target - $0) / 100) }.reduce(0, +)
        let second = try client.write([Self.rows(300..<Int64(300 + room + 5))], operation: .insert)
        let packed = second.metadata.writeStats.filter { $0.prevCommit != nil }
        let fresh = second.metadata.writeStats.filter { $0.prevCommit == nil }
        #expect(Set(packed.map(\.fileId)) == Set(sizes.keys))
        #expect(packed.map(\.numInserts).reduce(0, +) == Int64(room))
        #expect(fresh.count == 1 && fresh[0].numInserts == 5)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()).count == 300 + room + 5)
    }

    @Test("without an estimate, the first write sizes by the rows' in-memory size and later writes by the commits'")
    func estimates() throws {
        let store = MemoryStore(name: "estimate")
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false))
        var options = HudiWriteOptions(targetFileSize: 40_000)
        // Hudi's default bloom filter alone takes 431 KB of footer; size a small one for small files.
        options.bloomIndex.numEntries = 100
        let client = HudiWriteClient(store: store, basePath: "t", options: options)
        let first = try client.write([Self.rows(0..<2000), Self.rows(2000..<4000)], operation: .bulkInsert)
        #expect(first.metadata.writeStats.count > 1)
        // In-memory size overestimates encoded size, so every file stays under the target.
        #expect(first.metadata.writeStats.allSatisfy { $0.fileSizeInBytes < 40_000 })
        let table = try HudiTable.open(store: store, path: "t")
        let bytes = first.metadata.writeStats.map(\.totalWriteBytes).reduce(0, +)
        let perRecord = bytes / 4000
        let second = try client.write([Self.rows(4000..<8000)], operation: .bulkInsert)
        let expectedFiles = (4000 + Int(40_000 / perRecord) - 1) / Int(40_000 / perRecord)
        #expect(second.metadata.writeStats.count == expectedFiles)
        #expect(table.timeline.completedCommits.count == 1)
    }
}

@Suite("Bulk insert stream")
struct BulkInsertStreamTests {
    typealias F = WriteFixtures

    @Test("bulk insert writes file groups while the input is still coming, each about the target size")
    func streams() throws {
        let store = MemoryStore(name: "bulk-stream")
        _ = try HudiTable.create(store: store, path: "t", options: F.options())
        var options = HudiWriteOptions(targetFileSize: 10_000, recordSizeEstimate: 100)
        options.bloomIndex.numEntries = 100
        let client = HudiWriteClient(store: store, basePath: "t", options: options)
        var next: Int64 = 0
        var filesSeenMidway = 0
        let result = try client.write(next: {
            guard next < 2000 else { return nil }
            if next == 1000 { filesSeenMidway = try store.listAll(prefix: "t/").objects.filter { $0.key.hasSuffix(".parquet") }.count }
            defer { next += 100 }
            return F.batch((next..<(next + 100)).map { ($0, "n\($0)", 1, $0 % 2 == 0 ? "even" : "odd") })
        }, operation: .bulkInsert)
        // 100 records per file: by the 1000th row, 9 or 10 file groups are already out.
        #expect(filesSeenMidway >= 8)
        let stats = result.metadata.writeStats
        #expect(stats.count == 20)
        #expect(stats.allSatisfy { $0.numWrites == 100 && $0.numInserts == 100 })
        let table = try HudiTable.open(store: store, path: "t")
        #expect(try F.rows(table.snapshot()).count == 2000)
        let seqnos = try F.records(table.snapshot()).compactMap { record -> String? in
            if case .string(let s) = record["_hoodie_commit_seqno"] { return s } else { return nil }
        }
        #expect(Set(seqnos).count == 2000)
    }

    @Test("a bulk insert whose source fails midway deletes the files it already wrote")
    func failsMidway() throws {
        let store = MemoryStore(name: "bulk-fail")
        _ = try HudiTable.create(store: store, path: "t", options: F.options())
        let client = HudiWriteClient(store: store, basePath: "t", options: HudiWriteOptions(targetFileSize: 1_000, recordSizeEstimate: 100))
        let before = try store.listAll(prefix: "").objects.map(\.key)
        var next: Int64 = 0
        #expect(throws: TableFormatError.self) {
            try client.write(next: {
                guard next < 500 else { throw TableFormatError(.io, "source broke") }
                defer { next += 50 }
                return F.batch((next..<(next + 50)).map { ($0, "n", 1, "sf") })
            }, operation: .bulkInsert)
        }
        #expect(try store.listAll(prefix: "").objects.map(\.key) == before)
    }
}
