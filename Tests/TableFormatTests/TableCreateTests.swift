import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

@Suite("Table create")
struct TableCreateTests {
    static let schema = Schema([Field("id", .int64, nullable: false), Field("name", .string), Field("ts", .int64),
                                Field("price", .decimal(precision: 10, scale: 2)), Field("day", .date),
                                Field("tags", .list(Field("element", .string))), Field("city", .string)])

    static func options(version: Int, partitioned: Bool = true) -> HudiTableOptions {
        HudiTableOptions(name: "trips", schema: schema, recordKeyFields: ["id"], precombineField: "ts",
                         partitionFields: partitioned ? ["city"] : [], version: version, hiveStyle: true)
    }

    @Test("v6 and v8 properties, checksum, schema read back", arguments: [6, 8])
    func create(version: Int) throws {
        let store = MemoryStore(name: "create-\(version)")
        let table = try HudiTable.create(store: store, path: "w/trips", options: TableCreateTests.options(version: version))
        #expect(table.config.name == "trips")
        #expect(try table.config.tableVersion == version)
        #expect(try table.config.timelineLayoutVersion == (version == 6 ? 1 : 2))
        #expect(table.config.timelineTimezone == "UTC")
        #expect(table.config.recordKeyFields == ["id"])
        #expect(table.config.partitionFields == ["city"])
        #expect(table.config.keyGenerator == (version == 6 ? "org.apache.hudi.keygen.SimpleKeyGenerator" : "SIMPLE"))
        #expect(table.config["hoodie.table.checksum"] == String(HoodieTableConfig.checksum(databaseName: "default", tableName: "trips")))
        #expect(table.config["hoodie.table.checksum"] == "2200697520")
        #expect(table.dataSchema == TableCreateTests.schema)
        #expect(table.timeline.instants.isEmpty)
        let text = String(decoding: try store.get("w/trips/.hoodie/hoodie.properties"), as: UTF8.self)
        #expect(text.split(separator: "\n").last?.hasPrefix("hoodie.table.checksum=") == true)
        #expect(text.contains(#"hoodie.table.create.schema={"type"\:"record","name"\:"trips_record","namespace"\:"hoodie.trips","fields"\:[{"name"\:"id","type"\:"long"},{"name"\:"name","type"\:["null","string"],"default"\:null}"#))
        if version == 8 {
            #expect(table.config["hoodie.record.merge.mode"] == "EVENT_TIME_ORDERING")
            #expect(table.config[HoodieTableConfig.Key.keyGeneratorClass] == nil)
        } else {
            #expect(table.config["hoodie.archivelog.folder"] == "archived")
        }
    }

    @Test("creating over an existing table fails and leaves it unchanged")
    func exists() throws {
        let store = MemoryStore(name: "create-twice")
        _ = try HudiTable.create(store: store, path: "t", options: TableCreateTests.options(version: 6))
        let before = try store.get("t/.hoodie/hoodie.properties")
        var other = TableCreateTests.options(version: 8)
        other.name = "other"
        let error = #expect(throws: TableFormatError.self) { _ = try HudiTable.create(store: store, path: "t", options: other) }
        #expect(error?.message.contains("already a Hudi table") == true)
        #expect(try store.get("t/.hoodie/hoodie.properties") == before)
    }

    @Test("bad options are refused")
    func badOptions() {
        var options = TableCreateTests.options(version: 6)
        options.recordKeyFields = ["nope"]
        #expect(throws: TableFormatError.self) { _ = try HudiTable.create(store: MemoryStore(name: "bad1"), path: "t", options: options) }
        options = TableCreateTests.options(version: 7)
        #expect(throws: TableFormatError.self) { _ = try HudiTable.create(store: MemoryStore(name: "bad2"), path: "t", options: options) }
        options = TableCreateTests.options(version: 6)
        options.schema.fields.append(Field("small", .int8))
        #expect(throws: TableFormatError.self) { _ = try HudiTable.create(store: MemoryStore(name: "bad3"), path: "t", options: options) }
        options = TableCreateTests.options(version: 6, partitioned: false)
        options.keyGenerator = .simple
        #expect(throws: TableFormatError.self) { _ = try HudiTable.create(store: MemoryStore(name: "bad4"), path: "t", options: options) }
    }
}
