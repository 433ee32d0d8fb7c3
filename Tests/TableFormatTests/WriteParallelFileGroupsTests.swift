import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

/// `fileGroupParallelism`: the handles of one commit run on threads of their own, each owning its reader and
/// writer. The commit must be the one a one-at-a-time write makes.
@Suite("Write, file groups in parallel")
struct WriteParallelFileGroupsTests {
    typealias F = WriteFixtures

    /// Ten file groups of 100 rows, then an upsert updating rows of every group and inserting 40 (into an 11th:
    /// each base file, with Hudi's default 431 KB bloom filter, is past the 10 KB target).
    static func upsert(parallelism: Int) throws -> (rows: [[Value]], stats: [[Int64]]) {
        let store = MemoryStore(name: "parallel-\(parallelism)")
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false))
        var options = HudiWriteOptions(targetFileSize: 10_000, recordSizeEstimate: 100)
        options.fileGroupParallelism = parallelism
        let client = HudiWriteClient(store: store, basePath: "t", options: options)
        try client.write([F.batch((0..<1000).map { ($0, "name-\($0)", 1, "sf") })], operation: .insert)
        let updates = stride(from: Int64(0), to: 1000, by: 7).map { ($0, "new-\($0)" as String?, Int64(2), "sf") }
        let inserts = (1000..<1040).map { (Int64($0), "ins-\($0)" as String?, Int64(1), "sf") }
        let result = try client.write([F.batch(updates), F.batch(inserts)], operation: .upsert)
        let stats = result.metadata.writeStats.map { [$0.numWrites, $0.numUpdateWrites, $0.numInserts, $0.numDeletes] }
        return (try F.rows(HudiTable.open(store: store, path: "t").snapshot()), stats.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test("an upsert rewriting ten file groups three at a time commits the rows and counts of one at a time")
    func sameCommit() throws {
        let serial = try Self.upsert(parallelism: 1)
        let parallel = try Self.upsert(parallelism: 3)
        #expect(serial.rows.count == 1040)
        #expect(serial.stats.count == 11)
        #expect(serial.stats.map { $0[1] }.reduce(0, +) == 143)
        #expect(parallel.rows == serial.rows)
        #expect(parallel.stats == serial.stats)
    }
}
