import Columnar
import Testing
@testable import TextFormats

@Suite struct InputPipelineTests {
    static let text = "name,n\n\"café, au lait\",1\nnaïve,2\n"

    func compress(_ bytes: [UInt8], gzip: Bool) throws -> [UInt8] {
        let memory = MemoryOutput()
        let output: ByteOutput = gzip ? try GzipOutput(memory) : try ZstdOutput(memory)
        try bytes.withUnsafeBytes { try output.write($0) }
        try output.close()
        return memory.bytes
    }

    @Test(arguments: [true, false]) func compressedInputIsDetectedByMagic(gzip: Bool) throws {
        let compressed = try compress(Array(Self.text.utf8), gzip: gzip)
        let (_, rows, _) = try readCSV(compressed)
        #expect(rows == [[.string("café, au lait"), .int(1)], [.string("naïve"), .int(2)]])
    }

    @Test func concatenatedGzipMembers() throws {
        let a = try compress(Array("x\n1\n".utf8), gzip: true)
        let b = try compress(Array("2\n".utf8), gzip: true)
        let (_, rows, _) = try readCSV(a + b)
        #expect(rows == [[.int(1)], [.int(2)]])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let (schema, _, _) = try readCSV([0xEF, 0xBB, 0xBF] + Array(Self.text.utf8))
        #expect(schema.fields[0].name == "name")
    }

    @Test func latin1IsTranscoded() throws {
        var options = CSVOptions()
        options.encoding = .latin1
        let latin1: [UInt8] = Array("name,n\ncaf".utf8) + [0xE9] + Array(",1\n".utf8)
        let (_, rows, _) = try readCSV(latin1, options)
        #expect(rows == [[.string("café"), .int(1)]])
    }

    @Test func chunkedInputInTinyPieces() throws {
        let compressed = try compress(Array(Self.text.utf8), gzip: false)
        var chunks = stride(from: 0, to: compressed.count, by: 3).map { Array(compressed[$0..<min($0 + 3, compressed.count)]) }
        let input = ChunkedInput { chunks.isEmpty ? nil : chunks.removeFirst() }
        let reader = try CSVReader(input: input)
        #expect(try reader.next()?.rowCount == 2)
    }

    @Test(arguments: [true, false]) func truncatedCompressedInputIsAnError(gzip: Bool) throws {
        let compressed = try compress(Array(String(repeating: Self.text, count: 50).utf8), gzip: gzip)
        #expect(throws: TextFormatError.self) {
            _ = try readCSV(Array(compressed.prefix(compressed.count / 2)))
        }
    }
}

@Suite struct Latin1InputTests {
    @Test func anyReadSizeTranscodesEverything() throws {
        let latin1: [UInt8] = Array(0...255)
        let expected = Array(String(decoding: latin1.map { UInt16($0) }, as: UTF16.self).utf8)
        for size in 1...7 {
            let input = Latin1Input(MemoryInput(latin1))
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: size)
            while case let n = try chunk.withUnsafeMutableBytes({ try input.read(into: $0) }), n > 0 { out += chunk[0..<n] }
            #expect(out == expected, "read size \(size)")
        }
    }

    @Test func smallWindowLatin1CSV() throws {
        var options = CSVOptions()
        options.encoding = .latin1
        options.bufferBytes = 17
        var text: [UInt8] = Array("w\n".utf8)
        for _ in 0..<300 { text += [0xE9, 0xE8, 0x41, 0x0A] }
        let (_, rows, _) = try readCSV(text, options)
        #expect(rows.count == 300 && rows.allSatisfy { $0 == [.string("éèA")] })
    }
}

@Suite struct DecompressionReadSizeTests {
    @Test(arguments: [true, false]) func everyReadSizeDecodesEverything(gzip: Bool) throws {
        let text = Array(String(repeating: "row,with some text,12345\n", count: 400).utf8)
        let memory = MemoryOutput()
        let output: ByteOutput = gzip ? try GzipOutput(memory) : try ZstdOutput(memory)
        try text.withUnsafeBytes { try output.write($0) }
        try output.close()
        for size in [1, 2, 3, 7, 64, 4_096] {
            let input: ByteInput = gzip ? try GzipInput(MemoryInput(memory.bytes)) : try ZstdInput(MemoryInput(memory.bytes))
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: size)
            while case let n = try chunk.withUnsafeMutableBytes({ try input.read(into: $0) }), n > 0 { out += chunk[0..<n] }
            #expect(out == text, "read size \(size)")
        }
    }
}
