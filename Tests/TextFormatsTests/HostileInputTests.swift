import Columnar
import Testing
@testable import TextFormats

/// Random and truncated bytes must end in batches or a `TextFormatError`, never a trap or a hang.
@Suite struct HostileInputTests {
    /// SplitMix64, so failures reproduce from the seed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func bytes(_ n: Int, from alphabet: [UInt8]?) -> [UInt8] {
            (0..<n).map { _ in alphabet.map { $0[Int(next() % UInt64($0.count))] } ?? UInt8(truncatingIfNeeded: next()) }
        }
    }

    static let csvAlphabet = Array("a1,\"\n\r;|\t .-e\\#".utf8) + [0xC3, 0xA9, 0xFF]
    static let jsonAlphabet = Array("{}[]\":,1.e-tfnul \n\\ax".utf8) + [0xC3, 0xFF]

    func drain(_ reader: some TextBatchReader) throws {
        while let batch = try reader.next() {
            for column in batch.columns { _ = column.values }
        }
        let counts = reader.counts
        #expect(counts.read == counts.accepted + counts.rejected)
    }

    func survives(_ body: () throws -> Void) {
        do { try body() } catch is TextFormatError {} catch { Issue.record("unexpected error \(error)") }
    }

    @Test(arguments: 0..<4) func randomCSV(seed: Int) {
        var random = Random(state: UInt64(seed))
        for round in 0..<150 {
            let alphabet = round % 3 == 0 ? nil : Self.csvAlphabet
            let bytes = random.bytes(Int(random.next() % 400), from: alphabet)
            for policy in [ErrorPolicy.fail, .collect] {
                var options = CSVOptions()
                options.onError = policy
                options.bufferBytes = 16 + Int(random.next() % 64)
                options.nullPadding = round % 2 == 0
                survives { try drain(CSVReader(input: MemoryInput(bytes), options: options)) }
            }
        }
    }

    @Test(arguments: 0..<4) func randomJSON(seed: Int) {
        var random = Random(state: UInt64(seed) &+ 99)
        for round in 0..<150 {
            let alphabet = round % 3 == 0 ? nil : Self.jsonAlphabet
            let bytes = Array("{\"a\":[1,{\"b\":\"x\"}],\"c\":2.5}\n".utf8) + random.bytes(Int(random.next() % 300), from: alphabet)
            for policy in [ErrorPolicy.fail, .collect] {
                var options = JSONOptions()
                options.onError = policy
                options.bufferBytes = 16 + Int(random.next() % 64)
                survives { try drain(JSONReader(input: MemoryInput(bytes), options: options)) }
            }
        }
    }

    static let everyCSVType = Schema([
        Field("b", .boolean), Field("i8", .int8), Field("u64", .uint64), Field("f", .float32), Field("d", .float64),
        Field("dec", .decimal(precision: 9, scale: 3)), Field("big", .decimal(precision: 30, scale: 5)),
        Field("day", .date), Field("t", .time(.nanosecond)), Field("ts", .timestamp(.second, utc: true)),
        Field("s", .string), Field("bin", .binary),
    ])

    @Test func randomCSVAgainstEveryColumnType() {
        var random = Random(state: 42)
        let alphabet = Array(#"0123456789-+.eE:T Z,"\natrufl"#.utf8) + [0x0A, 0xC3, 0xA9]
        for round in 0..<300 {
            var options = CSVOptions()
            options.schema = Self.everyCSVType
            options.onError = .collect
            options.nullPadding = round % 2 == 0
            options.escape = round % 3 == 0 ? UInt8(ascii: "\\") : nil
            options.bufferBytes = 16 + Int(random.next() % 100)
            let bytes = random.bytes(Int(random.next() % 600), from: alphabet)
            survives { try drain(CSVReader(input: MemoryInput(bytes), options: options)) }
        }
    }

    @Test func randomJSONAgainstANestedSchema() {
        var random = Random(state: 43)
        let inner = DataType.structure([Field("x", .int16), Field("y", .list(Field("e", .decimal(precision: 20, scale: 2))))])
        let schema = Schema([Field("a", .list(Field("e", inner))), Field("c", .timestamp(.millisecond, utc: false)),
                             Field("m", .map(key: Field("k", .string), value: Field("v", .boolean)))])
        let alphabet = Array("{}[]\":,1.e-tfnul \n\\axyacm2024-01T".utf8)
        for round in 0..<300 {
            var options = JSONOptions()
            options.schema = schema
            options.onError = .collect
            options.unknownKeys = round % 2 == 0 ? .error : .ignore
            options.bufferBytes = 16 + Int(random.next() % 100)
            let bytes = Array("{\"a\":[{\"x\":1,\"y\":[1.5]}],\"c\":\"2024-01-01 10:00:00\",\"m\":{\"k\":true}}\n".utf8)
                + random.bytes(Int(random.next() % 400), from: alphabet)
            survives { try drain(JSONReader(input: MemoryInput(bytes), options: options)) }
        }
    }

    @Test func everyTruncationOfValidFiles() throws {
        let csv = Array("id,name,at\n1,\"a,\"\"b\"\"\",2024-01-01 10:00:00\r\n2,é,2024-02-02\n".utf8)
        let json = Array("[{\"id\": 1, \"l\": [1.5, null], \"s\": {\"x\": \"\\u00e9\"}}, {\"id\": 2}]".utf8)
        for n in 0...csv.count {
            survives { try drain(CSVReader(input: MemoryInput(Array(csv.prefix(n))))) }
        }
        for n in 0...json.count {
            survives { try drain(JSONReader(input: MemoryInput(Array(json.prefix(n))))) }
        }
    }

    @Test func randomBytesAfterCompressionMagic() {
        var random = Random(state: 7)
        for round in 0..<200 {
            let magic: [UInt8] = round % 2 == 0 ? [0x1F, 0x8B] : [0x28, 0xB5, 0x2F, 0xFD]
            let bytes = magic + random.bytes(Int(random.next() % 200), from: nil)
            survives { try drain(CSVReader(input: MemoryInput(bytes))) }
        }
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let bytes = Array(("{\"a\":" + String(repeating: "[", count: 100_000)).utf8)
        #expect(throws: TextFormatError.self) { try drain(JSONReader(input: MemoryInput(bytes))) }
    }
}
