import Foundation
import Sluice
import Testing
import TestSupport

/// A Spark-written Hudi table from the shared corpus, queried by name in a warehouse directory (with time
/// travel) and through hudi_scan; the latest snapshot is checked against hudi-rs.
@Suite(.enabled(if: SharedCorpus.has("hudi") && DevPython.available, "needs ../shared/corpus/hudi and the project .venv"))
struct HudiSQLTests {
    static let zip = SharedCorpus.path("hudi/sample_table_cow_v6_nonpartitioned.zip")
    static let python = DevPython.path ?? "python3"

    /// A warehouse directory holding the table as `trips`, unpacked once per process (tests run in parallel).
    static let prepared: Result<String, any Error> = Result { try unpack() }

    static func warehouse() throws -> String { try prepared.get() }

    private static func unpack() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-sql-hudi-\(getpid())")
        if FileManager.default.fileExists(atPath: root.appendingPathComponent("w/trips").path) {
            return root.appendingPathComponent("w").path
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("w"), withIntermediateDirectories: true)
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-qo", zip, "-d", root.appendingPathComponent("z").path]
        try unzip.run()
        unzip.waitUntilExit()
        try FileManager.default.moveItem(at: root.appendingPathComponent("z/v6_nonpartitioned"),
                                          to: root.appendingPathComponent("w/trips"))
        return root.appendingPathComponent("w").path
    }

    static func ints(_ result: QueryResult) -> [Int64] {
        result.rows.compactMap { if case .int(let i) = $0[0] { i } else { nil } }
    }

    @Test func latestSnapshotMatchesHudiRs() throws {
        guard FileManager.default.fileExists(atPath: Self.zip), FileManager.default.fileExists(atPath: Self.python) else { return }
        let path = try Self.warehouse()
        let engine = try SQLWarehouse.engine(uri: path)
        let ids = Self.ints(try engine.execute("SELECT id FROM trips ORDER BY id")[0])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = ["-c", "import hudi\nt = hudi.HudiTableBuilder.from_base_uri('\(path)/trips').build()\nprint(' '.join(str(i) for i in sorted(r for b in t.read() for r in b.column('id').to_pylist())))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!ids.isEmpty)
        #expect(ids.map(String.init).joined(separator: " ") == text.trimmingCharacters(in: .whitespacesAndNewlines))
        let scanned = try engine.execute("SELECT count(*) FROM hudi_scan('\(path)/trips')")[0].rows
        #expect(scanned == [[.int(Int64(ids.count))]])
    }

    @Test func versionAsOfReadsTheOlderSnapshot() throws {
        guard FileManager.default.fileExists(atPath: Self.zip) else { return }
        let engine = try SQLWarehouse.engine(uri: try Self.warehouse())
        let instants = try engine.execute("SELECT DISTINCT _hoodie_commit_time FROM trips ORDER BY 1")[0].rows
        guard let first = instants.first, case .string(let instant) = first[0] else {
            Issue.record("no commit times")
            return
        }
        let old = try engine.execute("SELECT max(_hoodie_commit_time), count(*) FROM trips VERSION AS OF '\(instant)'")[0].rows
        #expect(old.first?.first == .string(instant))
        let now = try engine.execute("SELECT count(*) FROM trips")[0].rows
        if case .int(let before)? = old.first?.last, case .int(let after)? = now.first?.first { #expect(before <= after) }
        #expect(throws: PlannerError.self) { try engine.execute("CREATE TABLE x (a INT)") }
    }
}
