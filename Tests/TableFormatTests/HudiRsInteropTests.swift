import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

/// Acceptance 1: for every copy-on-write table of the corpus, Sluice returns the rows hudi-rs returns for the
/// snapshot, time travel to every completed instant and incremental reads between consecutive instants.
@Suite("hudi-rs interop", .enabled(if: HudiCorpus.available && HudiCorpus.python != nil,
                                   "needs ../shared/corpus/hudi and a Python with hudi==0.5.0 (make deps)"))
struct HudiRsInteropTests {
    struct ExpectedRead {
        var kind: String
        var args: [String]
        var columns: [String]
        var rows: [String]?
        var error: String?
    }

    static func expected(_ tablePath: URL, readOptimized: Bool = false) throws -> [ExpectedRead] {
        let out = HudiCorpus.unzipRoot.appendingPathComponent(tablePath.lastPathComponent + "\(readOptimized ? "-ro" : "")-expected.json")
        try HudiCorpus.run(HudiCorpus.python!, [HudiCorpus.root.appendingPathComponent("scripts/interop/hudi_expected.py").path]
                           + (readOptimized ? ["--read-optimized"] : []) + [tablePath.path, out.path])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as! [String: Any]
        return (json["reads"] as! [[String: Any]]).map {
            ExpectedRead(kind: $0["kind"] as! String, args: $0["args"] as! [String], columns: $0["columns"] as? [String] ?? [],
                         rows: $0["rows"] as? [String], error: $0["error"] as? String)
        }
    }

    @Test("same rows as hudi-rs", arguments: HudiCorpus.copyOnWrite)
    func sameRows(_ name: String) throws {
        try compare(name, readOptimized: false)
    }

    @Test("merge-on-read, read-optimized view: same rows as hudi-rs in read-optimized mode",
          arguments: HudiCorpus.tables { $0.contains("_mor_") && !$0.contains("lance") })
    func readOptimized(_ name: String) throws {
        try compare(name, readOptimized: true)
    }

    func compare(_ name: String, readOptimized: Bool) throws {
        try Self.compare(path: try HudiCorpus.unzip(name), name: name, readOptimized: readOptimized)
    }

    /// Reads the table at `path` as hudi-rs did (every read of hudi_expected.py) and expects the same rows.
    static func compare(path: URL, name: String, readOptimized: Bool = false) throws {
        let reads = try Self.expected(path, readOptimized: readOptimized)
        #expect(!reads.isEmpty)
        let table = try HudiTable.open(store: try LocalStore(root: path.path), path: "")
        let options = HudiReadOptions(readOptimized: readOptimized)
        for read in reads {
            let label = "\(name) \(read.kind)(\(read.args.joined(separator: ", ")))"
            let result: Result<[Batch], Error> = Result {
                var scan: HudiScan
                switch read.kind {
                case "snapshot": scan = try table.snapshot(options: options)
                case "asOf": scan = try table.snapshot(asOf: read.args[0], options: options)
                default: scan = try table.incremental(begin: read.args[0], end: read.args[1], options: options)
                }
                return try scan.collect()
            }
            if read.kind == "incremental", !table.config.populatesMetaFields {
                // hudi-rs returns the slices unfiltered; Sluice refuses, as Java does.
                let error = #expect(throws: TableFormatError.self, "\(label)") { _ = try result.get() }
                #expect(error?.code == .unsupported)
                continue
            }
            switch (result, read.rows) {
            case (.success(let batches), let rows?):
                let actual = CanonicalRow.rows(batches, columns: read.columns)
                #expect(actual == rows, "\(label)")
                if !rows.isEmpty {
                    #expect(table.schema.fields.map(\.name) == read.columns, "\(label): columns")
                }
            case (.failure(let error), let rows?):
                Issue.record("\(label): hudi-rs returned \(rows.count) rows, Sluice threw \(error)")
            case (.success(let batches), nil):
                Issue.record("\(label): hudi-rs failed (\(read.error ?? "")), Sluice returned \(batches.reduce(0) { $0 + $1.rowCount }) rows")
            case (.failure, nil):
                break
            }
        }
    }
}
