import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

/// `HudiWriteClient.bulkInsert(schema:workers:)`: independent producers, each writing its own file groups of
/// one instant. The commit holds every row once, each file's footer indexes its own keys (an upsert finds
/// them), and a failing worker stops the others and leaves nothing behind.
@Suite("Write, parallel bulk insert")
struct WriteParallelBulkInsertTests {
    typealias F = WriteFixtures

    struct Boom: Error {}

    /// Worker `w` emits ids `w * 3000 ..< (w + 1) * 3000` in batches of 500.
    static func produce(_ worker: Int, _ emit: (Batch) throws -> Void) throws -> Int {
        for start in stride(from: worker * 3000, to: (worker + 1) * 3000, by: 500) {
            try emit(F.batch((start..<start + 500).map { (Int64($0), "name-\($0)", 1, "sf") }))
        }
        return worker
    }

    @Test("two workers write their own file groups of one commit; an upsert finds keys of both")
    func twoWorkers() throws {
        for store in try F.stores("parallel-bulk") {
            _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false))
            let client = HudiWriteClient(store: store, basePath: "t", options: HudiWriteOptions(targetFileSize: 100_000, recordSizeEstimate: 100))
            var seen: [Int] = []
            let result = try client.bulkInsert(schema: F.schema, workers: 2, produce: Self.produce) { results in
                seen = results
                return ["checkpoint": "done"]
            }
            #expect(seen == [0, 1])
            #expect(result.metadata.extraMetadata["checkpoint"] == "done")
            let stats = result.metadata.writeStats
            // Unpartitioned: each worker's rows go straight into its open file group, closed at 1,000 rows.
            #expect(stats.count == 6 && stats.allSatisfy { $0.numInserts == 1000 })
            // Write tokens: worker 0 takes tasks 0, 2, 4; worker 1 takes 1, 3, 5.
            #expect(Set(stats.map { ($0.path ?? "").split(separator: "_")[1] }) == Set((0..<6).map { "\($0)-0-\($0)" }))
            let rows = try F.rows(HudiTable.open(store: store, path: "t").snapshot())
            #expect(rows == F.expected((0..<6000).map { (Int64($0), "name-\($0)", 1, "sf") }))
            let updates = [5, 2999, 3000, 5999].map { (Int64($0), "new" as String?, Int64(2), "sf") }
            let upsert = try client.write([F.batch(updates)], operation: .upsert)
            #expect(upsert.metadata.writeStats.reduce(0) { $0 + $1.numUpdateWrites } == 4)
            #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()).count == 6000)
        }
    }

    @Test("partitioned: each worker writes its own file groups in every partition; one partition metadata file each")
    func partitioned() throws {
        let store = MemoryStore(name: "parallel-bulk-partitioned")
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: true))
        let client = HudiWriteClient(store: store, basePath: "t", options: HudiWriteOptions(targetFileSize: 100_000, recordSizeEstimate: 100))
        let rows = (0..<4000).map { (Int64($0), "name-\($0)" as String?, Int64(1), $0 % 2 == 0 ? "sf" : "nyc") }
        let result = try client.bulkInsert(schema: F.schema, workers: 2) { worker, emit in
            let share = rows[(worker * 2000)..<((worker + 1) * 2000)]
            for start in stride(from: share.startIndex, to: share.endIndex, by: 500) {
                try emit(F.batch(Array(share[start..<start + 500])))
            }
            return worker
        }
        let stats = result.metadata.partitionToWriteStats
        #expect(stats.keys.sorted() == ["nyc", "sf"])
        // 1,000 rows of each partition per worker: one file group each.
        #expect(stats.values.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.numInserts == 1000 } })
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()) == F.expected(rows))
        let metadata = try store.listAll(prefix: "t/").objects.map(\.key).filter { $0.hasSuffix(".hoodie_partition_metadata") }
        #expect(metadata.sorted() == ["t/nyc/.hoodie_partition_metadata", "t/sf/.hoodie_partition_metadata"])
    }

    @Test("a worker's failure stops the other and aborts: no commit, no base file")
    func failure() throws {
        for store in try F.stores("parallel-bulk-fail") {
            _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false))
            let client = HudiWriteClient(store: store, basePath: "t", options: HudiWriteOptions(targetFileSize: 20_000, recordSizeEstimate: 100))
            #expect(throws: Boom.self) {
                try client.bulkInsert(schema: F.schema, workers: 2) { worker, emit in
                    if worker == 1 {
                        try emit(F.batch((0..<500).map { (Int64(10_000 + $0), "x", 1, "sf") }))
                        throw Boom()
                    }
                    return try Self.produce(worker, emit)
                }
            }
            let table = try HudiTable.open(store: store, path: "t")
            #expect(table.timeline.completedCommits.isEmpty)
            #expect(try store.listAll(prefix: "t/").objects.filter { $0.key.hasSuffix(".parquet") }.isEmpty)
        }
    }
}
