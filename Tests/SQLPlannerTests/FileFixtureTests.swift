import Foundation
import Sluice
import TestSupport
import Testing

/// `Fixtures/sql/files/*.test` (read_csv, read_json, COPY) on a `memory://` engine with the file table
/// functions, and `Fixtures/sql/hudi-corpus/*.test` (hudi_table_changes, CALL) on a warehouse directory holding a
/// fresh copy of the corpus table `trips` (two commits). One test case per file. In the SQL, `__DATA__` is
/// `Fixtures/sql/files/data`, `__TEST_DIR__` a fresh scratch directory and `__WAREHOUSE__` the warehouse.
@Suite struct FileFixtureTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sql")
    static let corpusTable = "hudi/sample_table_cow_v6_nonpartitioned.zip"

    static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
            .filter { $0.hasSuffix(".test") }.sorted()
    }

    @Test func fixturesExist() {
        #expect(Self.files("files").count >= 3)
        #expect(Self.files("hudi-corpus").count >= 2)
    }

    @Test(arguments: files("files"))
    func fileFixture(_ file: String) throws {
        let scratch = try Self.scratch(file)
        try run("files/\(file)", engine: try SQLWarehouse.engine(uri: "memory://"), scratch: scratch, warehouse: "")
    }

    @Test(.enabled(if: SharedCorpus.has(corpusTable), "needs ../shared/corpus/\(corpusTable)"), arguments: files("hudi-corpus"))
    func hudiFixture(_ file: String) throws {
        let scratch = try Self.scratch(file)
        let warehouse = scratch + "/warehouse"
        try Self.unpack(into: warehouse, scratch: scratch)
        try run("hudi-corpus/\(file)", engine: try SQLWarehouse.engine(uri: warehouse), scratch: scratch, warehouse: warehouse)
    }

    private func run(_ path: String, engine: SQLEngine, scratch: String, warehouse: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            .replacing("__DATA__", with: Self.root.appendingPathComponent("files/data").path)
            .replacing("__TEST_DIR__", with: scratch)
            .replacing("__WAREHOUSE__", with: warehouse)
        let runner = SQLLogicTestRunner(engine: SQLEngineTestAdapter(engine: engine))
        let summary = try runner.run(file: text, name: "Fixtures/sql/\(path)")
        for failure in summary.failures { Issue.record("\(failure)") }
        #expect(summary.executed > 0)
        #expect(summary.passed == summary.executed)
    }

    /// A fresh directory per test file (tests run in parallel).
    static func scratch(_ file: String) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-sqlfiles-\(getpid())-\(file.replacing(".test", with: ""))")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The corpus table unpacked as `warehouse/trips`.
    static func unpack(into warehouse: String, scratch: String) throws {
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-qo", SharedCorpus.path(corpusTable), "-d", scratch + "/zip"]
        try unzip.run()
        unzip.waitUntilExit()
        try FileManager.default.createDirectory(atPath: warehouse, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: scratch + "/zip/v6_nonpartitioned", toPath: warehouse + "/trips")
    }
}
