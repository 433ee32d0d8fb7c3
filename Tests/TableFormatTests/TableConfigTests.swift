import Foundation
import Testing
@testable import TableFormat

@Suite("hoodie.properties")
struct TableConfigTests {
    static let v6 = """
    #Properties saved on 2026-11-22T03:16:46.336Z
    #Sun Nov 22 03:16:46 UTC 2026
    hoodie.table.name=trips
    hoodie.table.type=COPY_ON_WRITE
    hoodie.table.version=6
    hoodie.timeline.layout.version=1
    hoodie.database.name=default
    hoodie.table.recordkey.fields=id,name
    hoodie.table.precombine.field=ts
    hoodie.table.partition.fields=city,day
    hoodie.table.keygenerator.class=org.apache.hudi.keygen.ComplexKeyGenerator
    hoodie.datasource.write.hive_style_partitioning=true
    hoodie.table.timeline.timezone=UTC
    hoodie.table.create.schema={"type"\\:"record","name"\\:"trips_record","fields"\\:[]}
    hoodie.table.checksum=2200697520

    """

    @Test("parses the keys and unescapes values")
    func parses() throws {
        let config = try HoodieTableConfig(text: Self.v6)
        #expect(config.name == "trips")
        #expect(try config.tableType == .copyOnWrite)
        #expect(try config.tableVersion == 6)
        #expect(try config.timelineLayoutVersion == 1)
        #expect(config.timelineDirectory == ".hoodie")
        #expect(config.recordKeyFields == ["id", "name"])
        #expect(config.precombineField == "ts")
        #expect(config.partitionFields == ["city", "day"])
        #expect(config.keyGenerator == "org.apache.hudi.keygen.ComplexKeyGenerator")
        #expect(config.isHiveStylePartitioning)
        #expect(config.timelineTimezone == "UTC")
        #expect(config.baseFileFormat == "PARQUET")
        #expect(config.createSchema == #"{"type":"record","name":"trips_record","fields":[]}"#)
        try config.verifyChecksum()
    }

    @Test("checksum is CRC32 of <database>.<table>", arguments: [
        ("default", "trips", UInt32(2_200_697_520)), (nil, "trips", UInt32(3_761_586_722)),
    ])
    func checksum(database: String?, table: String, expected: UInt32) {
        #expect(HoodieTableConfig.checksum(databaseName: database, tableName: table) == expected)
    }

    @Test("a wrong checksum names both values")
    func wrongChecksum() throws {
        let config = try HoodieTableConfig(text: Self.v6.replacingOccurrences(of: "2200697520", with: "12345"))
        let error = #expect(throws: TableFormatError.self) { try config.verifyChecksum() }
        #expect(error?.code == .checksumMismatch)
        #expect(error?.message.contains("12345") == true && error?.message.contains("2200697520") == true)
    }

    @Test("serialized file re-reads to the same properties, checksum last and correct")
    func roundTrip() throws {
        var entries = try JavaProperties.parse(Self.v6).filter { $0.key != HoodieTableConfig.Key.checksum }
        entries.append(("hoodie.weird key", "a=b:c#d!e\\f \t\u{E9}\u{1F600}\n"))
        let config = try HoodieTableConfig(entries: entries)
        let text = config.serialized()
        #expect(text.hasPrefix("#Properties saved on "))
        #expect(text.contains(#"hoodie.table.create.schema={"type"\:"record""#))
        let lines = text.split(separator: "\n")
        #expect(lines.last == "hoodie.table.checksum=2200697520")
        let reread = try HoodieTableConfig(text: text)
        try reread.verifyChecksum()
        #expect(reread["hoodie.weird key"] == "a=b:c#d!e\\f \t\u{E9}\u{1F600}\n")
        #expect(reread.createSchema == config.createSchema)
    }

    @Test("Java properties syntax: separators, continuations, comments, escapes")
    func syntax() throws {
        let text = "# c\n! c\n  a = 1\nb:2\nc 3\nd=x\\\n   y\\u0041\\\\\ne\\=f=g\n"
        let d = JavaProperties.dictionary(try JavaProperties.parse(text))
        #expect(d == ["a": "1", "b": "2", "c": "3", "d": "xyA\\", "e=f": "g"])
        #expect(throws: TableFormatError.self) { _ = try JavaProperties.parse("a=\\u12G4") }
    }

    @Test("required keys and supported versions", arguments: [
        ("hoodie.table.name=t\nhoodie.table.type=COPY_ON_WRITE\nhoodie.table.version=5\nhoodie.timeline.layout.version=1", "version 5"),
        ("hoodie.table.name=t\nhoodie.table.type=COPY_ON_WRITE\nhoodie.table.version=6\nhoodie.timeline.layout.version=2", "layout version 1"),
        ("hoodie.table.type=COPY_ON_WRITE\nhoodie.table.version=6\nhoodie.timeline.layout.version=1", "hoodie.table.name"),
        ("hoodie.table.name=t\nhoodie.table.type=FOO\nhoodie.table.version=6\nhoodie.timeline.layout.version=1", "FOO"),
        ("hoodie.table.name=t\nhoodie.table.type=MERGE_ON_READ\nhoodie.table.version=x\nhoodie.timeline.layout.version=1", "'x'"),
    ])
    func rejects(text: String, mention: String) {
        let error = #expect(throws: TableFormatError.self) { _ = try HoodieTableConfig(text: text) }
        #expect(error?.message.contains(mention) == true, "\(error?.message ?? "")")
    }

    @Test("layout 2 timeline path")
    func timelinePath() throws {
        let base = "hoodie.table.name=t\nhoodie.table.type=COPY_ON_WRITE\nhoodie.table.version=8\nhoodie.timeline.layout.version=2\n"
        #expect(try HoodieTableConfig(text: base).timelineDirectory == ".hoodie/timeline")
        #expect(try HoodieTableConfig(text: base + "hoodie.timeline.path=tl2").timelineDirectory == ".hoodie/tl2")
    }
}
