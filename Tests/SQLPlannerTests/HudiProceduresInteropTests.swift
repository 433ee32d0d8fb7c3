import Foundation
import Sluice
import TestSupport
import Testing

/// The table services CALL runs leave tables that hudi-rs reads as Sluice does: after a savepoint and a
/// rollback to it, and after a clean, hudi-rs's snapshot holds the same rows as `SELECT` through Sluice.
@Suite(.enabled(if: DevPython.available, "needs the dev Python with hudi-rs (.venv or $SLUICE_PYTHON)"))
struct HudiProceduresInteropTests {
    static func hudiRsRows(_ path: String) throws -> String {
        try DevPython.output("""
            import hudi
            t = hudi.HudiTableBuilder.from_base_uri('\(path)').build()
            rows = sorted((r['id'], r['v']) for b in t.read() for r in b.to_pylist())
            print(' '.join(f'{i}:{v}' for i, v in rows))
            """)
    }

    static func sluiceRows(_ engine: SQLEngine) throws -> String {
        try engine.execute("SELECT id, v FROM t ORDER BY id")[0].rows.map { row in
            if case .int(let id) = row[0], case .string(let v) = row[1] { "\(id):\(v)" } else { "?" }
        }.joined(separator: " ")
    }

    @Test func savepointRollbackAndCleanReadTheSameInHudiRs() throws {
        let warehouse = FileManager.default.temporaryDirectory.appendingPathComponent("sqlcall-interop-\(getpid())").path
        try? FileManager.default.removeItem(atPath: warehouse)
        defer { try? FileManager.default.removeItem(atPath: warehouse) }
        let engine = try SQLWarehouse.engine(uri: warehouse)
        _ = try engine.execute("""
            CREATE TABLE t (id INT, v VARCHAR, ts BIGINT) TBLPROPERTIES (primaryKey = 'id', preCombineField = 'ts');
            INSERT INTO t VALUES (1, 'a', 1), (2, 'b', 1);
            INSERT INTO t VALUES (2, 'B', 2), (3, 'c', 2)
            """)
        let first = try engine.execute("CALL show_commits(table => 't')")[0].rows.last?[0]
        guard case .string(let savepoint)? = first else {
            Issue.record("no commits")
            return
        }
        _ = try engine.execute("CALL create_savepoint(table => 't', commit_time => '\(savepoint)')")
        _ = try engine.execute("INSERT INTO t VALUES (4, 'd', 3)")
        _ = try engine.execute("CALL rollback_to_savepoint(table => 't', instant_time => '\(savepoint)')")
        #expect(try Self.sluiceRows(engine) == "1:a 2:b")
        #expect(try Self.hudiRsRows(warehouse + "/t") == "1:a 2:b")
        _ = try engine.execute("CALL delete_savepoint(table => 't', instant_time => '\(savepoint)')")
        _ = try engine.execute("INSERT INTO t VALUES (1, 'x', 5); INSERT INTO t VALUES (2, 'y', 6)")
        let cleaned = try engine.execute("CALL run_clean(table => 't', retain_commits => 1)")[0].rows
        #expect(cleaned.count == 1)
        #expect(try Self.sluiceRows(engine) == "1:x 2:y")
        #expect(try Self.hudiRsRows(warehouse + "/t") == "1:x 2:y")
    }
}
