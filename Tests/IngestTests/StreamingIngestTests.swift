import Columnar
import Foundation
@testable import Ingest
import Storage
import Synchronization
import TableFormat
import Testing

/// Rows stream from the reading thread through validation into the write: a bulk insert bigger than a file
/// group writes several base files in one commit, with counts and rejects known only at the end, and a
/// failure after files were written leaves nothing behind.
@Suite("Streaming ingest")
struct StreamingIngestTests {
    let source = MemoryStore(name: "stream-src-\(UUID().uuidString)")
    let target = MemoryStore(name: "stream-table-\(UUID().uuidString)")

    /// `rows` CSV records `id,v` with malformed records at the lines in `bad` (1-based data lines).
    func csv(rows: Int, bad: Set<Int>) -> [UInt8] {
        var text = "id,v\n"
        for n in 1...rows { text += bad.contains(n) ? "\(n),not-a-number\n" : "\(n),\(n * 3)\n" }
        return Array(text.utf8)
    }

    func run(_ configure: (inout IngestOptions) -> Void) throws -> IngestReport {
        var options = IngestOptions(recordKeyFields: ["id"], operation: .bulkInsert)
        options.quarantine = (target, "t_quarantine")
        options.schema = Schema([Field("id", .int64), Field("v", .int64)])
        // About 1,000 rows per file group, so groups are written while the file is still being read.
        options.write.recordSizeEstimate = 100
        options.write.targetFileSize = 100_000
        configure(&options)
        return try IncrementalIngest(source: SourceLocation(store: source, prefix: "in/"), store: target, path: "t", options: options).run()
    }

    func baseFiles() throws -> [String] {
        try target.listAll(prefix: "t/").objects.map(\.key).filter { $0.hasSuffix(".parquet") }
    }

    @Test("a bulk insert of many file groups is one commit with exact counts, rejects quarantined")
    func bulkInsertStreams() throws {
        try source.put("in/a.csv", csv(rows: 9_000, bad: [3, 8_999]))
        let report = try run { _ in }
        #expect(report.commits.count == 1)
        #expect((report.rowsRead, report.ingested, report.quarantined) == (9_000, 8_998, 2))
        #expect(try baseFiles().count >= 8)
        var scan = try HudiTable.open(store: target, path: "t").snapshot(options: HudiReadOptions(columns: ["id", "v"]))
        let rows = try scan.collect().flatMap(\.rows)
        #expect(rows.count == 8_998 && Set(rows.map { $0[0] }).count == 8_998)
        #expect(rows.allSatisfy { row in
            if case .int(let id) = row[0], case .int(let v) = row[1] { return v == id * 3 }
            return false
        })
        var quarantine = try HudiTable.open(store: target, path: "t_quarantine").snapshot(options: HudiReadOptions(columns: ["line"]))
        #expect(Set(try quarantine.collect().flatMap(\.rows).map { $0[0] }) == [.int(4), .int(9000)])
        let table = try HudiTable.open(store: target, path: "t")
        let metadata = try table.commitMetadata(try #require(table.timeline.latestCompletedCommit))
        let files = try IngestCheckpoint.files(in: metadata, instant: "x")
        #expect(files.map(\.rowsRead) == [9_000] && files.map(\.quarantined) == [2])
    }

    @Test("--on-error fail on the last record, after file groups were written: no commit, no base file left")
    func failureLeavesNothing() throws {
        try source.put("in/a.csv", csv(rows: 9_000, bad: [9_000]))
        #expect(throws: IngestError.self) { _ = try run { $0.onError = .fail } }
        #expect(try HudiTable.open(store: target, path: "t").timeline.completedCommits.isEmpty)
        #expect(try baseFiles().isEmpty)
        let retried = try run { $0.onError = .skip }
        #expect((retried.ingested, retried.skipped) == (8_999, 1))
    }

    static func batch(_ n: Int) -> Batch {
        Batch(schema: Schema([Field("n", .int64)]), columns: [Vector(type: .int64, values: [.int(Int64(n))])])
    }

    struct Boom: Error {}

    @Test("the prefetcher hands over every batch in order, then the producer's result or error")
    func prefetcherOrder() throws {
        let prefetcher = BatchPrefetcher<Int>(depth: 3) { emit in
            for n in 0..<500 { try emit(Self.batch(n)) }
            return 500
        }
        var seen: [Int64] = []
        while let batch = try prefetcher.next() {
            if case .int(let n) = batch.columns[0].value(at: 0) { seen.append(n) }
        }
        #expect(seen == (0..<500).map(Int64.init) && prefetcher.finished == 500)
        let failing = BatchPrefetcher<Int>(depth: 2) { emit in
            for n in 0..<3 { try emit(Self.batch(n)) }
            throw Boom()
        }
        var count = 0
        #expect(throws: Boom.self) { while try failing.next() != nil { count += 1 } }
        #expect(count == 3 && failing.finished == nil)
    }

    @Test("closing early stops the producer at its next batch and waits for it")
    func prefetcherClose() throws {
        let produced = ProducedCount()
        let prefetcher = BatchPrefetcher<Int>(depth: 2) { emit in
            for n in 0..<100_000 {
                try emit(Self.batch(n))
                produced.increment()
            }
            return 0
        }
        #expect(try prefetcher.next() != nil)
        prefetcher.close()
        #expect(produced.value < 10)
        #expect(try prefetcher.next() == nil)
    }
}

/// A count two threads may touch.
final class ProducedCount: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
