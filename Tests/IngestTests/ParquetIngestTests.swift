import Columnar
import Foundation
import Ingest
import Parquet
import Storage
import TableFormat
import Testing

/// `ParquetIngest`: creating the table from the first file, upserting later files, and refusing sources or
/// options that do not fit the table without committing anything.
@Suite("Parquet ingest")
struct ParquetIngestTests {
    static let schema = Schema([Field("id", .int64, nullable: false), Field("ts", .int64), Field("city", .string)])

    /// Writes rows of (id, ts, city) to a Parquet file and returns it as a source.
    static func source(_ rows: [(Int64, Int64, String)], schema: Schema = schema, name: String = "in") throws -> IngestSource {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-ingest-\(UUID().uuidString).parquet").path
        let values: [[Value]] = rows.map { [.int($0.0), .int($0.1), .string($0.2)] }
        let columns = schema.fields.indices.map { c in Vector(type: schema.fields[c].type, values: values.map { $0[c] }) }
        let writer = try ParquetWriter(sink: try FileSink(path: path), schema: schema)
        try writer.write(Batch(schema: schema, columns: columns))
        _ = try writer.close()
        return IngestSource(name: name) { try FileSource(path: path) }
    }

    static func snapshot(_ store: any ObjectStore) throws -> [[Value]] {
        var scan = try HudiTable.open(store: store, path: "t").snapshot(options: HudiReadOptions(columns: ["id", "ts", "city"]))
        return try scan.collect().flatMap(\.rows).sorted { "\($0[0])" < "\($1[0])" }
    }

    @Test("creates the table, then upserts by key and precombine")
    func createThenUpsert() throws {
        let store = MemoryStore(name: "ingest-\(UUID().uuidString)")
        var options = IngestOptions(recordKeyFields: ["id"], precombineField: "ts", partitionFields: ["city"], operation: .upsert)
        let first = try ParquetIngest.run([try Self.source([(1, 1, "sf"), (2, 1, "la")])], store: store, path: "t", options: options)
        #expect(first.createdTable && first.rowsRead == 2)
        options.operation = .upsert
        let second = try ParquetIngest.run([try Self.source([(1, 5, "sf"), (2, 0, "la")]), try Self.source([(3, 1, "sf")])],
                                           store: store, path: "t", options: options)
        #expect(!second.createdTable && second.files == 2 && second.rowsRead == 3)
        // id 2's older precombine value loses; id 1's newer one wins.
        #expect(try Self.snapshot(store) == [[.int(1), .int(5), .string("sf")], [.int(2), .int(1), .string("la")], [.int(3), .int(1), .string("sf")]])
        #expect(try HudiTable.open(store: store, path: "t").timeline.completedCommits.count == 2)
    }

    @Test("a source with a new column evolves the table; one without a table column reads it as null")
    func evolves() throws {
        let store = MemoryStore(name: "ingest-\(UUID().uuidString)")
        let options = IngestOptions(recordKeyFields: ["id"], precombineField: "ts")
        _ = try ParquetIngest.run([try Self.source([(1, 1, "sf")])], store: store, path: "t", options: options)
        let wider = Schema(Self.schema.fields + [Field("fare", .float64, nullable: false)])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-ingest-wider-\(UUID().uuidString).parquet").path
        let writer = try ParquetWriter(sink: try FileSink(path: path), schema: wider)
        try writer.write(Batch(schema: wider, columns: [Vector(type: .int64, values: [.int(2)]), Vector(type: .int64, values: [.int(1)]),
                                                        Vector(type: .string, values: [.string("la")]), Vector(type: .float64, values: [.float(9.5)])]))
        _ = try writer.close()
        _ = try ParquetIngest.run([IngestSource(name: "wider.parquet") { try FileSource(path: path) }], store: store, path: "t", options: options)
        let table = try HudiTable.open(store: store, path: "t")
        #expect(table.dataSchema.fields.map(\.name) == ["id", "ts", "city", "fare"])
        var scan = try table.snapshot(options: HudiReadOptions(columns: ["id", "fare"]))
        let rows = try scan.collect().flatMap(\.rows).sorted { "\($0[0])" < "\($1[0])" }
        #expect(rows == [[.int(1), .null], [.int(2), .float(9.5)]])
    }

    @Test("a source with an incompatible column, or a different key, commits nothing")
    func refusals() throws {
        let store = MemoryStore(name: "ingest-\(UUID().uuidString)")
        let options = IngestOptions(recordKeyFields: ["id"], precombineField: "ts")
        _ = try ParquetIngest.run([try Self.source([(1, 1, "sf")])], store: store, path: "t", options: options)
        let wrong = Schema([Field("id", .int64, nullable: false), Field("ts", .string), Field("city", .string)])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-ingest-wrong-\(UUID().uuidString).parquet").path
        let writer = try ParquetWriter(sink: try FileSink(path: path), schema: wrong)
        try writer.write(Batch(schema: wrong, columns: [Vector(type: .int64, values: [.int(9)]), Vector(type: .string, values: [.string("x")]),
                                                        Vector(type: .string, values: [.string("sf")])]))
        _ = try writer.close()
        #expect(throws: (any Error).self) {
            _ = try ParquetIngest.run([IngestSource(name: "wrong.parquet") { try FileSource(path: path) }], store: store, path: "t", options: options)
        }
        #expect(throws: IngestError.self) {
            _ = try ParquetIngest.run([try Self.source([(2, 1, "la")])], store: store, path: "t",
                                      options: IngestOptions(recordKeyFields: ["city"]))
        }
        #expect(throws: IngestError.self) {
            _ = try ParquetIngest.run([try Self.source([(2, 1, "la")])], store: MemoryStore(name: "ingest-\(UUID().uuidString)"),
                                      path: "t", options: IngestOptions(recordKeyFields: ["nope"]))
        }
        let table = try HudiTable.open(store: store, path: "t")
        #expect(table.timeline.completedCommits.count == 1 && table.timeline.pendingInstants.isEmpty)
        #expect(try Self.snapshot(store) == [[.int(1), .int(1), .string("sf")]])
    }
}
