import Foundation
import Sluice
import Testing

/// SQL writes into a local Hudi warehouse: time travel over the commits they made, and statements that fail
/// leaving the timeline as it was.
@Suite struct HudiSQLWriteTests {
    static func warehouse(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-sql-write-\(getpid())-\(name)").path
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    static func strings(_ result: QueryResult) -> [String] {
        result.rows.map { row in row.map { "\($0)" }.joined(separator: " ") }
    }

    /// Every instant file (requested, inflight, completed) on the table's timeline.
    static func instantFiles(_ table: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: table + "/.hoodie").filter { $0.first?.isNumber == true }.sorted()
    }

    @Test func timeTravelReadsTheStatementsCommits() throws {
        let path = Self.warehouse("travel")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = try SQLWarehouse.engine(uri: path)
        _ = try engine.execute("""
            CREATE TABLE t (id INT, v STRING) PRIMARY KEY (id);
            INSERT INTO t VALUES (1, 'a'), (2, 'b');
            """)
        let first = try HudiTable.open(store: try ObjectStores.open(uri: path + "/t"), path: "").timeline.completedCommits
        guard let instant = first.last?.requestedTime else {
            Issue.record("no commit after INSERT")
            return
        }
        _ = try engine.execute("UPDATE t SET v = 'z'; DELETE FROM t WHERE id = 2")
        #expect(Self.strings(try engine.execute("SELECT id, v FROM t ORDER BY id")[0]) == [#"int(1) string("z")"#])
        let old = try engine.execute("SELECT id, v FROM t VERSION AS OF '\(instant)' ORDER BY id")[0]
        #expect(Self.strings(old) == [#"int(1) string("a")"#, #"int(2) string("b")"#])
        // The instant as a wall-clock time (the table's timeline is in UTC).
        let c = Array(instant)
        let stamp = "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8])) \(String(c[8..<10])):\(String(c[10..<12])):\(String(c[12..<14])).\(String(c[14..<17]))"
        let byTime = try engine.execute("SELECT count(*) FROM t TIMESTAMP AS OF '\(stamp)'")[0]
        #expect(byTime.rows == [[.int(2)]])
        let systemTime = try engine.execute("SELECT v FROM t FOR SYSTEM_TIME AS OF '\(instant)' WHERE id = 2")[0]
        #expect(systemTime.rows == [[.string("b")]])
    }

    @Test func failingStatementsCommitNothing() throws {
        let path = Self.warehouse("atomic")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = try SQLWarehouse.engine(uri: path)
        _ = try engine.execute("""
            CREATE TABLE t (id INT, v INT, p STRING) PRIMARY KEY (id) PARTITIONED BY (p);
            INSERT INTO t VALUES (1, 10, 'x'), (2, 20, 'y'), (3, 30, 'x');
            """)
        let before = try Self.instantFiles(path + "/t")
        #expect(before.count == 3)
        let failing = [
            "INSERT INTO t SELECT id + 10, 100 DIV (id - 2), p FROM t",
            "UPDATE t SET v = v DIV (id - 3)",
            "DELETE FROM t WHERE 1 DIV (id - 1) > 0",
            "MERGE INTO t USING (SELECT 1 AS id UNION ALL SELECT 1) AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 0",
            "INSERT OVERWRITE t SELECT id, v DIV 0, p FROM t",
            "ALTER TABLE t ALTER COLUMN v TYPE SMALLINT",
            "CREATE TABLE u TBLPROPERTIES (primaryKey = 'id') AS SELECT id, 1 DIV (id - 3) AS x FROM t",
        ]
        for sql in failing {
            #expect(throws: (any Error).self, "\(sql)") { try engine.execute(sql) }
            #expect(try Self.instantFiles(path + "/t") == before, "\(sql)")
        }
        #expect(try engine.execute("SHOW TABLES")[0].rows == [[.string("t")]])
        #expect(try engine.execute("SELECT sum(v) FROM t")[0].rows == [[.int(60)]])
    }
}
