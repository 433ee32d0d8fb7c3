import Foundation
import Parquet
import Testing

/// Acceptance 1 and 2 of the Parquet issue: every corpus file is read and matches its per-leaf summary, or is
/// rejected with a ParquetError (encrypted files with `.encrypted`), within a time bound and without a crash.
/// Without ../shared the suite is skipped with a message, except on CI (CI=true), where that is a failure.
@Suite(.serialized) struct ConformanceTests {
    static let ready = Corpus.isAvailable || Corpus.isCI
    /// Read only under `make test-long`: the row group holds two 1 GiB strings.
    static let longFiles: Set<String> = ["data/large_string_map.brotli.parquet"]
    /// Seconds for a long file in a debug build: about 20 s of CPU (brotli, the reader, SHA-256 over 2 GiB on
    /// swift-crypto) and under 3 minutes on a loaded 2-core machine; peak RSS about 4 GiB.
    static let longFileTimeLimit: Double = 600

    @Test("parquet-testing corpus", .enabled(if: ready, Comment(rawValue: Corpus.missingMessage)))
    func parquetTesting() throws {
        try run("parquet-testing.expected.json")
    }

    @Test("generated corpus", .enabled(if: ready, Comment(rawValue: Corpus.missingMessage)))
    func generated() throws {
        try run("generated.expected.json")
    }

    private func run(_ manifest: String) throws {
        guard Corpus.isAvailable else {
            Issue.record(Comment(rawValue: Corpus.missingMessage))
            return
        }
        let runner = ConformanceRunner(manifest: manifest, reader: ConformanceRunner.parquetReader)
        var passed = 0, failed = 0, skipped = 0
        for entry in try Corpus.entries(manifest) {
            if Self.longFiles.contains(entry.file) && !Corpus.runsLongTests {
                print("conformance skip  \(entry.file): \(entry.reason) (runs under make test-long)")
                skipped += 1
                continue
            }
            let started = Date()
            var fileRunner = runner
            if Self.longFiles.contains(entry.file) { fileRunner.timeLimit = Self.longFileTimeLimit }
            let mismatches = fileRunner.check(entry)
            let seconds = String(format: "%.2f s", Date().timeIntervalSince(started))
            if mismatches.isEmpty {
                passed += 1
                print("conformance ok    \(entry.file) [\(entry.expect.rawValue)] \(seconds)")
            } else {
                failed += 1
                print("conformance FAIL  \(entry.file) [\(entry.expect.rawValue)] \(seconds): \(mismatches.count) mismatches")
                for mismatch in mismatches.prefix(20) {
                    Issue.record(Comment(rawValue: mismatch.description))
                    print("    \(mismatch)")
                }
            }
        }
        print("conformance \(manifest): \(passed) files passed, \(failed) failed, \(skipped) skipped")
    }

    /// CRC verification on: the two corrupt-checksum files are rejected with `.checksum`, and the files
    /// with correct CRCs still read and match.
    @Test(.enabled(if: ready, Comment(rawValue: Corpus.missingMessage)), arguments: [
        ("data/datapage_v1-corrupt-checksum.parquet", false),
        ("data/rle-dict-uncompressed-corrupt-checksum.parquet", false),
        ("data/datapage_v1-uncompressed-checksum.parquet", true),
        ("data/plain-dict-uncompressed-checksum.parquet", true),
    ])
    func checksumVerification(file: String, valid: Bool) throws {
        try #require(Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage))
        let manifest = "parquet-testing.expected.json"
        let entry = try #require(try Corpus.entries(manifest).first { $0.file == file }, "\(file) has no entry")
        let runner = ConformanceRunner(manifest: manifest, reader: ConformanceRunner.parquetReader)
        let path = Corpus.path(manifest, file)
        let outcome = ConformanceRunner.bounded(seconds: runner.timeLimit) {
            try ConformanceRunner.parquetReader(path, true, [], false)
        }
        switch (valid, outcome) {
        case (true, _):
            var strict = entry
            strict.expect = .read
            let mismatches = runner.judge(strict, outcome)
            #expect(mismatches.isEmpty, "\(mismatches.map(\.description))")
        case (false, .threw(let error as ParquetError)):
            #expect(error.code == .checksum, "\(file): \(error.code): \(error.message)")
        case (false, let other):
            Issue.record("\(file) with CRC verification: expected ParquetError.checksum, got \(other)")
        }
    }

    /// Every fixture in parquet-testing has an entry the suite above runs, and every bad_data/ fixture is one
    /// to reject: a new corrupt file without an expectation fails here.
    @Test(.enabled(if: ready, Comment(rawValue: Corpus.missingMessage)))
    func everyFixtureHasAnEntry() throws {
        try #require(Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage))
        let entries = Dictionary(uniqueKeysWithValues: try Corpus.entries("parquet-testing.expected.json").map { ($0.file, $0) })
        let root = Corpus.root.appendingPathComponent("parquet-testing")
        var fixtures: [String] = []
        for folder in ["data", "bad_data"] {
            let base = root.appendingPathComponent(folder)
            let walker = try #require(FileManager.default.enumerator(atPath: base.path))
            for case let relative as String in walker where relative.hasSuffix(".parquet") || relative.hasSuffix(".parquet.encrypted") {
                fixtures.append(folder + "/" + relative)
            }
        }
        #expect(fixtures.contains { $0.hasPrefix("bad_data/") }, "no bad_data fixtures found under \(root.path)")
        for file in fixtures.sorted() {
            guard let entry = entries[file] else {
                Issue.record("\(file) has no entry in parquet-testing.expected.json: the conformance test would not run it")
                continue
            }
            if file.hasPrefix("bad_data/") {
                #expect(entry.expect != .read, "\(file) is in bad_data/ but expected to read")
            }
        }
    }
}
