import Columnar
import Foundation
@testable import Ingest
import Storage
import TableFormat
import Testing

/// Bulk insert by two workers, each reading a byte range of one big local CSV file (or whole files) and
/// writing its own file groups: the table, the counts and the quarantine (file-wide line numbers and row
/// ordinals) are those of one reader; a cut inside a quoted field falls back to reading the file whole.
@Suite("Parallel ingest")
struct ParallelIngestTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-ingest-\(UUID().uuidString)").path

    /// `rows` records `id,v,note`: every 613th has two fields (malformed), every 401st an empty key (fails
    /// NOT NULL on the key, a validation reject), and `quoted` adds a 3,000-line quoted note at row `rows / 2`.
    static func csv(rows: Int, quoted: Bool = false) -> String {
        var text = "id,v,note\n"
        for n in 1...rows {
            if n % 613 == 0 {
                text += "\(n),\(n * 3)\n"
            } else if quoted && n == rows / 2 {
                text += "\(n),\(n * 3),\"" + String(repeating: "a, b\n", count: 3_000) + "\"\n"
            } else {
                text += (n % 401 == 0 ? "" : "\(n)") + ",\(n * 3),note \(n)\n"
            }
        }
        return text
    }

    /// Ingests `in/` into `table` with `parallelism` workers; returns the report, the table's (id, v) rows
    /// and the quarantine's (line, error) rows, both sorted.
    func run(_ table: String, parallelism: Int, onError: RowErrorPolicy = .quarantine) throws -> (IngestReport, [[Value]], [[Value]]) {
        let store = try LocalStore(root: root)
        var options = IngestOptions(recordKeyFields: ["id"], operation: .bulkInsert)
        options.quarantine = (store, table + "_quarantine")
        options.onError = onError
        options.parallelism = parallelism
        options.minimumSplitBytes = 10_000
        let report = try IncrementalIngest(source: SourceLocation(store: store, prefix: "in/"), store: store, path: table, options: options).run()
        var scan = try HudiTable.open(store: store, path: table).snapshot(options: HudiReadOptions(columns: ["id", "v"]))
        let rows = try scan.collect().flatMap(\.rows).sorted { "\($0[0])" < "\($1[0])" }
        guard report.quarantined > 0 else { return (report, rows, []) }
        var quarantine = try HudiTable.open(store: store, path: table + "_quarantine")
            .snapshot(options: HudiReadOptions(columns: ["_quarantine_key", "line", "error"]))
        return (report, rows, try quarantine.collect().flatMap(\.rows).sorted { "\($0[0])" < "\($1[0])" })
    }

    func baseFiles(_ table: String) throws -> [String] {
        try LocalStore(root: root).listAll(prefix: table + "/").objects.map(\.key).filter { $0.hasSuffix(".parquet") }
    }

    func put(_ name: String, _ text: String) throws {
        try LocalStore(root: root).put("in/" + name, Array(text.utf8))
    }

    @Test("one CSV file cut into two ranges loads the rows, counts and quarantine of one reader")
    func rangesMatchOneReader() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try put("a.csv", Self.csv(rows: 6_000))
        let (serial, serialRows, serialRejects) = try run("serial", parallelism: 1)
        let (parallel, rows, rejects) = try run("parallel", parallelism: 2)
        #expect((serial.rowsRead, serial.ingested, serial.quarantined) == (6_000, 6_000 - 9 - 14, 9 + 14))
        #expect((parallel.rowsRead, parallel.ingested, parallel.quarantined) == (serial.rowsRead, serial.ingested, serial.quarantined))
        #expect(rows == serialRows)
        #expect(rejects == serialRejects)
        #expect(rejects.contains { $0[1] == .int(5_518) })
        // One file group per worker, where one reader writes one.
        #expect(try baseFiles("serial").count == 1 && baseFiles("parallel").count == 2)
    }

    @Test("several files are shared between the workers; --on-error fail names the first bad line")
    func filesAndFailure() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try put("a.csv", "id,v,note\n1,2,x\n2,4,y\n")
        try put("b.csv", Self.csv(rows: 3_000))
        let (report, rows, _) = try run("t", parallelism: 2)
        #expect(report.files == 2 && rows.count == report.ingested && report.rowsRead == 3_002)
        // The first bad record is in the second half, read by the second worker.
        try put("c.csv", "id,v,note\n" + (1...6_000).map { $0 == 4_500 ? "\($0),x,bad\n" : "\($0),1,fine\n" }.joined())
        #expect {
            _ = try run("t", parallelism: 2, onError: .fail)
        } throws: { error in
            "\(error)".contains("c.csv, line 4501:")
        }
        #expect(try HudiTable.open(store: LocalStore(root: root), path: "t").timeline.completedCommits.count == 1)
    }

    @Test("a cut inside a quoted field: the file is read whole, the table is one reader's")
    func cutInsideQuotes() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let text = Self.csv(rows: 2_000, quoted: true)
        try put("a.csv", text)
        // The cut goes after the first LF past the middle: inside the quoted note, whose lines are 5 bytes.
        let bytes = Array(text.utf8)
        let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\"") }
        #expect(quotes.count == 2 && quotes[0] < bytes.count / 2 && bytes.count / 2 + 10 < quotes[1])
        let (serial, serialRows, serialRejects) = try run("serial", parallelism: 1)
        let (parallel, rows, rejects) = try run("parallel", parallelism: 2)
        #expect(serial.rowsRead == 2_000 && parallel.rowsRead == 2_000)
        #expect(rows == serialRows && rejects == serialRejects)
        #expect(try HudiTable.open(store: LocalStore(root: root), path: "parallel").timeline.completedCommits.count == 1)
    }
}
