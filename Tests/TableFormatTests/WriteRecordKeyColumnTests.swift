import Columnar
import Testing
@testable import TableFormat

/// The record key column a bulk insert writes from bytes must equal the keys `recordKeys` forms as Strings.
@Suite("Record key column")
struct WriteRecordKeyColumnTests {
    static func generator(keys: String, partitions: String = "") throws -> HoodieKeyGenerator {
        var entries: [(key: String, value: String)] = [
            (HoodieTableConfig.Key.recordKeyFields, keys), ("hoodie.table.name", "t"), ("hoodie.table.type", "COPY_ON_WRITE"),
            ("hoodie.table.version", "6"), ("hoodie.timeline.layout.version", "1"),
        ]
        if !partitions.isEmpty { entries.append((HoodieTableConfig.Key.partitionFields, partitions)) }
        return try HoodieKeyGenerator(config: HoodieTableConfig(entries: entries))
    }

    static let batch = Batch(schema: Schema([
        Field("id", .int64), Field("n", .int32), Field("name", .string), Field("day", .date), Field("price", .float64),
    ]), columns: [
        Vector(type: .int64, values: [.int(1), .int(-42), .int(Int64.min), .null, .int(Int64.max), .int(0)]),
        Vector(type: .int32, values: [.int(7), .null, .int(Int64(Int32.min)), .int(3), .int(0), .int(-1)]),
        Vector(type: .string, values: [.string("a"), .string(""), .null, .string("é,x:y"), .string("b"), .string("")]),
        Vector(type: .date, values: [.int(0), .int(19_000), .int(-1), .null, .int(365), .int(1)]),
        Vector(type: .float64, values: [.float(1.5), .float(2), .null, .float(-0.25), .float(1e21), .float(0)]),
    ])

    static func strings(_ vector: Vector, rows: [Int]) -> [String] {
        rows.map { String(decoding: vector.bytes(at: $0), as: UTF8.self) }
    }

    @Test("complex keys of every part type, nulls and empties equal recordKeys'", arguments: [
        "id,n", "id,name", "name,day,price", "n,id,name,day,price", "day,n",
    ])
    func complexKeys(fields: String) throws {
        let generator = try Self.generator(keys: fields, partitions: "day")
        let vector = try generator.recordKeyVector(Self.batch)
        #expect(vector.count == Self.batch.count)
        #expect(Self.strings(vector, rows: Array(0..<Self.batch.count)) == (try generator.recordKeys(Self.batch)))
    }

    @Test("simple keys equal recordKeys'; rows outside the selection are empty")
    func simpleKeysWithSelection() throws {
        let generator = try Self.generator(keys: "id")
        let selected = Batch(schema: Self.batch.schema, columns: Self.batch.columns, count: Self.batch.count,
                             selection: SelectionVector([0, 1, 2, 4]))
        let vector = try generator.recordKeyVector(selected)
        #expect(Self.strings(vector, rows: Array(0..<6)) == ["1", "-42", "-9223372036854775808", "", "9223372036854775807", ""])
        #expect(Self.strings(vector, rows: Array(0..<6)) == (try generator.recordKeys(selected)))
    }

    @Test("a null or empty simple key and an all-missing complex key throw, as recordKeys does")
    func missingKeys() throws {
        let nullKey = try Self.generator(keys: "id")
        #expect(throws: TableFormatError.self) { try nullKey.recordKeyVector(Self.batch) }
        #expect(throws: TableFormatError.self) { try nullKey.recordKeys(Self.batch) }
        let emptyKey = try Self.generator(keys: "name")
        let error = #expect(throws: TableFormatError.self) { try emptyKey.recordKeyVector(Self.batch) }
        #expect(error?.message.contains("row 1") == true)
        let allMissing = Batch(schema: Self.batch.schema, columns: Self.batch.columns, count: Self.batch.count,
                               selection: SelectionVector([2]))
        let complex = try Self.generator(keys: "name,price")
        #expect(throws: TableFormatError.self) { try complex.recordKeyVector(allMissing) }
        #expect(throws: TableFormatError.self) { try complex.recordKeys(allMissing) }
    }
}
