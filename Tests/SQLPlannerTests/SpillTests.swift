import Columnar
import Foundation
import SQLExecution
import SQLPlanner
import Testing

/// `SET memory_limit` small enough that GROUP BY and ORDER BY spill: results equal the unlimited run, the
/// spill files are gone afterwards, and a limit too small even for spilling fails with "Out of Memory Error".
@Suite struct SpillTests {
    /// 100,000 rows: i unique, s a string with 7,919 values, g an integer with 5,003 values and NULLs.
    static func engine(temporaryDirectory: String) throws -> SQLEngine {
        let engine = SQLEngine()
        let digits = "(VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9))"
        _ = try engine.execute("""
            CREATE TABLE t AS SELECT i, 'key-' || CAST(i % 7919 AS VARCHAR) AS s,
                CASE WHEN i % 13 = 0 THEN NULL ELSE i % 5003 END AS g
            FROM (SELECT a.x * 10000 + b.x * 1000 + c.x * 100 + d.x * 10 + e.x AS i
                  FROM \(digits) a(x), \(digits) b(x), \(digits) c(x), \(digits) d(x), \(digits) e(x))
            """)
        _ = try engine.execute("SET temp_directory = '\(temporaryDirectory)'")
        return engine
    }

    static func freshDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "/sluice-spill-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func rows(_ engine: SQLEngine, _ sql: String) throws -> [[Value]] {
        try engine.execute(sql).flatMap { $0.batches.flatMap(\.rows) }
    }

    static func explain(_ engine: SQLEngine, _ sql: String) throws -> String {
        try rows(engine, "EXPLAIN ANALYZE " + sql).map { "\($0)" }.joined(separator: "\n")
    }

    static func limited(_ sql: String, limit: String = "1MB") throws -> (unlimited: [[Value]], limited: [[Value]]) {
        let directory = try freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try engine(temporaryDirectory: directory)
        let unlimited = try rows(engine, sql)
        _ = try engine.execute("SET memory_limit = '\(limit)'")
        let spilled = try rows(engine, sql)
        #expect(try explain(engine, sql).contains("spilled"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        return (unlimited, spilled)
    }

    @Test func aggregateSpillsAndMatches() throws {
        let sql = """
            SELECT g, s, count(*), sum(i), min(i), max(s), avg(i), count(DISTINCT i % 10), string_agg(CAST(i AS VARCHAR), ',')
            FROM t WHERE i < 40000 GROUP BY g, s
            """
        let (unlimited, limited) = try Self.limited(sql, limit: "512KB")
        #expect(unlimited.count > 30_000)
        let order = { (a: [Value], b: [Value]) in "\(a)" < "\(b)" }
        #expect(limited.count == unlimited.count)
        #expect(limited.sorted(by: order) == unlimited.sorted(by: order))
    }

    /// Integer keys packed into one word (`PackedGroupTable`) spill by their own hash, NULL group included.
    @Test func packedKeyAggregateSpillsAndMatches() throws {
        let sql = """
            SELECT CASE WHEN i % 11 = 0 THEN NULL ELSE i END AS k, count(*), sum(i), max(s)
            FROM t WHERE i < 60000 GROUP BY 1
            """
        let (unlimited, limited) = try Self.limited(sql, limit: "512KB")
        #expect(unlimited.count == 60_000 - 5_455 + 1)  // 5,455 multiples of 11 below 60,000 form the NULL group
        let order = { (a: [Value], b: [Value]) in "\(a)" < "\(b)" }
        #expect(limited.sorted(by: order) == unlimited.sorted(by: order))
    }

    @Test func aggregateFewGroupsStaysInMemory() throws {
        let directory = try Self.freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try Self.engine(temporaryDirectory: directory)
        _ = try engine.execute("SET memory_limit = '1MB'")
        let sql = "SELECT i % 3, count(*) FROM t GROUP BY 1 ORDER BY 1"
        #expect(try Self.rows(engine, sql) == [[.int(0), .int(33_334)], [.int(1), .int(33_333)], [.int(2), .int(33_333)]])
        #expect(!(try Self.explain(engine, sql).contains("spilled")))
    }

    @Test func sortSpillsAndKeepsStableOrder() throws {
        let sql = "SELECT s, g, i FROM t ORDER BY g % 7 DESC NULLS FIRST, s"
        let (unlimited, limited) = try Self.limited(sql)
        #expect(unlimited.count == 100_000)
        #expect(limited == unlimited)
    }

    @Test func tooSmallForSpillingIsOutOfMemory() throws {
        let directory = try Self.freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try Self.engine(temporaryDirectory: directory)
        _ = try engine.execute("SET memory_limit = '10KB'")
        #expect {
            _ = try engine.execute("SELECT * FROM t ORDER BY s")
        } throws: { error in
            "\(error)".hasPrefix("Out of Memory Error:") && "\(error)".contains("ORDER_BY")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func memorySizes() throws {
        #expect(try MemoryBudget.parseSize("500MB") == 500_000_000)
        #expect(try MemoryBudget.parseSize("1 GiB") == 1 << 30)
        #expect(try MemoryBudget.parseSize("1.5kib") == 1536)
        #expect(try MemoryBudget.parseSize("64KB") == 64_000)
        #expect(throws: ExecutionError.self) { try MemoryBudget.parseSize("lots") }
        #expect(throws: (any Error).self) { try SQLEngine().execute("SET memory_limit = '12 parsecs'") }
    }
}
