import Columnar
import Testing
@testable import TextFormats

/// Reads all batches of `text` with `options`.
func readCSV(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> (schema: Schema, rows: [[Value]], reader: CSVReader) {
    try readCSV(Array(text.utf8), options)
}

func readCSV(_ bytes: [UInt8], _ options: CSVOptions = CSVOptions()) throws -> (schema: Schema, rows: [[Value]], reader: CSVReader) {
    let reader = try CSVReader(input: MemoryInput(bytes), options: options)
    var rows: [[Value]] = []
    while let batch = try reader.next() {
        #expect(batch.count <= Batch.capacity)
        rows += batch.rows
    }
    return (reader.schema, rows, reader)
}

@Suite struct CSVReaderTests {
    @Test func sniffsHeaderAndTypes() throws {
        let (schema, rows, reader) = try readCSV("id,name,price,day,flag\n1,apple,1.5,2024-01-02,true\n2,,2,2024-02-29,false\n")
        #expect(schema.fields.map(\.name) == ["id", "name", "price", "day", "flag"])
        #expect(schema.fields.map(\.type) == [.int64, .string, .float64, .date, .boolean])
        #expect(rows == [
            [.int(1), .string("apple"), .float(1.5), .int(19724), .bool(true)],
            [.int(2), .null, .float(2), .int(19782), .bool(false)],
        ])
        #expect(reader.hasHeader)
        #expect(reader.counts.read == 2 && reader.counts.accepted == 2)
    }

    @Test func quotedFieldsHoldDelimitersNewlinesAndQuotes() throws {
        let text = "a,b\r\n\"x,y\",\"line1\nline2\"\r\n\"he said \"\"hi\"\"\",plain\r\n"
        let (_, rows, _) = try readCSV(text)
        #expect(rows == [[.string("x,y"), .string("line1\nline2")], [.string("he said \"hi\""), .string("plain")]])
    }

    @Test func sniffsDelimiters() throws {
        for delimiter in ["|", ";", "\t"] {
            let (schema, rows, reader) = try readCSV("a\(delimiter)b\n1\(delimiter)x\n2\(delimiter)y\n")
            #expect(reader.delimiter == UInt8(ascii: Unicode.Scalar(delimiter)!))
            #expect(schema.fields.map(\.name) == ["a", "b"])
            #expect(rows.count == 2)
        }
    }

    @Test func noHeaderNamesColumns() throws {
        let (schema, rows, reader) = try readCSV("1,2\n3,4\n")
        #expect(!reader.hasHeader)
        #expect(schema.fields.map(\.name) == ["column0", "column1"])
        #expect(rows == [[.int(1), .int(2)], [.int(3), .int(4)]])
    }

    @Test func nullStringsSkipRowsAndComments() throws {
        var options = CSVOptions()
        options.nullStrings = ["NA", ""]
        options.skipRows = 2
        options.comment = UInt8(ascii: "#")
        let (_, rows, _) = try readCSV("junk line\nmore junk\na,b\n# a comment\n1,NA\nNA,x\n", options)
        #expect(rows == [[.int(1), .null], [.null, .string("x")]])
    }

    @Test func escapeCharacter() throws {
        var options = CSVOptions()
        options.escape = UInt8(ascii: "\\")
        let (_, rows, _) = try readCSV("a,b\n\"x\\\"y\",\"back\\\\slash\"\n", options)
        #expect(rows == [[.string("x\"y"), .string("back\\slash")]])
    }

    @Test func explicitSchemaOverridesInference() throws {
        var options = CSVOptions()
        options.schema = Schema([Field("k", .int32), Field("amount", .decimal(precision: 10, scale: 2)), Field("at", .timestamp(.microsecond, utc: false))])
        options.header = true
        let (_, rows, _) = try readCSV("k,amount,at\n7,12.345,2024-01-02 03:04:05.5\n-1,-0.004,2024-01-02T00:00:00Z\n", options)
        #expect(rows == [
            [.int(7), .decimal(1235), .int(1_704_164_645_500_000)],
            [.int(-1), .decimal(0), .int(1_704_153_600_000_000)],
        ])
    }

    @Test func inferDecimal() throws {
        var options = CSVOptions()
        options.inferDecimal = true
        let (schema, rows, _) = try readCSV("x\n1.25\n-300.5\n", options)
        #expect(schema.fields[0].type == .decimal(precision: 5, scale: 2))
        #expect(rows == [[.decimal(125)], [.decimal(-30050)]])
    }

    @Test func manyBatchesAcrossSmallWindows() throws {
        var text = "id,s\n"
        for i in 0..<5_000 { text += "\(i),\"v\(i),\nq\"\n" }
        var options = CSVOptions()
        options.bufferBytes = 64
        let (_, rows, reader) = try readCSV(text, options)
        #expect(rows.count == 5_000)
        #expect(rows[4_999] == [.int(4_999), .string("v4999,\nq")])
        #expect(reader.counts.read == 5_000)
    }

    @Test func crOnlyAndMissingFinalNewline() throws {
        let (_, rows, _) = try readCSV("a,b\r1,2\r3,4")
        #expect(rows == [[.int(1), .int(2)], [.int(3), .int(4)]])
    }

    @Test func nullPaddingFillsShortRows() throws {
        var options = CSVOptions()
        options.nullPadding = true
        options.delimiter = UInt8(ascii: ",")
        options.header = true
        let (_, rows, _) = try readCSV("a,b,c\n1,2,3\n4\n", options)
        #expect(rows == [[.int(1), .int(2), .int(3)], [.int(4), .null, .null]])
    }
}

@Suite struct CSVSnifferTests {
    @Test func headerOfTextColumnsNeedsDistinctNames() throws {
        #expect(try readCSV("name,city\nbob,paris\n").reader.hasHeader)
        #expect(try !readCSV("bob,bob\nann,rome\n").reader.hasHeader)
    }

    @Test func duplicateAndEmptyHeaderNames() throws {
        let (schema, _, _) = try readCSV("a,a,,x\n1,2,3,4\n")
        #expect(schema.fields.map(\.name) == ["a", "a_1", "column2", "x"])
    }

    @Test func mixedColumnsWidenToDoubleOrString() throws {
        let (schema, rows, _) = try readCSV("i,m,t\n1,1,2024-01-01 10:00:00\n2,2.5,2024-01-02T11:30:00.123456\n3,x,\n")
        #expect(schema.fields.map(\.type) == [.int64, .string, .timestamp(.microsecond, utc: false)])
        #expect(rows[1] == [.int(2), .string("2.5"), .int(1_704_195_000_123_456)])
    }

    @Test func emptyInputHasOneTextColumnAndNoRows() throws {
        let (schema, rows, _) = try readCSV("")
        #expect(schema.fields.count == 1 && rows.isEmpty)
    }
}
