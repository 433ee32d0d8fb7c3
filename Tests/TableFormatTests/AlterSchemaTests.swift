import Columnar
import Storage
import Testing
@testable import TableFormat

/// `HudiTable.alterSchema`: Hudi's ALTER TABLE commit (empty, operationType ALTER_SCHEMA, the new Avro schema in
/// extraMetadata) that later reads and writes take as the table schema.
@Suite struct AlterSchemaTests {
    @Test(arguments: [6, 8])
    func addedColumnReadsNullInOlderFiles(version: Int) throws {
        for store in try WriteFixtures.stores("alter-\(version)") {
            var table = try HudiTable.create(store: store, path: "t", options: WriteFixtures.options(version: version))
            try HudiWriteClient(table: table).write([WriteFixtures.batch([(1, "a", 1, "sf"), (2, "b", 1, "la")])], operation: .upsert)
            table = try HudiTable.open(store: store, path: "t")
            let evolved = Schema(WriteFixtures.schema.fields + [Field("tip", .float64)])
            let instant = try table.alterSchema(evolved)
            table = try HudiTable.open(store: store, path: "t")
            let metadata = try table.commitMetadata(instant)
            #expect(metadata.operationType == "ALTER_SCHEMA")
            #expect(metadata.writeStats.isEmpty)
            #expect(metadata.schema?.contains("\"tip\"") == true)
            #expect(table.dataSchema.fields.map(\.name) == ["id", "name", "ts", "city", "tip"])
            var scan = try table.snapshot()
            let tips = try scan.collect().flatMap { batch in
                (0..<batch.rowCount).map { batch.columns[batch.schema.index(of: "tip")!].value(at: batch.physicalRow($0)) }
            }
            #expect(tips == [.null, .null])
        }
    }

    @Test func narrowingIsRefusedBeforeAnythingIsWritten() throws {
        let store = MemoryStore(name: "alter-narrow")
        var table = try HudiTable.create(store: store, path: "t", options: WriteFixtures.options())
        try HudiWriteClient(table: table).write([WriteFixtures.batch([(1, "a", 1, "sf")])], operation: .upsert)
        table = try HudiTable.open(store: store, path: "t")
        let before = table.timeline.instants.count
        var fields = WriteFixtures.schema.fields
        fields[1].type = .int32
        #expect(throws: TableFormatError.self) { try table.alterSchema(Schema(fields)) }
        #expect(throws: TableFormatError.self) { try table.alterSchema(WriteFixtures.schema) }
        #expect(try HudiTable.open(store: store, path: "t").timeline.instants.count == before)
    }
}
