import ArgumentParser
import Foundation
import Sluice

/// `sluice sqllogictest FILE... [--engine-name NAME] [--sqlite]`: runs sqllogictest files, each on a fresh
/// `memory://` engine, printing per-file counts and every failure with its file:line.
struct SQLLogicTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sqllogictest", abstract: "Run sqllogictest files against the SQL engine.")

    @Argument(help: "The .test files.") var files: [String]
    @Option(name: .customLong("engine-name"), help: "A name skipif/onlyif match (repeatable); default sluice.")
    var engineNames: [String] = []
    @Flag(help: "SQLite semantics (integer division, 64-bit INTEGER), for SQLite's own corpus.") var sqlite = false

    func run() throws {
        var failed = false
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let engine = SQLEngine(options: BinderOptions(sqliteCompatibility: sqlite))
            let names = Set(engineNames.isEmpty ? ["sluice"] : engineNames)
            let runner = SQLLogicTestRunner(engine: SQLEngineTestAdapter(engine: engine),
                                            configuration: .init(engineNames: names, unsupportedFeatures: SQLLogicTestRunner.UnsupportedFeature.sqliteOnly))
            let start = ContinuousClock.now
            let summary = try runner.run(file: text, name: file)
            for failure in summary.failures { SQLSession.write("\(failure)\n\n") }
            let failures = summary.executed - summary.passed
            SQLSession.write("\(file): \(summary.passed) passed, \(failures) failed, \(summary.skipped) skipped (\(ContinuousClock.now - start))\n")
            if !summary.skipReasons.isEmpty {
                let reasons = summary.skipReasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }
                SQLSession.write("  skipped: \(reasons.joined(separator: ", "))\n")
            }
            failed = failed || failures > 0
        }
        if failed { throw ExitCode.failure }
    }
}
