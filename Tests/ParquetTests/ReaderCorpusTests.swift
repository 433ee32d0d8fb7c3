import Columnar
import Foundation
import Testing
@testable import Parquet
import TestSupport

/// Every corpus file end to end, against the expected summaries: files the reference readers read must give
/// their row count; files they reject must throw a `ParquetError` (never trap or hang).
@Suite struct ReaderCorpusTests {
    static let corpus = SharedCorpus.path("parquet") + "/"

    struct Entry: CustomTestStringConvertible, Sendable {
        let path: String
        let expect: String
        let rows: Int?
        var testDescription: String { path }
    }

    /// Its 2 x 1 GiB strings take minutes to decompress: read only under `make test-long`
    /// (SLUICE_LONG_TESTS), as in ConformanceTests; whole row groups overflow one vector.
    static let tooLargeForOneVector: Set<String> = ["parquet-testing/data/large_string_map.brotli.parquet"]
    static let runsLongTests = ProcessInfo.processInfo.environment["SLUICE_LONG_TESTS"] != nil

    static func entries() -> [Entry] {
        ["parquet-testing", "generated"].flatMap { set -> [Entry] in
            guard let data = FileManager.default.contents(atPath: corpus + set + ".expected.json"),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let entries = json["entries"] as? [[String: Any]] else { return [] }
            return entries.compactMap { entry in
                guard let file = entry["file"] as? String, let expect = entry["expect"] as? String else { return nil }
                return Entry(path: set + "/" + file, expect: expect, rows: entry["num_rows"] as? Int)
            }
        }
    }

    static func readAll(_ path: String) throws -> Int {
        let reader = try ParquetFileReader(source: try FileSource(path: corpus + path))
        var iterator = reader.makeBatchIterator()
        var rows = 0
        while let batch = try iterator.next() { rows += batch.count }
        return rows
    }

    @Test func corpusIsPresent() {
        #expect(Self.entries().count > 100)
    }

    @Test(arguments: entries())
    func file(_ entry: Entry) throws {
        switch entry.expect {
        case "read" where Self.tooLargeForOneVector.contains(entry.path) && !Self.runsLongTests:
            break
        case "read":
            #expect(try Self.readAll(entry.path) == entry.rows)
        case "error":
            #expect(throws: ParquetError.self) { try Self.readAll(entry.path) }
        default:
            do { _ = try Self.readAll(entry.path) } catch is ParquetError {}
        }
    }

    /// Small batches cut records across pages; they must give the same rows as whole row groups.
    @Test(arguments: entries().filter { $0.expect == "read" && !tooLargeForOneVector.contains($0.path) })
    func batchesMatchWholeRowGroups(_ entry: Entry) throws {
        var options = ParquetReadOptions()
        options.batchSize = 7
        let reader = try ParquetFileReader(source: try FileSource(path: Self.corpus + entry.path), options: options)
        var iterator = reader.makeBatchIterator()
        var batched: [[Value]] = []
        while let batch = try iterator.next() {
            #expect(batch.count <= 7)
            batched += batch.rows
        }
        var whole: [[Value]] = []
        for index in 0..<reader.rowGroupCount {
            let columns = try reader.readRowGroup(index)
            let schema = reader.projectedSchema
            whole += Batch(schema: schema, columns: columns, count: Int(reader.metadata.rowGroups[index].numRows)).rows
        }
        #expect(batched == whole)
    }
}
