import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

@Suite("Write delete markers")
struct WriteDeleteMarkerTests {
    typealias F = WriteFixtures

    /// `rows` with an `op_delete` column after the data columns.
    static func marked(_ rows: [(Int64, String?, Int64, String)], deleted: [Value]) -> Batch {
        let data = F.batch(rows)
        return Batch(schema: Schema(data.schema.fields + [Field("op_delete", .boolean)]),
                     columns: data.columns + [Vector(type: .boolean, values: deleted)])
    }

    static func client(_ store: MemoryStore, extra: [String: String] = [:]) -> HudiWriteClient {
        var options = HudiWriteOptions()
        options.deleteMarkerField = "op_delete"
        options.extraMetadata = extra
        return HudiWriteClient(store: store, basePath: "t", options: options)
    }

    @Test("one upsert updates, inserts and deletes; a delete older than the stored record and one of a missing key change nothing")
    func upsertWithDeletes() throws {
        let store = MemoryStore(name: "marker")
        _ = try HudiTable.create(store: store, path: "t", options: F.options())
        try HudiWriteClient(store: store, basePath: "t").write([F.batch([(1, "a", 5, "sf"), (2, "b", 5, "sf"), (3, "c", 5, "la")])],
                                                               operation: .insert)
        let batch = Self.marked([(1, "a2", 6, "sf"), (2, nil, 6, "sf"), (3, nil, 4, "la"), (4, "d", 1, "la"), (9, nil, 9, "sf")],
                                deleted: [.null, .bool(true), .bool(true), .bool(false), .bool(true)])
        let result = try Self.client(store, extra: ["checkpoint": "files-1", "schema": "ignored"]).write([batch], operation: .upsert)
        let table = try HudiTable.open(store: store, path: "t")
        #expect(try F.rows(table.snapshot()) == F.expected([(1, "a2", 6, "sf"), (3, "c", 5, "la"), (4, "d", 1, "la")]))
        #expect(result.metadata.writeStats.map(\.numDeletes).reduce(0, +) == 1)
        #expect(result.metadata.writeStats.map(\.numUpdateWrites).reduce(0, +) == 1)
        #expect(result.metadata.writeStats.map(\.numInserts).reduce(0, +) == 1)
        let stored = try table.commitMetadata(result.instant)
        #expect(stored.extraMetadata["checkpoint"] == "files-1")
        #expect(stored.extraMetadata["schema"]?.contains("\"op_delete\"") == false)
        #expect(table.dataSchema == F.schema)
    }

    @Test("within one batch the greater precombine decides between an update and a delete of the same key")
    func deduplicateAgainstDelete() throws {
        let store = MemoryStore(name: "marker-dedupe")
        _ = try HudiTable.create(store: store, path: "t", options: F.options())
        let batch = Self.marked([(1, "x", 2, "sf"), (1, nil, 3, "sf"), (2, nil, 1, "sf"), (2, "y", 2, "sf")],
                                deleted: [.bool(false), .bool(true), .bool(true), .bool(false)])
        try Self.client(store).write([batch], operation: .upsert)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()) == F.expected([(2, "y", 2, "sf")]))
    }

    @Test("a marker column that is missing or not boolean, or a marker on another operation, fails before writing")
    func rejected() throws {
        let store = MemoryStore(name: "marker-bad")
        _ = try HudiTable.create(store: store, path: "t", options: F.options())
        #expect(throws: TableFormatError.self) { try Self.client(store).write([F.batch([(1, "a", 1, "sf")])], operation: .upsert) }
        #expect(throws: TableFormatError.self) {
            try Self.client(store).write([Self.marked([(1, "a", 1, "sf")], deleted: [.bool(false)])], operation: .insert)
        }
        let data = F.batch([(1, "a", 1, "sf")])
        let text = Batch(schema: Schema(data.schema.fields + [Field("op_delete", .string)]),
                         columns: data.columns + [Vector(type: .string, values: [.string("D")])])
        #expect(throws: TableFormatError.self) { try Self.client(store).write([text], operation: .upsert) }
        #expect(try HudiTable.open(store: store, path: "t").timeline.instants.isEmpty)
    }
}
