import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

/// Writes into tables Spark wrote (every data type, simple, complex and non-partitioned keys, v6 and v8): the
/// upserted and overwritten tables must still read the same in hudi-rs as in Sluice.
@Suite("Writes into Spark-written tables", .enabled(if: HudiCorpus.available && HudiCorpus.python != nil,
                                                     "needs ../shared/corpus/hudi and a Python with hudi==0.5.0; skipped"))
struct WriteSparkTablesTests {
    static let tables = HudiCorpus.copyOnWrite.filter {
        ($0.contains("_v6_") || $0.contains("_v8_")) && !$0.contains("empty") && !$0.contains("no_metafields")
            && !$0.contains("timebased")
    }

    /// A private copy of a corpus table, to write into.
    static func copy(_ name: String) throws -> URL {
        let source = try HudiCorpus.unzip(name)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-spark-write-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let table = target.appendingPathComponent(source.lastPathComponent + "-\(UUID().uuidString.prefix(6))")
        try FileManager.default.copyItem(at: source, to: table)
        return table
    }

    @Test("upsert every row back, then insert_overwrite the first partition", arguments: tables)
    func upsertAndOverwrite(_ name: String) throws {
        let path = try Self.copy(name)
        defer { try? FileManager.default.removeItem(at: path.deletingLastPathComponent()) }
        let store = try LocalStore(root: path.path)
        let before = try HudiTable.open(store: store, path: "")
        var scan = try before.snapshot(options: HudiReadOptions(columns: before.dataSchema.fields.map(\.name)))
        let rows = try scan.collect()
        let count = rows.reduce(0) { $0 + $1.rowCount }
        let client = HudiWriteClient(store: store, basePath: "")
        let upsert = try client.write(rows, operation: .upsert)
        #expect(upsert.metadata.writeStats.map(\.numUpdateWrites).reduce(0, +) == Int64(count), "\(name)")
        #expect(upsert.metadata.writeStats.map(\.numInserts).reduce(0, +) == 0, "\(name)")
        try HudiRsInteropTests.compare(path: path, name: name + " after upsert")
        try client.write(rows.prefix(1), operation: .insertOverwrite)
        try HudiRsInteropTests.compare(path: path, name: name + " after insert_overwrite")
    }
}
