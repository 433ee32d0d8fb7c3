import Foundation
import Sluice
import Testing

/// hudi_table_changes and CALL on tables Sluice writes (a `memory://` object-store warehouse), where commit
/// times are only known after the writes: incremental windows between commits, a clean that deletes, and
/// rollback of the latest commit.
@Suite struct HudiProcedureTests {
    /// A warehouse with `t` keyed on id, written by three commits: ids 1-2; id 2 updated and 3 added; id 4.
    static func engine(_ name: String) throws -> (SQLEngine, [String]) {
        let engine = try SQLWarehouse.engine(uri: "memory://sqlcall-\(name)-\(getpid())")
        _ = try engine.execute("""
            CREATE TABLE t (id INT, v VARCHAR, ts BIGINT) TBLPROPERTIES (primaryKey = 'id', preCombineField = 'ts');
            INSERT INTO t VALUES (1, 'a', 1), (2, 'b', 1);
            INSERT INTO t VALUES (2, 'B', 2), (3, 'c', 2);
            INSERT INTO t VALUES (4, 'd', 3)
            """)
        let commits = try engine.execute("CALL show_commits(table => 't')")[0].rows.compactMap { row -> String? in
            if case .string(let time) = row[0] { time } else { nil }
        }
        return (engine, commits.reversed())
    }

    static func ids(_ engine: SQLEngine, _ sql: String) throws -> [Int64] {
        try engine.execute(sql)[0].rows.compactMap { if case .int(let i) = $0[0] { i } else { nil } }
    }

    @Test func incrementalWindowsBetweenCommits() throws {
        let (engine, commits) = try Self.engine("changes")
        try #require(commits.count == 3)
        let sql = { (begin: String, end: String?) in
            "SELECT id FROM hudi_table_changes('t', 'latest_state', '\(begin)'\(end.map { ", '\($0)'" } ?? "")) ORDER BY id"
        }
        #expect(try Self.ids(engine, sql("earliest", nil)) == [1, 2, 3, 4])
        #expect(try Self.ids(engine, sql(commits[0], nil)) == [2, 3, 4])
        #expect(try Self.ids(engine, sql(commits[0], commits[1])) == [2, 3])
        #expect(try Self.ids(engine, sql(commits[1], nil)) == [4])
        #expect(try Self.ids(engine, sql(commits[2], nil)) == [])
        let latest = try engine.execute("SELECT v FROM hudi_table_changes('t', 'latest_state', 'earliest', '\(commits[1])') WHERE id = 2")
        #expect(latest[0].rows == [[.string("B")]])
    }

    @Test func showCommitsCountsRecordsAndFiles() throws {
        let (engine, commits) = try Self.engine("show")
        let rows = try engine.execute("CALL show_commits(table => 't', limit => 2)")[0].rows
        #expect(rows.count == 2)
        #expect(rows.first?[0] == .string(commits[2]))
        #expect(rows.first?[2] == .string("commit"))
        let files = try engine.execute("CALL show_commit_files('t', 10, '\(commits[1])')")[0]
        #expect(files.schema.fields.map(\.name) == ["action", "partition_path", "file_id", "previous_commit",
            "total_records_updated", "total_records_written", "total_bytes_written", "total_errors", "file_size"])
        let updated = files.rows.reduce(Int64(0)) { if case .int(let n) = $1[4] { $0 + n } else { $0 } }
        #expect(updated == 1)
    }

    @Test func cleanDeletesSlicesOlderThanTheRetainedCommits() throws {
        let (engine, _) = try Self.engine("clean")
        let before = try engine.execute("CALL show_file_groups(table => 't', limit => 100)")[0].rows.count
        let clean = try engine.execute("CALL run_clean(table => 't', retain_commits => 1)")[0].rows
        let after = try engine.execute("CALL show_file_groups(table => 't', limit => 100)")[0].rows.count
        #expect(clean.count == 1)
        if case .int(let deleted)? = clean.first?[2] {
            #expect(deleted > 0)
            #expect(after == before - Int(deleted))
        } else {
            Issue.record("run_clean returned no total_files_deleted: \(clean)")
        }
        #expect(try Self.ids(engine, "SELECT id FROM t ORDER BY id") == [1, 2, 3, 4])
    }

    @Test func rollbackToInstantUndoesTheLatestCommit() throws {
        let (engine, commits) = try Self.engine("rollback")
        let result = try engine.execute("CALL rollback_to_instant(table => 't', instant_time => '\(commits[2])')")[0]
        #expect(result.rows == [[.bool(true)]])
        #expect(try Self.ids(engine, "SELECT id FROM t ORDER BY id") == [1, 2, 3])
        #expect(throws: PlannerError.self) {
            try engine.execute("CALL rollback_to_instant(table => 't', instant_time => '\(commits[0])')")
        }
    }

    @Test func copyFromUpsertsIntoAKeyedWarehouseTable() throws {
        let (engine, _) = try Self.engine("copy")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlcall-copy-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("in.csv").path
        try "id,v,ts\n1,z,9\n5,e,9\n".write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try engine.execute("COPY t FROM '\(csv)' (HEADER)")
        #expect(try Self.ids(engine, "SELECT id FROM t ORDER BY id") == [1, 2, 3, 4, 5])
        #expect(try engine.execute("SELECT v FROM t WHERE id = 1")[0].rows == [[.string("z")]])
        let out = directory.appendingPathComponent("t.parquet").path
        _ = try engine.execute("COPY (SELECT id, v FROM t ORDER BY id) TO '\(out)'")
        #expect(try Self.ids(engine, "SELECT id FROM '\(out)'") == [1, 2, 3, 4, 5])
    }
}
