import Foundation
import Sluice
import Testing

/// Hudi snapshots and time travel read their file slices on parallel workers: the rows, their order and the
/// scan counts must be those of the serial scan, whatever the thread count.
@Suite struct HudiParallelScanTests {
    static func warehouse(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-hudi-parallel-\(getpid())-\(name)").path
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    static func rows(_ engine: SQLEngine, threads: Int, _ sql: String) throws -> [[Value]] {
        _ = try engine.execute("SET threads = \(threads)")
        return try engine.execute(sql)[0].rows
    }

    @Test func parallelSnapshotsEqualTheSerialScan() throws {
        let path = Self.warehouse("snapshot")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = try SQLWarehouse.engine(uri: path)
        _ = try engine.execute("CREATE TABLE p (id INT, part STRING, v DOUBLE) PRIMARY KEY (id) PARTITIONED BY (part)")
        for round in 0..<3 {
            let values = (0..<40).map { i in "(\(round * 40 + i), 'p\(i % 5)', \(Double(i) * 1.5))" }.joined(separator: ", ")
            _ = try engine.execute("INSERT INTO p VALUES \(values)")
        }
        let table = try HudiTable.open(store: try ObjectStores.open(uri: path + "/p"), path: "")
        let first = try #require(table.timeline.completedCommits.first?.requestedTime)
        #expect(try table.snapshot().fileSlices.count >= 5)
        for sql in ["SELECT id, part, v FROM p", "SELECT id, v FROM p WHERE v > 20 AND part <> 'p3'",
                    "SELECT id, part FROM p VERSION AS OF '\(first)'", "SELECT count(*), sum(v) FROM p"] {
            let serial = try Self.rows(engine, threads: 1, sql)
            #expect(!serial.isEmpty)
            for threads in [2, 3, 8] {
                #expect(try Self.rows(engine, threads: threads, sql) == serial, "\(sql) at \(threads) threads")
            }
        }
        let counts = { (threads: Int) throws -> String in
            let plan = try Self.rows(engine, threads: threads, "EXPLAIN ANALYZE SELECT id FROM p WHERE part = 'p1'")
            let text = plan.map { "\($0)" }.joined()
            let start = try #require(text.range(of: "files_read")).lowerBound
            return String(text[start...].prefix(while: { $0 != "\"" && $0 != "\n" }))
        }
        #expect(try counts(3) == counts(1))
    }
}
