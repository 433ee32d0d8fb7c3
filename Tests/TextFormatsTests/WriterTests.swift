import Columnar
import Testing
@testable import TextFormats

@Suite struct WriterTests {
    static let schema = Schema([
        Field("s", .string), Field("i", .int64), Field("d", .decimal(precision: 10, scale: 3)), Field("f", .float64),
        Field("day", .date), Field("at", .timestamp(.microsecond, utc: false)), Field("b", .boolean),
    ])

    static let rows: [[Value]] = [
        [.string("plain"), .int(1), .decimal(-1_500), .float(0.1), .int(0), .int(1_500_000), .bool(true)],
        [.string("comma, \"quote\"\nnewline"), .int(-9), .decimal(5), .float(1e300), .int(-1), .int(-1), .bool(false)],
        [.string(""), .null, .null, .null, .null, .null, .null],
    ]

    static var batch: Batch {
        Batch(schema: schema, columns: schema.fields.enumerated().map { c, field in
            Vector(type: field.type, values: rows.map { $0[c] })
        })
    }

    @Test func csvText() throws {
        let memory = MemoryOutput()
        let writer = try CSVWriter(output: memory, schema: Self.schema)
        try writer.write(Self.batch)
        try writer.finish()
        let text = String(decoding: memory.bytes, as: UTF8.self)
        #expect(text == """
            s,i,d,f,day,at,b
            plain,1,-1.500,0.1,1970-01-01,1970-01-01T00:00:01.5,true
            "comma, ""quote""
            newline",-9,0.005,1e+300,1969-12-31,1969-12-31T23:59:59.999999,false
            "",,,,,,

            """)
    }

    @Test func csvRoundTripsThroughTheReader() throws {
        let memory = MemoryOutput()
        let writer = try CSVWriter(output: memory, schema: Self.schema)
        try writer.write(Self.batch)
        try writer.finish()
        var options = CSVOptions()
        options.schema = Self.schema
        options.header = true
        options.allowQuotedNulls = false
        let (_, rows, _) = try readCSV(memory.bytes, options)
        #expect(rows == Self.rows)
    }

    @Test func jsonLinesRoundTripsThroughTheReader() throws {
        let memory = MemoryOutput()
        let writer = JSONLinesWriter(output: memory, schema: Self.schema)
        try writer.write(Self.batch)
        try writer.finish()
        let first = String(decoding: memory.bytes, as: UTF8.self).split(separator: "\n")[0]
        #expect(first == #"{"s":"plain","i":1,"d":-1.500,"f":0.1,"day":"1970-01-01","at":"1970-01-01T00:00:01.5","b":true}"#)
        var options = JSONOptions()
        options.schema = Self.schema
        let reader = try JSONReader(input: MemoryInput(memory.bytes), options: options)
        #expect(try reader.next()?.rows == Self.rows)
    }

    @Test func nestedJSON() throws {
        let type = DataType.structure([Field("k", .list(Field("element", .int32))), Field("m", .map(key: Field("key", .string), value: Field("value", .float64)))])
        let schema = Schema([Field("n", type)])
        let value = Value.structure([.list([.int(1), .null]), .map([(key: .string("a"), value: .float(.nan))])])
        let batch = Batch(schema: schema, columns: [Vector(type: type, values: [value, .null])])
        let memory = MemoryOutput()
        let writer = JSONLinesWriter(output: memory, schema: schema)
        try writer.write(batch)
        try writer.finish()
        #expect(String(decoding: memory.bytes, as: UTF8.self) == "{\"n\":{\"k\":[1,null],\"m\":{\"a\":\"NaN\"}}}\n{\"n\":null}\n")
    }
}

@Suite struct WriterOptionTests {
    static let schema = Schema([Field("a", .string), Field("n", .int32)])
    static let batch = Batch(schema: schema, columns: [
        Vector(type: .string, values: [.string("x;y"), .string("q\"z"), .string("NULL"), .null]),
        Vector(type: .int32, values: [.int(1), .null, .int(3), .int(4)]),
    ])

    @Test func delimiterEscapeNullStringAndCRLF() throws {
        var options = CSVWriteOptions()
        options.delimiter = UInt8(ascii: ";")
        options.escape = UInt8(ascii: "\\")
        options.nullString = "NULL"
        options.crlf = true
        let memory = MemoryOutput()
        let writer = try CSVWriter(output: memory, schema: Self.schema, options: options)
        try writer.write(Self.batch)
        try writer.finish()
        #expect(String(decoding: memory.bytes, as: UTF8.self) == "a;n\r\n\"x;y\";1\r\n\"q\\\"z\";NULL\r\n\"NULL\";3\r\nNULL;4\r\n")
        var read = CSVOptions()
        read.delimiter = UInt8(ascii: ";")
        read.escape = UInt8(ascii: "\\")
        read.nullStrings = ["NULL"]
        read.allowQuotedNulls = false
        read.schema = Self.schema
        read.header = true
        let (_, rows, _) = try readCSV(memory.bytes, read)
        #expect(rows == Self.batch.rows)
    }

    @Test(arguments: [true, false]) func compressedOutputReadsBack(gzip: Bool) throws {
        let memory = MemoryOutput()
        let output: ByteOutput = gzip ? try GzipOutput(memory) : try ZstdOutput(memory)
        let writer = JSONLinesWriter(output: output, schema: Self.schema)
        for _ in 0..<200 { try writer.write(Self.batch) }
        try writer.finish()
        #expect(InputPipeline.detect(Array(memory.bytes.prefix(4))) == (gzip ? .gzip : .zstd))
        var options = JSONOptions()
        options.schema = Self.schema
        let reader = try JSONReader(input: MemoryInput(memory.bytes), options: options)
        var count = 0
        while let batch = try reader.next() { count += batch.count }
        #expect(count == 800)
    }

    @Test func selectionVectorIsHonoured() throws {
        var batch = Self.batch
        batch.selection = SelectionVector([2, 0])
        let memory = MemoryOutput()
        let writer = JSONLinesWriter(output: memory, schema: Self.schema)
        try writer.write(batch)
        try writer.finish()
        #expect(String(decoding: memory.bytes, as: UTF8.self) == "{\"a\":\"NULL\",\"n\":3}\n{\"a\":\"x;y\",\"n\":1}\n")
    }
}
