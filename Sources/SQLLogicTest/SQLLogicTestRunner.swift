/// Runs records against an engine: conditions, hash threshold, labels, halt, require, `mode skip`, DuckDB loops
/// (`{i}` and `${i}` substituted in SQL and expected lines). It never stops at a failing record; every failure
/// is collected with its file:line.
public struct SQLLogicTestRunner {
    public struct Configuration: Sendable {
        /// Names `skipif`/`onlyif` match (case-insensitive), e.g. `["sluice"]`; DuckDB's harness also answers to
        /// `duckdb` and `postgresql` for SQLite files.
        public var engineNames: Set<String>
        /// The threshold before any `hash-threshold` record (SQLite's runner: 8).
        public var hashThreshold: Int
        /// What `require X` accepts; any other requirement skips the rest of the file.
        public var supportedRequirements: Set<String>

        public init(engineNames: Set<String> = ["sluice"], hashThreshold: Int = 8,
                    supportedRequirements: Set<String> = []) {
            self.engineNames = Set(engineNames.map { $0.lowercased() })
            self.hashThreshold = hashThreshold
            self.supportedRequirements = supportedRequirements
        }
    }

    public struct Failure: Hashable, Sendable, CustomStringConvertible {
        public var location: RecordLocation
        public var sql: String
        public var message: String

        public var description: String { "\(location): \(message)\n\(sql)" }
    }

    public struct Summary: Hashable, Sendable {
        /// Records run (statements and queries).
        public var executed = 0
        public var passed = 0
        /// Records not run: conditions, `mode skip`, after `halt` or an unmet `require`.
        public var skipped = 0
        public var failures: [Failure] = []
    }

    public var configuration: Configuration
    let engine: any SQLLogicTestEngine

    public init(engine: any SQLLogicTestEngine, configuration: Configuration = Configuration()) {
        self.engine = engine
        self.configuration = configuration
    }

    /// Parses and runs one file.
    public func run(file text: String, name: String) throws(SQLLogicTestError) -> Summary {
        try run(SQLLogicTestParser.parse(text, file: name))
    }

    public func run(_ records: [Record]) throws(SQLLogicTestError) -> Summary {
        var state = RunState(hashThreshold: configuration.hashThreshold)
        try run(records[...], substitutions: [:], state: &state)
        return state.summary
    }
}

/// What a run carries from record to record.
struct RunState {
    var hashThreshold: Int
    var labels: [String: String] = [:]
    var skipping = false
    var stopped = false
    var summary = SQLLogicTestRunner.Summary()
}
