import Testing
@testable import Sluice

/// JSONL, CSV and table rendering of Columnar vectors.
@Suite struct RenderTests {
    func jsonl(_ type: DataType, _ values: [Value], name: String = "c") -> [String] {
        let schema = Schema([Field(name, type)])
        let batch = Batch(schema: schema, columns: [Vector(type: type, values: values)])
        var out: [UInt8] = []
        JSONL.render(batch, into: &out)
        return String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test(arguments: [
        (DataType.int8, [Value.int(-5), .null], ["{\"c\":-5}", "{\"c\":null}"]),
        (.uint64, [.uint(UInt64.max)], ["{\"c\":18446744073709551615}"]),
        (.boolean, [.bool(true), .bool(false)], ["{\"c\":true}", "{\"c\":false}"]),
        (.float64, [.float(.nan), .float(.infinity), .float(-.infinity), .float(0.1)],
         ["{\"c\":\"NaN\"}", "{\"c\":\"Infinity\"}", "{\"c\":\"-Infinity\"}", "{\"c\":0.1}"]),
        (.float32, [.float(Double(Float(1.1)))], ["{\"c\":1.1}"]),
        (.decimal(precision: 9, scale: 2), [.decimal(-5), .decimal(12345), .decimal(0)],
         ["{\"c\":\"-0.05\"}", "{\"c\":\"123.45\"}", "{\"c\":\"0.00\"}"]),
        (.decimal(precision: 38, scale: 0), [.decimal(Int128.max)], ["{\"c\":\"170141183460469231731687303715884105727\"}"]),
        (.string, [.string("a\"b\\c\n\u{1}é")], ["{\"c\":\"a\\\"b\\\\c\\n\\u0001é\"}"]),
        (.binary, [.bytes([0, 1, 2, 255]), .bytes([])], ["{\"c\":\"AAEC/w==\"}", "{\"c\":\"\"}"]),
        (.fixedBinary(2), [.bytes([0x66, 0x6f])], ["{\"c\":\"Zm8=\"}"]),
        (.date, [.int(0), .int(-719_528), .int(19_000)], ["{\"c\":\"1970-01-01\"}", "{\"c\":\"0000-01-01\"}", "{\"c\":\"2022-01-08\"}"]),
        (.date, [.int(-719_529)], ["{\"c\":\"-0001-12-31\"}"]),
        (.time(.millisecond), [.int(3_723_004)], ["{\"c\":\"01:02:03.004\"}"]),
        (.time(.nanosecond), [.int(1)], ["{\"c\":\"00:00:00.000000001\"}"]),
        (.timestamp(.microsecond, utc: false), [.int(1_704_164_645_123_456)], ["{\"c\":\"2024-01-02T03:04:05.123456\"}"]),
        (.timestamp(.millisecond, utc: true), [.int(-1)], ["{\"c\":\"1969-12-31T23:59:59.999Z\"}"]),
        (.timestamp(.second, utc: true), [.int(0)], ["{\"c\":\"1970-01-01T00:00:00Z\"}"]),
        (.null, [.null], ["{\"c\":null}"]),
    ])
    func scalars(type: DataType, values: [Value], expected: [String]) {
        #expect(jsonl(type, values) == expected)
    }

    @Test func invalidUTF8IsReplaced() {
        let type = DataType.string
        var vector = Vector.empty(type)
        vector.buffer.append(contentsOf: [0x61, 0xff, 0x62])
        vector.offsets.append(3)
        vector.count = 1
        var out: [UInt8] = []
        JSONL.render(Batch(schema: Schema([Field("s", type)]), columns: [vector]), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "{\"s\":\"a\u{FFFD}b\"}\n")
    }

    @Test func nestedValues() {
        let element = Field("element", .structure([Field("x", .int32), Field("y", .string)]))
        let rows = jsonl(.list(element), [
            .list([.structure([.int(1), .string("a")]), .null, .structure([.null, .string("b")])]), .null, .list([]),
        ])
        #expect(rows == ["{\"c\":[{\"x\":1,\"y\":\"a\"},null,{\"x\":null,\"y\":\"b\"}]}", "{\"c\":null}", "{\"c\":[]}"])
        let map = jsonl(.map(key: Field("key", .string, nullable: false), value: Field("value", .int64)),
                        [.map([(.string("k"), .int(1)), (.string("n"), .null)])])
        #expect(map == ["{\"c\":[{\"key\":\"k\",\"value\":1},{\"key\":\"n\",\"value\":null}]}"])
    }

    @Test func csvQuotesAndNulls() {
        let schema = Schema([Field("a", .string), Field("b,c", .int32), Field("l", .list(Field("e", .int32)))])
        let batch = Batch(schema: schema, columns: [
            Vector(type: .string, values: [.string("x,y"), .string("q\"r"), .null]),
            Vector(type: .int32, values: [.int(1), .null, .int(3)]),
            Vector(type: .list(Field("e", .int32)), values: [.list([.int(1), .int(2)]), .list([]), .null]),
        ])
        var out: [UInt8] = []
        CSV.header(schema, into: &out)
        CSV.render(batch, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a,\"b,c\",l\n\"x,y\",1,\"[1,2]\"\n\"q\"\"r\",,[]\n,3,\n")
    }

    @Test func tableRendersHeaderRowsAndCount() {
        let schema = Schema([Field("id", .int64), Field("name", .string)])
        var table = TableText(schema: schema)
        table.append(Batch(schema: schema, columns: [
            Vector(type: .int64, values: [.int(1), .int(22)]),
            Vector(type: .string, values: [.string("a\nb"), .null]),
        ]))
        #expect(table.render() == "id | name\n---+-----\n1  | a b\n22 | NULL\n(2 rows)\n")
    }

    @Test func selectionLimitsRenderedRows() {
        let schema = Schema([Field("v", .int32)])
        var batch = Batch(schema: schema, columns: [Vector(type: .int32, values: [.int(1), .int(2), .int(3)])])
        batch.selection = SelectionVector([2, 0])
        var out: [UInt8] = []
        JSONL.render(batch, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "{\"v\":3}\n{\"v\":1}\n")
    }
}
