import Columnar
import Testing
@testable import TextFormats

func readJSON(_ text: String, _ options: JSONOptions = JSONOptions()) throws -> (schema: Schema, rows: [[Value]], reader: JSONReader) {
    let reader = try JSONReader(input: MemoryInput(Array(text.utf8)), options: options)
    var rows: [[Value]] = []
    while let batch = try reader.next() {
        #expect(batch.count <= Batch.capacity)
        rows += batch.rows
    }
    return (reader.schema, rows, reader)
}

@Suite struct JSONReaderTests {
    @Test func jsonLinesWithNestingAndMissingKeys() throws {
        let text = """
            {"id": 1, "name": "a\\u00e9\\n", "tags": ["x", "y"], "pos": {"x": 1.5, "y": 2}}
            {"id": 2, "tags": [], "pos": {"x": 3, "y": null}, "day": "2024-03-01"}
            {"id": 3, "name": null, "tags": null}
            """
        let (schema, rows, reader) = try readJSON(text)
        #expect(schema.fields.map(\.name) == ["id", "name", "tags", "pos", "day"])
        #expect(schema.fields[0].type == .int64)
        #expect(schema.fields[2].type == .list(Field("element", .string)))
        #expect(schema.fields[3].type == .structure([Field("x", .float64), Field("y", .int64)]))
        #expect(schema.fields[4].type == .date)
        #expect(rows[0] == [.int(1), .string("aé\n"), .list([.string("x"), .string("y")]), .structure([.float(1.5), .int(2)]), .null])
        #expect(rows[1] == [.int(2), .null, .list([]), .structure([.float(3), .null]), .int(19783)])
        #expect(rows[2] == [.int(3), .null, .null, .null, .null])
        #expect(reader.counts.accepted == 3)
    }

    @Test func topLevelArrayPrettyPrinted() throws {
        let text = "[\n  {\"a\": 1},\n  {\"a\": 2.5, \"b\": true}\n]\n"
        let (schema, rows, _) = try readJSON(text)
        #expect(schema.fields.map(\.type) == [.float64, .boolean])
        #expect(rows == [[.float(1), .null], [.float(2.5), .bool(true)]])
    }

    @Test func mixedTypesWidenToString() throws {
        let (schema, rows, _) = try readJSON("{\"v\": 1}\n{\"v\": \"x\"}\n{\"v\": {\"k\": [1]}}\n")
        #expect(schema.fields[0].type == .string)
        #expect(rows == [[.string("1")], [.string("x")], [.string("{\"k\": [1]}")]])
    }

    @Test func decimalsWhenAsked() throws {
        var options = JSONOptions()
        options.inferDecimal = true
        let (schema, rows, _) = try readJSON("{\"p\": 12.50}\n{\"p\": 3}\n", options)
        #expect(schema.fields[0].type == .decimal(precision: 4, scale: 2))
        #expect(rows == [[.decimal(1250)], [.decimal(300)]])
    }

    @Test func unknownKeysErrorOrIgnore() throws {
        var options = JSONOptions()
        options.schema = Schema([Field("a", .int64)])
        let (_, rows, _) = try readJSON("{\"a\": 1, \"b\": 2}\n", options)
        #expect(rows == [[.int(1)]])
        options.unknownKeys = .error
        options.onError = .collect
        let (_, strict, reader) = try readJSON("{\"a\": 1, \"b\": 2}\n{\"a\": 3}\n", options)
        #expect(strict == [[.int(3)]])
        let rejected = reader.takeRejected()
        #expect(rejected.count == 1 && rejected[0].line == 1 && rejected[0].reason == "unknown key 'b'")
    }

    @Test func conversionErrorNamesLineColumnAndValue() throws {
        var options = JSONOptions()
        options.schema = Schema([Field("amount", .float64)])
        #expect {
            _ = try readJSON("{\"amount\": 1}\n{\"amount\": \"abc\"}\n", options)
        } throws: { error in
            (error as? TextFormatError)?.message == "Conversion Error: line 2, column 'amount': could not convert 'abc' to DOUBLE"
        }
    }

    @Test func syntaxErrorsAreRowErrorsInJSONLines() throws {
        var options = JSONOptions()
        options.onError = .collect
        options.schema = Schema([Field("a", .int64)])
        let (_, rows, reader) = try readJSON("{\"a\": 1}\n{\"a\": \n{\"a\": 3}\n", options)
        #expect(rows.count >= 1)
        #expect(reader.counts.read == reader.counts.accepted + reader.counts.rejected)
        #expect(reader.takeRejected().first?.code == .malformedJSON)
    }

    @Test func manyRecordsAcrossSmallWindows() throws {
        var text = "["
        for i in 0..<5_000 { text += (i > 0 ? ",\n" : "") + "{\"i\": \(i), \"s\": \"value \(i)\", \"l\": [\(i), \(i + 1)]}" }
        text += "]"
        var options = JSONOptions()
        options.bufferBytes = 64
        let (_, rows, _) = try readJSON(text, options)
        #expect(rows.count == 5_000)
        #expect(rows[4_321] == [.int(4_321), .string("value 4321"), .list([.int(4_321), .int(4_322)])])
    }
}

@Suite struct JSONReaderEdgeTests {
    @Test func invalidUTF8InAStringIsARowError() throws {
        var options = JSONOptions()
        options.onError = .collect
        options.schema = Schema([Field("s", .string)])
        let bytes = Array("{\"s\": \"ok\"}\n{\"s\": \"a".utf8) + [0xC3, 0x28] + Array("\"}\n".utf8)
        let reader = try JSONReader(input: MemoryInput(bytes), options: options)
        #expect(try reader.next()?.rows == [[.string("ok")]])
        let rejected = reader.takeRejected()
        #expect(rejected.count == 1 && rejected[0].code == .invalidEncoding && rejected[0].line == 2 && rejected[0].columnName == "s")
    }

    @Test func unknownKeyWithNoColumnsAtAll() throws {
        var options = JSONOptions()
        options.schema = Schema([])
        options.unknownKeys = .error
        #expect(throws: TextFormatError.self) { _ = try readJSON("{\"x\": 1}\n", options) }
    }

    @Test func nonObjectRecordsAreRejected() throws {
        var options = JSONOptions()
        options.onError = .skip
        let (schema, rows, reader) = try readJSON("{\"a\": 1}\n[1, 2]\n3\n{\"a\": 2}\n", options)
        #expect(schema.fields.map(\.name) == ["a"])
        #expect(rows == [[.int(1)], [.int(2)]])
        #expect(reader.counts.read == 4 && reader.counts.rejected == 2)
    }

    @Test func textAfterTheTopLevelArrayIsAnError() throws {
        #expect(throws: TextFormatError.self) { _ = try readJSON("[{\"a\": 1}] {\"a\": 2}") }
    }

    @Test func bigIntegersWidenToDouble() throws {
        let (schema, rows, _) = try readJSON("{\"n\": 1}\n{\"n\": 123456789012345678901234}\n")
        #expect(schema.fields[0].type == .float64)
        #expect(rows == [[.float(1)], [.float(1.2345678901234568e23)]])
    }
}
