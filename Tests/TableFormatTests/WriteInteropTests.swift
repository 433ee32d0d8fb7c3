import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat
import TestSupport

/// Tables Sluice writes, read by hudi-rs: the snapshot, time travel to every instant and incremental reads
/// between consecutive instants must return what Sluice's reader returns.
@Suite("Write interop with hudi-rs", .enabled(if: HudiCorpus.python != nil,
                                              "needs a Python with hudi==0.5.0 (the project .venv or $SLUICE_PYTHON); skipped"))
struct WriteInteropTests {
    typealias F = WriteFixtures

    struct Layout: CustomTestStringConvertible, Sendable {
        var version: Int
        var partitioned: Bool
        var hiveStyle: Bool
        var keys: [String]
        var testDescription: String { "v\(version) \(partitioned ? (hiveStyle ? "hive" : "plain") : "non-partitioned") keys \(keys.joined(separator: ","))" }
    }

    static let layouts = [
        Layout(version: 6, partitioned: false, hiveStyle: false, keys: ["id"]),
        Layout(version: 6, partitioned: true, hiveStyle: false, keys: ["id"]),
        Layout(version: 6, partitioned: true, hiveStyle: true, keys: ["id", "name"]),
        Layout(version: 8, partitioned: false, hiveStyle: false, keys: ["id"]),
        Layout(version: 8, partitioned: true, hiveStyle: true, keys: ["id"]),
        Layout(version: 8, partitioned: true, hiveStyle: false, keys: ["id", "name"]),
    ]

    @Test("insert, upsert, delete, insert_overwrite, insert_overwrite_table: hudi-rs reads what Sluice reads", arguments: layouts)
    func operations(layout: Layout) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-write-interop")
        let store = try LocalStore(root: dir.path)
        // The expected-rows file is named after the table folder, so each run gets its own.
        let path = "t-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(at: dir.appendingPathComponent(path)) }
        var options = F.options(version: layout.version, partitioned: layout.partitioned, hiveStyle: layout.hiveStyle, keys: layout.keys)
        options.name = "interop"
        _ = try HudiTable.create(store: store, path: path, options: options)
        try HudiRsInteropTests.compare(path: dir.appendingPathComponent(path), name: layout.testDescription + " empty")
        let client = HudiWriteClient(store: store, basePath: path)
        try client.write([F.batch([(1, "a", 10, "sf"), (2, "b", 10, "sf"), (3, "c", 10, "nyc"), (4, "d", 10, "la")])], operation: .insert)
        try client.write([F.batch([(2, "b", 12, "sf"), (5, "e", 11, "nyc")]), F.batch([(3, "c", 9, "nyc")])], operation: .upsert)
        try client.write([F.batch([(1, "a", 0, "sf")])], operation: .delete)
        try client.write([F.batch([(6, "f", 13, "nyc")])], operation: .insertOverwrite)
        try client.write([F.batch([(7, "g", 14, "sf"), (8, nil, 14, "")])], operation: .bulkInsert)
        let table = try HudiTable.open(store: store, path: path)
        #expect(table.timeline.completedCommits.count == 5)
        try HudiRsInteropTests.compare(path: dir.appendingPathComponent(path), name: layout.testDescription)
        try client.write([F.batch([(9, "h", 15, "sf")])], operation: .insertOverwriteTable)
        try HudiRsInteropTests.compare(path: dir.appendingPathComponent(path), name: layout.testDescription + " after overwrite table")
    }
}
