import Foundation

/// The corpus other people's writers made (`../shared/corpus` beside the checkout): Parquet files, Spark-written
/// Hudi tables, SQLite's sqllogictest files, the TPC-H queries. Found through `$SLUICE_SHARED`, else the nearest
/// `shared/corpus` in the checkout's parent or one of its ancestors (a git worktree sits deeper than a clone).
/// Suites that need it are enabled only when it is there, with a reason that shows in the test output; under CI
/// (`CI` set) the suites that guard themselves treat a missing corpus as a failure.
public enum SharedCorpus {
    public static let root: URL? = {
        if let shared = ProcessInfo.processInfo.environment["SLUICE_SHARED"] {
            return URL(fileURLWithPath: shared).appendingPathComponent("corpus")
        }
        // Tests/TestSupport/SharedCorpus.swift -> the package root.
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for _ in 0..<3 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("shared/corpus")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.standardizedFileURL }
        }
        return nil
    }()

    /// `relative` inside the corpus (e.g. "parquet/parquet-testing/data"); under a missing root it names
    /// `../shared/corpus`, so a failure message still says where the file was expected.
    public static func url(_ relative: String) -> URL {
        (root ?? URL(fileURLWithPath: "../shared/corpus")).appendingPathComponent(relative)
    }

    public static func path(_ relative: String) -> String { url(relative).path }

    /// Whether `relative` exists in the corpus.
    public static func has(_ relative: String) -> Bool {
        root != nil && FileManager.default.fileExists(atPath: path(relative))
    }

    /// Under CI a missing corpus fails instead of skipping.
    public static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return value == "true" || value == "1"
    }
}
