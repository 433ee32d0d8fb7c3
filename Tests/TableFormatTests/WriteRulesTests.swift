import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

@Suite("Write rules")
struct WriteRulesTests {
    typealias F = WriteFixtures

    static func table(_ label: String, _ options: HudiTableOptions = F.options()) throws -> (MemoryStore, HudiWriteClient) {
        let store = MemoryStore(name: label)
        _ = try HudiTable.create(store: store, path: "t", options: options)
        return (store, HudiWriteClient(store: store, basePath: "t"))
    }

    @Test("one write: duplicates keep the greater precombine value, the later row on a tie")
    func deduplicate() throws {
        let (store, client) = try Self.table("dedupe")
        let result = try client.write([F.batch([(1, "old", 7, "sf"), (2, "first", 5, "sf")]),
                                       F.batch([(1, "older", 6, "sf"), (2, "second", 5, "sf"), (3, "x", 1, "sf")])], operation: .upsert)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()) == F.expected([(1, "old", 7, "sf"), (2, "second", 5, "sf"), (3, "x", 1, "sf")]))
        #expect(result.metadata.writeStats.map(\.numWrites).reduce(0, +) == 3)
    }

    @Test("without a precombine field the later duplicate wins")
    func deduplicateByArrival() throws {
        let (store, client) = try Self.table("dedupe-arrival", F.options(precombine: false))
        try client.write([F.batch([(1, "a", 9, "sf"), (1, "b", 1, "sf")])], operation: .insert)
        try client.write([F.batch([(1, "c", 0, "sf")])], operation: .upsert)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()) == F.expected([(1, "c", 0, "sf")]))
    }

    @Test("against the table: a greater stored value keeps the record and its meta values; a tie goes to the incoming record")
    func precombineAgainstTable() throws {
        let (store, client) = try Self.table("against")
        let first = try client.write([F.batch([(1, "a", 10, "sf"), (2, "b", 10, "sf")])], operation: .insert)
        let before = try F.records(HudiTable.open(store: store, path: "t").snapshot())
        let second = try client.write([F.batch([(1, "stale", 9, "sf"), (2, "tie", 10, "sf")])], operation: .upsert)
        let table = try HudiTable.open(store: store, path: "t")
        #expect(try F.rows(table.snapshot()) == F.expected([(1, "a", 10, "sf"), (2, "tie", 10, "sf")]))
        let after = try F.records(table.snapshot())
        #expect(after[0]["_hoodie_commit_time"] == .string(first.instant.requestedTime))
        #expect(after[0]["_hoodie_commit_seqno"] == before[0]["_hoodie_commit_seqno"])
        #expect(after[0]["_hoodie_file_name"] != before[0]["_hoodie_file_name"])
        #expect(after[1]["_hoodie_commit_time"] == .string(second.instant.requestedTime))
        #expect(second.metadata.writeStats.map(\.numUpdateWrites) == [1])
        #expect(try F.rows(table.incremental(begin: first.instant.requestedTime)) == F.expected([(2, "tie", 10, "sf")]))
    }

    @Test("meta columns: commit time, Spark-style seqno, simple and complex keys, partition path, own file name", arguments: [false, true])
    func metaColumns(complex: Bool) throws {
        let (store, client) = try Self.table("meta\(complex)", F.options(hiveStyle: true, keys: complex ? ["id", "name"] : ["id"]))
        let result = try client.write([F.batch([(1, "a", 1, "sf"), (2, "b", 1, "sf"), (3, "c", 1, "la")])], operation: .insert)
        let table = try HudiTable.open(store: store, path: "t")
        let files = Dictionary(uniqueKeysWithValues: try table.latestFileSlices().map { ($0.partitionPath, $0.baseFile.fileName) })
        #expect(Set(files.keys) == ["city=sf", "city=la"])
        let instant = result.instant.requestedTime
        for record in try F.records(table.snapshot()) {
            guard case .int(let id) = record["id"], case .string(let name) = record["name"], case .string(let city) = record["city"],
                  case .string(let seqno) = record["_hoodie_commit_seqno"] else {
                Issue.record("unexpected record \(record)")
                continue
            }
            #expect(record["_hoodie_commit_time"] == .string(instant))
            #expect(record["_hoodie_record_key"] == .string(complex ? "id:\(id),name:\(name)" : "\(id)"))
            #expect(record["_hoodie_partition_path"] == .string("city=\(city)"))
            #expect(record["_hoodie_file_name"] == .string(files["city=\(city)"]!))
            let parts = seqno.split(separator: "_")
            #expect(parts.count == 3 && parts[0] == instant && Int(parts[1]) != nil && Int(parts[2]) != nil)
        }
        let metadata = String(decoding: try store.get("t/city=sf/.hoodie_partition_metadata"), as: UTF8.self)
        #expect(metadata.contains("commitTime=\(instant)\npartitionDepth=1\n"))
    }

    @Test("delete by keys rewrites only the file groups holding them")
    func delete() throws {
        let (store, client) = try Self.table("delete")
        try client.write([F.batch([(1, "a", 1, "sf"), (2, "b", 1, "sf"), (3, "c", 1, "la")])], operation: .insert)
        let result = try client.write([F.batch([(2, nil, 0, "sf"), (9, nil, 0, "sf"), (3, nil, 0, "sf")])], operation: .delete)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()) == F.expected([(1, "a", 1, "sf"), (3, "c", 1, "la")]))
        #expect(result.metadata.writeStats.map(\.partitionPath) == ["sf"])
        #expect(result.metadata.writeStats.map(\.numDeletes) == [1])
        #expect(result.metadata.operationType == "DELETE")
    }

    @Test("insert_overwrite replaces the partitions written; insert_overwrite_table replaces every file group")
    func overwrite() throws {
        let (store, client) = try Self.table("overwrite")
        try client.write([F.batch([(1, "a", 1, "sf"), (2, "b", 1, "la")])], operation: .insert)
        let partial = try client.write([F.batch([(3, "c", 1, "sf")])], operation: .insertOverwrite)
        #expect(partial.instant.action == .replaceCommit)
        #expect(Array(partial.metadata.partitionToReplaceFileIds.keys) == ["sf"])
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()) == F.expected([(2, "b", 1, "la"), (3, "c", 1, "sf")]))
        let all = try client.write([F.batch([(4, "d", 1, "ny")])], operation: .insertOverwriteTable)
        #expect(Set(all.metadata.partitionToReplaceFileIds.keys) == ["sf", "la"])
        let table = try HudiTable.open(store: store, path: "t")
        #expect(try F.rows(table.snapshot()) == F.expected([(4, "d", 1, "ny")]))
        #expect(try F.rows(table.snapshot(asOf: partial.instant.requestedTime)) == F.expected([(2, "b", 1, "la"), (3, "c", 1, "sf")]))
        #expect(try store.exists("t/.hoodie/\(all.instant.requestedTime).replacecommit.requested"))
    }

    @Test("bulk_insert keeps duplicates and never packs into existing files")
    func bulkInsert() throws {
        let (store, client) = try Self.table("bulk")
        let first = try client.write([F.batch([(1, "a", 1, "sf")])], operation: .bulkInsert)
        let second = try client.write([F.batch([(2, "b", 1, "sf"), (2, "b", 1, "sf")])], operation: .bulkInsert)
        #expect(second.metadata.writeStats.map(\.prevCommit) == [nil])
        #expect(second.metadata.writeStats[0].fileId != first.metadata.writeStats[0].fileId)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()).count == 3)
    }

    @Test("incoming columns must be the table's")
    func schemaMismatch() throws {
        let (_, client) = try Self.table("schema")
        let wrong = Batch(schema: Schema([Field("id", .int64)]), columns: [Vector(type: .int64, values: [.int(1)])])
        let error = #expect(throws: TableFormatError.self) { try client.write([wrong], operation: .insert) }
        #expect(error?.code == .schemaMismatch)
    }

    struct FailingIndex: HoodieIndex {
        func locate(keys: [String], partitionPath: String, slices: [FileSlice]) throws -> [String: String] {
            throw TableFormatError(.io, "index unavailable")
        }
    }

    @Test("a failed write leaves no files and no pending instant")
    func abort() throws {
        let (store, client) = try Self.table("abort")
        try client.write([F.batch([(1, "a", 1, "sf")])], operation: .insert)
        let before = try store.listAll(prefix: "").objects.map(\.key)
        var failing = client
        failing.options.index = FailingIndex()
        #expect(throws: TableFormatError.self) { try failing.write([F.batch([(1, "b", 2, "sf")])], operation: .upsert) }
        #expect(try store.listAll(prefix: "").objects.map(\.key) == before)
    }
}
