import Foundation
import Sluice
import Testing

/// Every `Fixtures/sql/*.test` file, one test case each, run through the SQLLogicTest runner on a fresh
/// `memory://` engine.
@Suite struct FixtureTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sql")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".test") }.sorted()
    }

    @Test func fixturesExist() {
        #expect(Self.files.count >= 8)
    }

    @Test(arguments: files)
    func fixture(_ file: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        let runner = SQLLogicTestRunner(engine: SQLEngineTestAdapter())
        let summary = try runner.run(file: text, name: "Fixtures/sql/\(file)")
        for failure in summary.failures { Issue.record("\(failure)") }
        #expect(summary.executed > 0)
        #expect(summary.passed == summary.executed)
    }
}
