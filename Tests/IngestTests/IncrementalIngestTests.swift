import Columnar
import Foundation
import Ingest
import Storage
import TableFormat
import Testing

/// `IncrementalIngest`: files are ingested once, with the checkpoint and lineage in the commit; rejected rows
/// are quarantined and counted; CDC deletes, commit sizes and changed files.
@Suite("Incremental ingest")
struct IncrementalIngestTests {
    let source = MemoryStore(name: "ingest-src-\(UUID().uuidString)")
    let target = MemoryStore(name: "ingest-table-\(UUID().uuidString)")

    func options(_ configure: (inout IngestOptions) -> Void = { _ in }) -> IngestOptions {
        var options = IngestOptions(recordKeyFields: ["id"], precombineField: "ts")
        options.quarantine = (target, "t_quarantine")
        options.deleteColumn = "op"
        options.expectations = ["amount >= 0"]
        configure(&options)
        return options
    }

    func run(_ options: IngestOptions) throws -> IngestReport {
        try IncrementalIngest(source: SourceLocation(store: source, prefix: "in/"), store: target, path: "t", options: options).run()
    }

    func rows(_ path: String, _ columns: [String]) throws -> [[Value]] {
        var scan = try HudiTable.open(store: target, path: path).snapshot(options: HudiReadOptions(columns: columns))
        return try scan.collect().flatMap(\.rows).sorted { "\($0[0])" < "\($1[0])" }
    }

    @Test("files are ingested once; the commit lists them; rejects are quarantined and counted")
    func exactlyOnce() throws {
        try source.put("in/a.csv", Array("id,ts,amount,op\n1,1,2.5,I\n2,1,oops,I\n3,1,-1,I\n4,1,1,I\n".utf8))
        try source.put("in/b.jsonl", Array("{\"id\":4,\"ts\":2,\"amount\":3,\"op\":\"D\"}\n{\"id\":1,\"ts\":0,\"amount\":9,\"op\":\"U\"}\n{broken\n".utf8))
        try source.put("in/notes.md", Array("not data".utf8))
        var opts = options()
        opts.schema = Schema([Field("id", .int64), Field("ts", .int64), Field("amount", .float64), Field("op", .string)])
        let first = try run(opts)
        #expect(first.files == 2 && first.rowsRead == 7)
        #expect(first.ingested == 4 && first.quarantined == 3 && first.skipped == 0)
        // id 4 deleted by the newer delete; id 1's late update (ts 0) ignored.
        #expect(try rows("t", ["id", "ts", "amount"]) == [[.int(1), .int(1), .float(2.5)]])
        #expect(try rows("t_quarantine", ["line", "stage"]).count == 3)
        let table = try HudiTable.open(store: target, path: "t")
        let metadata = try table.commitMetadata(try #require(table.timeline.latestCompletedCommit))
        #expect(metadata.extraMetadata[IngestCheckpoint.streamerKey] != nil)
        #expect(try IngestCheckpoint.files(in: metadata, instant: "x").map(\.location).sorted()
            == ["\(source.uri)/in/a.csv", "\(source.uri)/in/b.jsonl"])
        let again = try run(opts)
        #expect(again.commits.isEmpty && again.alreadyIngested == 2)
        #expect(try rows("t_quarantine", ["line"]).count == 3)
    }

    @Test("--max-files cuts a run into commits; a changed file is reported, re-ingested only when asked")
    func commitsAndChanges() throws {
        for n in 0..<5 { try source.put("in/f\(n).csv", Array("id,ts,amount,op\n\(n),1,1,I\n".utf8)) }
        let report = try run(options { $0.maxFiles = 2 })
        #expect(report.commits.map(\.files.count) == [2, 2, 1])
        try source.put("in/f0.csv", Array("id,ts,amount,op\n0,2,5,I\n".utf8))
        let changed = try run(options())
        #expect(changed.commits.isEmpty && changed.changed.map(\.key) == ["in/f0.csv"])
        let reingested = try run(options { $0.reingestChanged = true })
        #expect(reingested.files == 1)
        #expect(try rows("t", ["id", "amount"]).first == [.int(0), .int(5)])
    }

    @Test("--on-error fail commits nothing; skip counts")
    func policies() throws {
        try source.put("in/a.csv", Array("id,ts,amount,op\n1,1,2.5,I\n2,1,-3,I\n".utf8))
        #expect(throws: IngestError.self) { _ = try run(options { $0.onError = .fail }) }
        #expect(try HudiTable.open(store: target, path: "t").timeline.completedCommits.isEmpty)
        let skipped = try run(options { $0.onError = .skip })
        #expect((skipped.ingested, skipped.skipped, skipped.quarantined) == (1, 1, 0))
    }

    @Test("a later file's new column and wider type evolve the table; older rows read null")
    func evolution() throws {
        try source.put("in/a.csv", Array("id,ts,qty\n1,1,5\n".utf8))
        _ = try run(options { $0.deleteColumn = nil; $0.expectations = [] })
        try source.put("in/b.csv", Array("id,ts,qty,color\n2,1,2.5,red\n".utf8))
        _ = try run(options { $0.deleteColumn = nil; $0.expectations = [] })
        #expect(try rows("t", ["id", "qty", "color"]) == [[.int(1), .float(5), .null], [.int(2), .float(2.5), .string("red")]])
        try source.put("in/c.csv", Array("id,ts,qty,size\n3,1,1,9\n".utf8))
        #expect(throws: IngestError.self) {
            _ = try run(options { $0.deleteColumn = nil; $0.expectations = []; $0.schemaMode = .freeze })
        }
    }

    @Test("--transform shapes the rows written; --since-column takes only rows above the last maximum")
    func transformAndSince() throws {
        try source.put("in/a.csv", Array("id,ts,amount\n1,10,5\n2,11,6\n".utf8))
        let configure = { (o: inout IngestOptions) in
            o.deleteColumn = nil
            o.expectations = ["doubled > 10"]
            o.transform = "SELECT id, ts, amount * 2 AS doubled FROM source"
            o.sinceColumn = "ts"
        }
        let first = try run(options(configure))
        #expect((first.rowsRead, first.ingested, first.quarantined) == (2, 1, 1))
        try source.put("in/a.csv", Array("id,ts,amount\n1,10,5\n2,11,6\n3,12,7\n".utf8))
        let second = try run(options(configure))
        #expect((second.rowsRead, second.ingested, second.skipped) == (3, 1, 2))
        #expect(try rows("t", ["id", "doubled"]) == [[.int(2), .int(12)], [.int(3), .int(14)]])
    }

    @Test("glob patterns: * within a segment, ** across, ? one character")
    func globs() throws {
        for key in ["in/a.csv", "in/x/b.csv", "in/x/y/c.json", "in/d.parquet", "in/.hidden.csv"] { try source.put(key, [0]) }
        let names = { (pattern: String) in
            try SourceLocation(store: source, prefix: "in/", pattern: pattern).list().map(\.key).sorted()
        }
        #expect(try names("in/*.csv") == ["in/a.csv"])
        #expect(try names("in/**/*.csv") == ["in/a.csv", "in/x/b.csv"])
        #expect(try names("in/**") == ["in/a.csv", "in/d.parquet", "in/x/b.csv", "in/x/y/c.json"])
        #expect(try names("in/?.parquet") == ["in/d.parquet"])
    }

    @Test("a local source that does not exist is an error naming it, and no folder is created for it")
    func missingLocalSource() throws {
        let missing = NSTemporaryDirectory() + "sluice-missing-\(UUID().uuidString)"
        for argument in [missing + "/orders.csv", missing, missing + "/*.csv"] {
            let error = #expect(throws: IngestError.self) { try SourceLocation.parse(argument) }
            #expect(error?.code == .noSources)
            #expect(error?.message.contains(argument) == true)
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
