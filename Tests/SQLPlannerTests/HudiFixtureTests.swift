import Foundation
import Sluice
import Testing

/// Every `Fixtures/sql/hudi/*.test` file, one test case each, run on a fresh local Hudi warehouse in a temporary
/// directory (`__WAREHOUSE__` in a file stands for its path).
@Suite struct HudiFixtureTests {
    static let directory = FixtureTests.directory.appendingPathComponent("hudi")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".test") }.sorted()
    }

    @Test func fixturesExist() {
        #expect(Self.files.count >= 4)
    }

    @Test(arguments: files)
    func fixture(_ file: String) throws {
        let warehouse = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-hudi-fixture-\(getpid())-\(file.dropLast(5))").path
        try? FileManager.default.removeItem(atPath: warehouse)
        defer { try? FileManager.default.removeItem(atPath: warehouse) }
        let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            .replacingOccurrences(of: "__WAREHOUSE__", with: warehouse)
        let runner = SQLLogicTestRunner(engine: SQLEngineTestAdapter(engine: try SQLWarehouse.engine(uri: warehouse)))
        let summary = try runner.run(file: text, name: "Fixtures/sql/hudi/\(file)")
        for failure in summary.failures { Issue.record("\(failure)") }
        #expect(summary.executed > 0)
        #expect(summary.passed == summary.executed)
    }
}
