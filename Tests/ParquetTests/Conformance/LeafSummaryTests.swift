import Columnar
import Foundation
import Testing

/// The summary code on vectors built by hand, against summaries pyarrow 26.0.1 computed for the same values
/// with expected.py's `table_summary` (one single-column table each).
@Suite struct LeafSummaryTests {
    static let expected: [String: String] = [
        "i32": #"{"i32":{"kind":"int","arrow_type":"int32","slots":4,"nulls":1,"count":3,"min":"-5","max":"2147483647","sum":"2147483643","digest":"7039121e1236de824f7045a434d19cf796c3e7d31c55b88fa33831b00df87b95"}}"#,
        "u64": #"{"u64":{"kind":"int","arrow_type":"uint64","slots":4,"nulls":1,"count":3,"min":"0","max":"18446744073709551615","sum":"18446744073709551620","digest":"6820c18e0f27fcb03876066735e6c101aeaf5300a1cd339aec4ba3f072defd28"}}"#,
        "f16": #"{"f16":{"kind":"float","arrow_type":"halffloat","slots":4,"nulls":1,"count":3,"nan_count":1,"sum":"-1.5","min":"-2.5","max":"1.0","digest":"e512ff45f42cf62074a5ae927fc9777c5df334c980019751932abd40c9b74752"}}"#,
        "f32": #"{"f32":{"kind":"float","arrow_type":"float","slots":4,"nulls":1,"count":3,"nan_count":1,"sum":"1.3999999985098839","min":"-0.1","max":"1.5","digest":"26bad56452ea24a2b35a6fb7f8da66d544b11bde33f3f312494dea87b21df282"}}"#,
        "f64": #"{"f64":{"kind":"float","arrow_type":"double","slots":6,"nulls":1,"count":5,"nan_count":0,"sum":"0.6","min":"-1e+100","max":"1e+100","digest":"9c5e21a23ef4cb42093b5d7e00604ed90774e015c6466074e8bbe68d65ca4b59"}}"#,
        "finf": #"{"finf":{"kind":"float","arrow_type":"double","slots":4,"nulls":1,"count":3,"nan_count":0,"sum":"inf","min":"1.0","max":"inf","digest":"6b2ab394670b66d9addeb5895deff51eb0e550d49f783e3ffed5e3e9fb9c036e"}}"#,
        "s": #"{"s":{"kind":"string","arrow_type":"string","slots":4,"nulls":1,"count":3,"total_bytes":"306","min":"","max":"héllo","digest":"944a2514f42ba0cf01816cf3484880a4663fc306becabf17e9eb6f8096f01d6e"}}"#,
        "b": #"{"b":{"kind":"binary","arrow_type":"binary","slots":4,"nulls":1,"count":3,"total_bytes":"3","min":"","max":"7a","digest":"bde437adcc7fd5e98e84d54f5dc8ac1cc2d3cc1c5df6630a2ade0a230b3439f5"}}"#,
        "fb": #"{"fb":{"kind":"fixed_binary","arrow_type":"fixed_size_binary[3]","slots":4,"nulls":1,"count":3,"total_bytes":"9","min":"000102","max":"7a7a7a","digest":"4f852f62af9e17ce74d74b15fd7bf9fffdcd0f7fc31efbb4f9273ed465889d4b"}}"#,
        "d": #"{"d":{"kind":"decimal","arrow_type":"decimal128(5, 2)","slots":4,"nulls":1,"count":3,"precision":5,"scale":2,"min":"-0.05","max":"100.00","sum":"101.18","digest":"2ffda59d450d54c1ec6cc843be74684387f3044eae95574e5de713068e80e4b1"}}"#,
        "d30": #"{"d30":{"kind":"decimal","arrow_type":"decimal128(30, 5)","slots":4,"nulls":1,"count":3,"precision":30,"scale":5,"min":"-0.00001","max":"12345678901234567890.12345","sum":"12345678901234567890.12344","digest":"0742aaa30c5364756052d6aa5ecd181d8c3221bafe24dc5f3d0ce525b3bd9d67"}}"#,
        "dt": #"{"dt":{"kind":"date","arrow_type":"date32[day]","slots":4,"nulls":1,"count":3,"min":"-1","max":"19000","sum":"18999","digest":"d3af8b366b4b74d0894f90c29a125ac3a836b8ad0e93276755a508e8915f0974"}}"#,
        "t": #"{"t":{"kind":"time","arrow_type":"time64[us]","slots":4,"nulls":1,"count":3,"unit":"us","min":"0","max":"86399999999","sum":"86400000004","digest":"fd57aed537960772b3363ad7e66fab0eace4f97e8e2e17940d5e1e67f44903ca"}}"#,
        "ts": #"{"ts":{"kind":"timestamp","arrow_type":"timestamp[ms, tz=UTC]","slots":4,"nulls":1,"count":3,"unit":"ms","tz":"UTC","min":"-1000","max":"1700000000000","sum":"1699999999000","digest":"edaf4b49fbb6e762ff38976936dfccee7d1bdc9fef152cacf311987c1dfef210"}}"#,
        "tsn": #"{"tsn":{"kind":"timestamp","arrow_type":"timestamp[ns]","slots":4,"nulls":1,"count":3,"unit":"ns","tz":null,"min":"-7","max":"9","sum":"3","digest":"322e3b70fff8d54d0f7125f9416ea8a3e9cbf2a2fcd9d6aeb78e2623aa633b24"}}"#,
        "bo": #"{"bo":{"kind":"bool","arrow_type":"bool","slots":4,"nulls":1,"count":3,"sum":"2","min":"false","max":"true","digest":"6d24e5e7db3dc4de63949a1745c65196d7b0f4736326f3028e8509c4ce42fc55"}}"#,
        "l": #"{"l[]":{"kind":"int","arrow_type":"int32","slots":4,"nulls":1,"count":3,"min":"1","max":"4","sum":"8","digest":"67fe70e492f60e08c7b284b29212437de6ec24a782c5f02281a7d3fdf067b086"}}"#,
        "st": #"{"st.a":{"kind":"int","arrow_type":"int32","slots":3,"nulls":1,"count":2,"min":"1","max":"4","sum":"5","digest":"7c4b954211287530a590b30ed0c8fb1e2317814b589d4311b872d231606c40e9"},"st.b":{"kind":"string","arrow_type":"string","slots":3,"nulls":1,"count":2,"total_bytes":"2","min":"x","max":"y","digest":"277dfb89fda0b5db92ed53b5eb00c25edeae714f1e91530ddec098e6554908a0"}}"#,
        "m": #"{"m{key}":{"kind":"string","arrow_type":"string","slots":3,"nulls":0,"count":3,"total_bytes":"3","min":"j","max":"z","digest":"c70942f11f216911220731403e78441407d8feedcab3d8db8c682112675f1504"},"m{value}":{"kind":"int","arrow_type":"int64","slots":3,"nulls":1,"count":2,"min":"1","max":"3","sum":"4","digest":"a0e505c00cc340050738743e54beaed0143311b74711f6f63398345a54330f0d"}}"#,
        "ls": #"{"ls[].x[]":{"kind":"int","arrow_type":"int64","slots":3,"nulls":0,"count":3,"min":"1","max":"7","sum":"10","digest":"7720e288176b5e4c8ba285a2f7674a35a990b20f7be979aa429d9736f1789920"}}"#,
        "n": #"{"n":{"kind":"null","arrow_type":"null","slots":4,"nulls":4,"count":0,"digest":"df3f619804a92fdb4057192dc43dd748ea778adc52bc498ce80524c014b81119"}}"#,
    ]

    static let columns: [(String, DataType, [Value])] = {
        let structType = DataType.structure([Field("a", .int32), Field("b", .string)])
        let listStruct = DataType.list(Field("element", .structure([Field("x", .list(Field("element", .int64)))])))
        return [
            ("i32", .int32, [.int(1), .null, .int(-5), .int(2_147_483_647)]),
            ("u64", .uint64, [.uint(0), .uint(.max), .null, .uint(5)]),
            ("f16", .float16, [.float(1), .float(.nan), .null, .float(-2.5)]),
            ("f32", .float32, [.float(1.5), .float(.nan), .null, .float(Double(Float(-0.1)))]),
            ("f64", .float64, [.float(0.1), .float(0.2), .float(0.3), .null, .float(1e100), .float(-1e100)]),
            ("finf", .float64, [.float(1), .float(.infinity), .null, .float(2)]),
            ("s", .string, [.string("héllo"), .string(""), .null, .string(String(repeating: "a", count: 300))]),
            ("b", .binary, [.bytes([0, 0xff]), .null, .bytes([]), .bytes([0x7a])]),
            ("fb", .fixedBinary(3), [.bytes(Array("abc".utf8)), .null, .bytes([0, 1, 2]), .bytes(Array("zzz".utf8))]),
            ("d", .decimal(precision: 5, scale: 2), [.decimal(123), .decimal(-5), .null, .decimal(10000)]),
            ("d30", .decimal(precision: 30, scale: 5),
             [.decimal(Int128(1_234_567_890_123_456_789) * 1_000_000 + 12_345), .null, .decimal(-1), .decimal(0)]),
            ("dt", .date, [.int(0), .int(-1), .null, .int(19000)]),
            ("t", .time(.microsecond), [.int(0), .int(86_399_999_999), .null, .int(5)]),
            ("ts", .timestamp(.millisecond, utc: true), [.int(0), .int(-1000), .null, .int(1_700_000_000_000)]),
            ("tsn", .timestamp(.nanosecond, utc: false), [.int(1), .null, .int(-7), .int(9)]),
            ("bo", .boolean, [.bool(true), .bool(false), .null, .bool(true)]),
            ("l", .list(Field("element", .int32)), [.list([.int(1), .null, .int(3)]), .null, .list([]), .list([.int(4)])]),
            ("st", structType, [.structure([.int(1), .string("x")]), .null, .structure([.null, .string("y")]), .structure([.int(4), .null])]),
            ("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .int64)),
             [.map([(.string("k"), .int(1)), (.string("j"), .null)]), .null, .map([]), .map([(.string("z"), .int(3))])]),
            ("ls", listStruct, [
                .list([.structure([.list([.int(1), .int(2)])]), .null, .structure([.null])]), .list([]), .null,
                .list([.structure([.list([])]), .structure([.list([.int(7)])])]),
            ]),
            ("n", .null, [.null, .null, .null, .null]),
        ]
    }()

    @Test(arguments: columns.map(\.0))
    func matchesPyarrow(column: String) throws {
        let (name, type, values) = Self.columns.first { $0.0 == column }!
        let schema = Schema([Field(name, type)])
        // Two batches, so the accumulators are exercised across batch boundaries.
        let half = values.count / 2
        let builder = FileSummaryBuilder(schema: schema)
        for part in [values[..<half], values[half...]] {
            try builder.add(Batch(schema: schema, columns: [Vector(type: type, values: Array(part))]))
        }
        let got = builder.finish()
        let leaves = try JSONDecoder().decode([String: ExpectedLeaf].self, from: Data(Self.expected[column]!.utf8))
        let entry = ExpectedEntry(
            file: column, tier: "core", expect: .read, reason: "", numRows: values.count, columns: [name],
            topLevelNulls: [name: values.filter { $0 == .null }.count], summary: leaves, summarySource: "pyarrow")
        let mismatches = SummaryComparison.compare(entry, got)
        #expect(mismatches.isEmpty, "\(mismatches.map(\.description).joined(separator: "\n"))")
    }

    @Test func detectsAChangedValue() throws {
        let schema = Schema([Field("i32", .int32)])
        let builder = FileSummaryBuilder(schema: schema)
        try builder.add(Batch(schema: schema, columns: [Vector(type: .int32, values: [.int(1), .null, .int(-4), .int(2_147_483_647)])]))
        let leaves = try JSONDecoder().decode([String: ExpectedLeaf].self, from: Data(Self.expected["i32"]!.utf8))
        let got = builder.finish().leaves["i32"]!
        let fields = SummaryComparison.compare(file: "x", leaf: "i32", leaves["i32"]!, got, checkArrowType: true).map(\.field)
        #expect(Set(fields) == ["min", "sum", "digest"])
    }

    @Test func decimalTextParsesBack() {
        #expect(LeafSummary.decimalText(-5, scale: 2) == "-0.05")
        #expect(LeafSummary.decimalText(12345, scale: 0) == "12345")
        #expect(SummaryComparison.parseDecimal("1E-8", scale: 8) == 1)
        #expect(SummaryComparison.parseDecimal("-0.05", scale: 2) == -5)
        #expect(SummaryComparison.parseDecimal("0", scale: 3) == 0)
        #expect(SummaryComparison.parseDecimal("1.005", scale: 2) == nil)
    }

    @Test func decimalDigestRoundsLikePythonsDefaultContext() {
        // int(Decimal("-7447736610830618168989163.64460").scaleb(5).to_integral_exact()) in Python 3.11
        #expect(LeafAccumulator.digestText(-744_773_661_083_061_816_898_916_364_460) == "-744773661083061816898916364500")
        #expect(LeafAccumulator.digestText(1_234_567_890_123_456_789_012_345) == "1234567890123456789012345")
    }

    @Test func exactSumMatchesFsum() {
        var sum = ExactSum()
        for value in [1e100, 1.0, -1e100, 0.1, 0.2, 0.3] { sum.add(value) }
        #expect(sum.value == 1.6)  // math.fsum gives 1.6; naive summation gives 0.6000000000000001
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func nistVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func streamingEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) { hasher.update(Array(bytes[chunk..<min(chunk + 37, bytes.count)])) }
        #expect(hasher.finalizeHex() == SHA256.hex(bytes))
    }
}
