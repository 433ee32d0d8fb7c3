import Columnar
import Storage
import Testing
@testable import TableFormat

@Suite("Schema evolution")
struct SchemaEvolutionTests {
    static let file = Schema([Field("id", .int32), Field("s", .structure([Field("a", .int32)])), Field("f", .float32),
                              Field("l", .list(Field("item", .int32)))])
    static let table = Schema([Field("id", .int64), Field("s", .structure([Field("a", .float64), Field("b", .string)])),
                               Field("f", .float64), Field("l", .list(Field("element", .int64))), Field("extra", .date),
                               Field("text", .string)])

    static func batch() -> Batch {
        let columns = [
            Vector(type: .int32, values: [.int(1), .null, .int(-3)]),
            Vector(type: .structure([Field("a", .int32)]), values: [.structure([.int(7)]), .null, .structure([.null])]),
            Vector(type: .float32, values: [.float(1.5), .float(2), .null]),
            Vector(type: .list(Field("item", .int32)), values: [.list([.int(1), .int(2)]), .list([]), .null]),
        ]
        return Batch(schema: file, columns: columns)
    }

    @Test("widening, nested fields added, missing columns null, selection kept")
    func evolves() throws {
        var batch = Self.batch()
        batch.schema.fields.append(Field("text", .int64))
        batch.columns.append(Vector(type: .int64, values: [.int(-12), .int(0), .null]))
        batch.selection = SelectionVector([0, 2])
        let out = try SchemaEvolution.evolve(batch, to: Self.table, file: "f.parquet")
        #expect(out.schema == Self.table)
        #expect(out.rows == [
            [.int(1), .structure([.float(7), .null]), .float(1.5), .list([.int(1), .int(2)]), .null, .string("-12")],
            [.int(-3), .structure([.null, .null]), .null, .null, .null, .null],
        ])
    }

    @Test("incompatible types and missing required columns name the file and column")
    func rejects() throws {
        let narrowing = Schema([Field("id", .int8)])
        let error = #expect(throws: TableFormatError.self) { _ = try SchemaEvolution.evolve(Self.batch(), to: narrowing, file: "x.parquet") }
        #expect(error?.message.contains("x.parquet") == true && error?.message.contains("'id'") == true)
        let required = Schema([Field("missing", .int32, nullable: false)])
        #expect(throws: TableFormatError.self) { _ = try SchemaEvolution.evolve(Self.batch(), to: required, file: "x.parquet") }
    }

    @Test("ObjectByteSource: ranged reads, tail cache, bounds")
    func objectByteSource() throws {
        let store = MemoryStore(name: "byte-source-test")
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try store.put("k", bytes)
        let source = try ObjectByteSource(store: store, key: "k")
        #expect(source.size == bytes.count)
        #expect(try source.read(offset: 10, count: 5) == Array(bytes[10..<15]))
        #expect(try source.read(offset: bytes.count - 8, count: 8) == Array(bytes[(bytes.count - 8)...]))
        #expect(try source.read(offset: 150_000, count: 50_000) == Array(bytes[150_000...]))
        #expect(throws: (any Error).self) { _ = try source.read(offset: bytes.count - 1, count: 2) }
        #expect(throws: (any Error).self) { _ = try source.read(offset: -1, count: 1) }
        #expect(throws: TableFormatError.self) { _ = try ObjectByteSource(store: store, key: "absent") }
    }
}
