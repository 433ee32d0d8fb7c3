import Columnar
import Foundation
import Parquet
import Storage
import Testing
@testable import TableFormat

/// An upsert whose records all update a file group in place (no inserts, deletes nor precombine field) copies
/// the column chunks no update changes instead of encoding them again: the new file's chunks of those columns
/// are the old file's bytes, the others are new, and Sluice, pyarrow and hudi-rs read the updated rows.
@Suite("Write, unchanged column chunks copied", .enabled(if: HudiCorpus.python != nil,
                                                       "needs a Python with pyarrow and hudi==0.5.0; skipped"))
struct WriteColumnCopyTests {
    typealias F = WriteFixtures
    typealias Row = (Int64, String?, Int64, String)

    /// The table's only base file: its key, and per row group the bytes of each column's chunk.
    static func chunks(_ store: any ObjectStore) throws -> (key: String, groups: [[String: [UInt8]]]) {
        let slices = try HudiTable.open(store: store, path: "t").latestFileSlices()
        try #require(slices.count == 1)
        let bytes = try store.get(slices[0].baseFile.key)
        let meta = try ParquetFileReader(source: MemorySource(bytes)).metadata
        let groups = try meta.rowGroups.indices.map { group in
            Dictionary(uniqueKeysWithValues: try ColumnChunkCopy.chunks(of: bytes, metadata: meta, rowGroup: group).map {
                ($0.metaData.pathInSchema.joined(separator: "."), $0.pages)
            })
        }
        return (slices[0].baseFile.key, groups)
    }

    /// What pyarrow reads in the file, in row order: id, name as UTF-8 hex (so canonically equivalent strings
    /// stay apart), file name.
    static func pyarrowRows(_ file: URL) throws -> [[String?]] {
        let script = """
            import json, sys, pyarrow.parquet as pq
            rows = pq.read_table(sys.argv[1]).to_pylist()
            json.dump([[str(r['id']), None if r['name'] is None else r['name'].encode().hex(), r['_hoodie_file_name']] for r in rows], sys.stdout)
            """
        let json = try HudiCorpus.run(try #require(HudiCorpus.python), ["-c", script, file.path])
        return try JSONDecoder().decode([[String?]].self, from: Data(json.utf8))
    }

    static func hex(_ text: String?) -> String? { text.map { $0.utf8.map { String(format: "%02x", $0) }.joined() } }

    @Test("chunks of unchanged columns are the old bytes; every reader sees the updates in their rows' places")
    func copiesUnchangedColumns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-column-copy-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try LocalStore(root: dir.path)
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false, precombine: false))
        // The base file is written without dictionaries and the upserts with: a chunk encoded again comes out
        // in other bytes, so equal bytes prove a copy.
        var options = HudiWriteOptions(targetFileSize: 100 << 20)
        options.parquet.rowGroupRows = 1000
        options.parquet.dictionary = false
        var rows: [Row] = (0..<3500).map { (Int64($0), "name-\($0)", Int64($0 % 13), "sf") }
        try HudiWriteClient(store: store, basePath: "t", options: options).write([F.batch(rows)], operation: .insert)
        options.parquet.dictionary = true
        let client = HudiWriteClient(store: store, basePath: "t", options: options)
        let before = try Self.chunks(store)
        try #require(before.groups.count == 4)
        // Row groups 0, 1 and 3 get updates (one to null, one to the value it had); row group 2 none.
        let updates: [Row] = [5, 17, 999, 1000, 1500, 3001, 3499].map { (id: Int) -> Row in
            let name: String? = id == 1500 ? nil : id == 17 ? "name-17" : "new-\(id)"
            return (Int64(id), name, Int64(id % 13), "sf")
        }
        for update in updates { rows[Int(update.0)] = update }
        try client.write([F.batch(updates.reversed())], operation: .upsert)
        let after = try Self.chunks(store)
        try #require(after.groups.count == 4)
        for (g, (old, new)) in zip(before.groups, after.groups).enumerated() {
            for column in ["_hoodie_record_key", "_hoodie_partition_path", "id", "ts", "city"] {
                #expect(new[column] == old[column], "row group \(g), \(column) copied")
            }
            for column in ["name", "_hoodie_commit_time", "_hoodie_commit_seqno"] {
                #expect((new[column] != old[column]) == (g != 2), "row group \(g), \(column) re-encoded only with updates")
            }
            #expect(new.count == 9)
            #expect(new["_hoodie_file_name"] != old["_hoodie_file_name"])
        }
        let table = try HudiTable.open(store: store, path: "t")
        #expect(try F.rows(table.snapshot()) == F.expected(rows))
        let fileName = String(after.key.split(separator: "/").last ?? "")
        let seen = try Self.pyarrowRows(dir.appendingPathComponent(after.key))
        #expect(seen.map { $0.first ?? nil } == rows.map { String($0.0) })
        #expect(seen.map { $0.count > 1 ? $0[1] : "?" } == rows.map { Self.hex($0.1) })
        #expect(seen.allSatisfy { $0.last == fileName })
        try HudiRsInteropTests.compare(path: dir.appendingPathComponent("t"), name: "column copy")
        try Self.inserts(client, store: store, dir: dir, rows: &rows, previous: after.groups)
    }

    /// Inserts follow the copied row groups in a row group of their own; the next inserts are encoded with that
    /// small last row group rather than after it. The footer filter is the one built from every key in row order.
    static func inserts(_ client: HudiWriteClient, store: any ObjectStore, dir: URL, rows: inout [Row],
                        previous: [[String: [UInt8]]]) throws {
        rows[2] = (2, "two", 2, "sf")
        rows += (3500..<3510).map { (Int64($0), "ins-\($0)", 1, "sf") }
        try client.write([F.batch(Array(rows[3500...]) + [rows[2]])], operation: .upsert)
        let first = try Self.chunks(store)
        #expect(first.groups.count == 5)
        for g in 1..<4 { #expect(first.groups[g]["name"] == previous[g]["name"], "row group \(g) copied") }
        rows += (3510..<3520).map { (Int64($0), "more-\($0)", 1, "sf") }
        try client.write([F.batch(Array(rows[3510...]))], operation: .upsert)
        let second = try Self.chunks(store)
        #expect(second.groups.count == 5)
        for g in 0..<4 { #expect(second.groups[g]["id"] == first.groups[g]["id"], "row group \(g) copied") }
        let seen = try Self.pyarrowRows(dir.appendingPathComponent(second.key))
        #expect(seen.map { $0.first ?? nil } == rows.map { String($0.0) })
        #expect(seen.map { $0.count > 1 ? $0[1] : "?" } == rows.map { Self.hex($0.1) })
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()) == F.expected(rows))
        let footer = try ParquetFileReader(source: MemorySource(try store.get(second.key))).metadata.keyValueMetadata ?? []
        let rebuilt = try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: rows.map { String($0.0) }, config: HoodieBloomIndexConfig())
        #expect(WriteMergeInPlaceTests.hudiEntries(footer) == rebuilt)
        try HudiRsInteropTests.compare(path: dir.appendingPathComponent("t"), name: "column copy with inserts")
    }

    @Test("an update to a canonically equivalent string is written in its own bytes")
    func canonicalEquivalence() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-column-copy-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try LocalStore(root: dir.path)
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false, precombine: false))
        let client = HudiWriteClient(store: store, basePath: "t")
        try client.write([F.batch((0..<50).map { (Int64($0), $0 == 7 ? "caf\u{E9}" : "n\($0)", 1, "sf") })], operation: .insert)
        try client.write([F.batch([(7, "cafe\u{301}", 1, "sf")])], operation: .upsert)
        let seen = try Self.pyarrowRows(dir.appendingPathComponent(try Self.chunks(store).key))
        #expect(seen.count == 50)
        #expect(seen.first { $0.first == "7" }?[1] == Self.hex("cafe\u{301}"))
        #expect(HoodieColumnCopyMerge.sameBytes(.float(0.0), .float(-0.0)) == false)
        #expect(HoodieColumnCopyMerge.sameBytes(.string("caf\u{E9}"), .string("cafe\u{301}")) == false)
        #expect(HoodieColumnCopyMerge.sameBytes(.string("x"), .string("x")))
    }
}
