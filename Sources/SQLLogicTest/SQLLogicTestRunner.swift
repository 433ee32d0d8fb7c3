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

        /// Statements of features the engine leaves out on purpose; their records are skipped, with the
        /// feature as the reason, instead of failing.
        public var unsupportedFeatures: [UnsupportedFeature]

        public init(engineNames: Set<String> = ["sluice"], hashThreshold: Int = 8,
                    supportedRequirements: Set<String> = [], unsupportedFeatures: [UnsupportedFeature] = []) {
            self.engineNames = Set(engineNames.map { $0.lowercased() })
            self.hashThreshold = hashThreshold
            self.supportedRequirements = supportedRequirements
            self.unsupportedFeatures = unsupportedFeatures
        }
    }

    /// A statement form recognized by its leading words (case and spacing ignored).
    public struct UnsupportedFeature: Hashable, Sendable {
        public var name: String
        public var leadingWords: [[String]]

        public init(_ name: String, leadingWords: [[String]]) {
            self.name = name
            self.leadingWords = leadingWords.map { $0.map { $0.uppercased() } }
        }

        public func matches(_ sql: String) -> Bool {
            let words = sql.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == "(" }).prefix(4).map(String.init)
            return leadingWords.contains { words.starts(with: $0) }
        }

        /// What SQLite's evidence files use that only SQLite has: triggers, REINDEX, REPLACE.
        public static let sqliteOnly: [UnsupportedFeature] = [
            UnsupportedFeature("SQLite-only CREATE TRIGGER", leadingWords: [["CREATE", "TRIGGER"], ["CREATE", "TEMP", "TRIGGER"],
                                                                              ["CREATE", "TEMPORARY", "TRIGGER"]]),
            UnsupportedFeature("SQLite-only DROP TRIGGER", leadingWords: [["DROP", "TRIGGER"]]),
            UnsupportedFeature("SQLite-only REINDEX", leadingWords: [["REINDEX"]]),
            UnsupportedFeature("SQLite-only REPLACE", leadingWords: [["REPLACE", "INTO"], ["INSERT", "OR", "REPLACE"]]),
        ]
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
        /// Records not run: conditions, `mode skip`, after `halt` or an unmet `require`, unsupported features.
        public var skipped = 0
        /// Why records were skipped, with counts: "onlyif mysql", "mode skip", "halt", "require X", a feature.
        public var skipReasons: [String: Int] = [:]

        mutating func skip(_ count: Int = 1, because reason: String) {
            guard count > 0 else { return }
            skipped += count
            skipReasons[reason, default: 0] += count
        }
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
    /// Why the run stopped: "halt" or "require X".
    var stopReason = ""
    var summary = SQLLogicTestRunner.Summary()
}
