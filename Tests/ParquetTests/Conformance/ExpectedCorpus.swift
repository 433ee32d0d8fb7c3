import Foundation
import Testing
import TestSupport

/// One file's entry in `parquet-testing.expected.json` or `generated.expected.json` (format: the "format"
/// field at the top of those files, made by ../shared/corpus/parquet/expected.py).
struct ExpectedEntry: Decodable, Sendable, CustomTestStringConvertible {
    var file: String
    var tier: String
    var expect: Expectation
    var reason: String
    var numRows: Int?
    var columns: [String]?
    var topLevelNulls: [String: Int]?
    var summary: [String: ExpectedLeaf]?
    var summarySource: String?

    enum Expectation: String, Decodable, Sendable {
        case read
        case error
        case errorOrRead = "error_or_read"
    }

    enum CodingKeys: String, CodingKey {
        case file, tier, expect, reason, columns, summary
        case numRows = "num_rows"
        case topLevelNulls = "top_level_nulls"
        case summarySource = "summary_source"
    }

    var testDescription: String { file }
    var isEncrypted: Bool { tier == "unsupported-encryption" }
}

/// One leaf's expected summary; absent fields stay nil.
struct ExpectedLeaf: Decodable, Sendable {
    var kind: String
    var arrowType: String?
    var slots: Int
    var nulls: Int
    var count: Int
    var min: String?
    var max: String?
    var minSHA256: String?
    var minLength: Int?
    var maxSHA256: String?
    var maxLength: Int?
    var sum: String?
    var totalBytes: String?
    var nanCount: Int?
    var digest: String
    var unit: String?
    var tz: String?
    var precision: Int?
    var scale: Int?
    var rawValues: [RawInt96?]?

    struct RawInt96: Decodable, Sendable {
        var nanosOfDay: Int64
        var julianDay: Int32
        enum CodingKeys: String, CodingKey {
            case nanosOfDay = "nanos_of_day"
            case julianDay = "julian_day"
        }

        /// Exact nanoseconds since the Unix epoch.
        var nanoseconds: Int128 { Int128(Int64(julianDay) - 2_440_588) * 86_400_000_000_000 + Int128(nanosOfDay) }
    }

    enum CodingKeys: String, CodingKey {
        case kind, slots, nulls, count, min, max, sum, digest, unit, tz, precision, scale
        case arrowType = "arrow_type"
        case minSHA256 = "min_sha256"
        case minLength = "min_len"
        case maxSHA256 = "max_sha256"
        case maxLength = "max_len"
        case totalBytes = "total_bytes"
        case nanCount = "nan_count"
        case rawValues = "raw_values"
    }
}

/// The shared corpus's Parquet files (../shared/corpus/parquet, see `SharedCorpus`).
enum Corpus {
    static let root: URL = SharedCorpus.url("parquet")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("parquet-testing.expected.json").path)
    }

    /// CI must not skip: a missing corpus there is a failure, not a skip.
    static var isCI: Bool { SharedCorpus.isCI }

    /// The slow cases (the 2 GiB-string file) run only under `make test-long`.
    static var runsLongTests: Bool { ProcessInfo.processInfo.environment["SLUICE_LONG_TESTS"] != nil }

    static let missingMessage = "Parquet corpus not found at \(root.path) (clone with ../shared beside it, or set SLUICE_SHARED)"

    /// Entries of `parquet-testing.expected.json` or `generated.expected.json`, in file order.
    static func entries(_ manifest: String) throws -> [ExpectedEntry] {
        struct Manifest: Decodable { var entries: [ExpectedEntry] }
        let data = try Data(contentsOf: root.appendingPathComponent(manifest))
        return try JSONDecoder().decode(Manifest.self, from: data).entries
    }

    /// Entries for parameterized tests: empty when the corpus is missing (the suites then report that).
    static func entriesOrEmpty(_ manifest: String) -> [ExpectedEntry] {
        (try? entries(manifest)) ?? []
    }

    static func path(_ manifest: String, _ file: String) -> String {
        let folder = manifest.hasPrefix("generated") ? "generated" : "parquet-testing"
        return root.appendingPathComponent(folder).appendingPathComponent(file).path
    }
}
