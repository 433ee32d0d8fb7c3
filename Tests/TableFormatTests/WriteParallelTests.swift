import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

/// File groups of one upsert written on parallel threads: the same commit as writing them in turn, and a
/// failure in one of them still leaves nothing behind.
@Suite("Parallel file group writes")
struct WriteParallelTests {
    typealias F = WriteFixtures

    static func rows(_ ids: [Int64], ts: Int64, city: (Int64) -> String = { _ in "sf" }) -> Batch {
        F.batch(ids.map { ($0, "name-\($0)-\(ts)", ts, city($0)) })
    }

    /// 10 file groups of 100 rows, then an upsert updating every tenth row and adding 50.
    static func upsert(parallelism: Int) throws -> (rows: [[Value]], totals: [Int64]) {
        let store = MemoryStore(name: "parallel-\(parallelism)")
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false))
        var options = HudiWriteOptions(targetFileSize: 10_000, recordSizeEstimate: 100)
        options.writeParallelism = parallelism
        options.bloomIndex.numEntries = 200
        let client = HudiWriteClient(store: store, basePath: "t", options: options)
        try client.write([rows(Array(0..<1000), ts: 1)], operation: .insert)
        let result = try client.write([rows(Array(stride(from: 0, to: 1050, by: 10)) + Array(1001..<1050).filter { $0 % 10 != 0 }, ts: 2)],
                                      operation: .upsert)
        // File ids are random, so which small file takes the inserts may differ: compare totals.
        let stats = result.metadata.writeStats
        let totals = [Int64(stats.count), stats.map(\.numWrites).reduce(0, +), stats.map(\.numUpdateWrites).reduce(0, +),
                      stats.map(\.numInserts).reduce(0, +), stats.map(\.numDeletes).reduce(0, +)]
        return (try F.rows(HudiTable.open(store: store, path: "t").snapshot()), totals)
    }

    @Test("an upsert over ten file groups commits the same rows and stats with 1 or 4 threads")
    func sameCommit() throws {
        let serial = try Self.upsert(parallelism: 1)
        let parallel = try Self.upsert(parallelism: 4)
        #expect(parallel.rows == serial.rows)
        #expect(parallel.totals == serial.totals)
        #expect(serial.rows.count == 1050)
        #expect(serial.totals[2] == 100 && serial.totals[3] == 50)
        let updated = serial.rows.filter { $0[2] == .int(2) }.count
        #expect(updated == 150)
    }

    @Test("a failing file group stops a parallel upsert, and every file it wrote is deleted")
    func abortClean() throws {
        let store = WriteEdgeCaseTests.FailingStore(failing: "/ee/")
        _ = try HudiTable.create(store: store, path: "t", options: F.options())
        var options = HudiWriteOptions()
        options.writeParallelism = 4
        options.bloomIndex.numEntries = 100
        let client = HudiWriteClient(store: store, basePath: "t", options: options)
        let cities = ["aa", "bb", "cc", "dd"]
        try client.write([Self.rows(Array(0..<40), ts: 1) { cities[Int($0 % 4)] }], operation: .insert)
        let before = try store.listAll(prefix: "").objects.map(\.key)
        let all = cities + ["ee"]
        let error = #expect(throws: TableFormatError.self) {
            try client.write([Self.rows(Array(0..<50), ts: 2) { all[Int($0 % 5)] }], operation: .upsert)
        }
        #expect(error?.message.contains("injected failure") == true)
        #expect(try store.listAll(prefix: "").objects.map(\.key) == before)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()).allSatisfy { $0[2] == .int(1) })
    }
}
