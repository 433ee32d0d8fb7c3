import Foundation
import Sluice
import Testing

/// SQLite's select1-5 on a `memory://` engine with SQLite semantics. select1 always runs; the rest only with
/// SLUICE_LONG_TESTS set. Each prints its pass rate; the bar rises as the engine grows.
@Suite struct SQLiteCorpusTests {
    static let directory = "/work/shared/corpus/sqllogictest/sqlite"

    static func run(_ file: String) throws -> SQLLogicTestRunner.Summary {
        let path = "\(directory)/\(file)"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let adapter = SQLEngineTestAdapter(engine: SQLEngine(options: BinderOptions(sqliteCompatibility: true)))
        let runner = SQLLogicTestRunner(engine: adapter)
        let start = ContinuousClock.now
        let summary = try runner.run(file: text, name: file)
        let rate = Double(summary.passed) / Double(max(1, summary.executed)) * 100
        print("\(file): passed \(summary.passed) of \(summary.executed) (\(String(format: "%.2f", rate))%), skipped \(summary.skipped), \(ContinuousClock.now - start)")
        for failure in summary.failures.prefix(15) { print(failure) }
        return summary
    }

    @Test func select1() throws {
        guard FileManager.default.fileExists(atPath: "\(Self.directory)/select1.test") else { return }
        let summary = try Self.run("select1.test")
        #expect(Double(summary.passed) >= 0.9 * Double(summary.executed))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SLUICE_LONG_TESTS"] != nil),
          arguments: ["select2.test", "select3.test", "select4.test", "select5.test"])
    func longSelect(_ file: String) throws {
        let summary = try Self.run(file)
        #expect(Double(summary.passed) >= 0.5 * Double(summary.executed))
    }

    /// evidence/: the SQL-language files; triggers, REINDEX and REPLACE INTO (SQLite-only) are left out.
    @Test(arguments: ["in1.test", "in2.test", "slt_lang_aggfunc.test", "slt_lang_createview.test",
                      "slt_lang_dropindex.test", "slt_lang_droptable.test", "slt_lang_dropview.test",
                      "slt_lang_update.test"])
    func evidence(_ file: String) throws {
        guard FileManager.default.fileExists(atPath: "\(Self.directory)/evidence/\(file)") else { return }
        let summary = try Self.run("evidence/\(file)")
        #expect(Double(summary.passed) >= 0.98 * Double(summary.executed))
    }
}
