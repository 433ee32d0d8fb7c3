import Columnar
import Testing
@testable import Parquet

@Suite struct EncodingDictionaryTests {
    @Test(arguments: [1, 2, 4, 8, 12, 16, 5])
    func fixedWidthRoundTrip(width: Int) throws {
        var rng = TestRandom(seed: UInt64(width))
        let distinct = (0..<37).map { _ in (0..<width).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
        var raw: [UInt8] = []
        for i in 0..<3000 { raw += distinct[i % 7 == 0 ? 0 : Int(rng.next() % 37)] }
        var encoder = DictionaryEncoder(width: width)
        var indices: ContiguousArray<UInt32> = []
        raw.withUnsafeBytes { encoder.insertFixedWidth($0, into: &indices) }
        #expect(encoder.count <= 37)
        var dictionary = ByteBuffer()
        encoder.writeDictionaryPage(into: &dictionary)
        #expect(dictionary.count == encoder.encodedSize)
        var section = ByteBuffer()
        indices.withUnsafeBufferPointer { DictionaryEncoder.encodeIndices($0, dictionarySize: encoder.count, into: &section) }
        var out = ByteBuffer()
        try section.withUnsafeBytes { s in
            try dictionary.withUnsafeBytes { d in
                try DictionaryDecoder.gatherFixedWidth(s, count: 3000, dictionary: d, width: width, into: &out)
            }
        }
        #expect(out.array == raw)
    }

    @Test func byteArrayRoundTrip() throws {
        let words = ["", "apple", "banana", String(repeating: "z", count: 100), "apple2"]
        var rng = TestRandom(seed: 1)
        let column = (0..<2000).map { _ in words[Int(rng.next() % 5)] }
        var bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        for w in column {
            bytes.append(contentsOf: Array(w.utf8))
            offsets.append(Int32(bytes.count))
        }
        var encoder = DictionaryEncoder(width: nil)
        var indices: ContiguousArray<UInt32> = []
        bytes.withUnsafeBytes { b in offsets.withUnsafeBufferPointer { encoder.insertByteArrays(bytes: b, offsets: $0, into: &indices) } }
        #expect(encoder.count == 5)
        var page = ByteBuffer()
        encoder.writeDictionaryPage(into: &page)
        #expect(page.count == encoder.encodedSize)
        // The dictionary page is PLAIN: decode it like the reader does.
        var dictBytes = ByteBuffer()
        var dictOffsets: ContiguousArray<Int32> = [0]
        _ = try page.withUnsafeBytes { try PlainDecoder.decodeByteArray($0, count: 5, bytes: &dictBytes, offsets: &dictOffsets) }
        var section = ByteBuffer()
        indices.withUnsafeBufferPointer { DictionaryEncoder.encodeIndices($0, dictionarySize: 5, into: &section) }
        var outBytes = ByteBuffer()
        var outOffsets: ContiguousArray<Int32> = [0]
        try section.withUnsafeBytes { s in
            try dictBytes.withUnsafeBytes { d in
                try dictOffsets.withUnsafeBufferPointer { o in
                    try DictionaryDecoder.gatherByteArray(s, count: 2000, dictionaryBytes: d, dictionaryOffsets: o, bytes: &outBytes, offsets: &outOffsets)
                }
            }
        }
        #expect(outBytes == bytes)
        #expect(outOffsets == offsets)
    }

    @Test func bitWidthZeroMeansIndexZero() throws {
        // ARROW-GH-43605: a one-entry dictionary with width 0 and no index bytes beyond a run header.
        let section: [UInt8] = [0, 0x0A]  // width 0, RLE run of 5
        var out = ByteBuffer()
        try section.withUnsafeBytes { s in
            try ([42, 0, 0, 0] as [UInt8]).withUnsafeBytes { d in
                try DictionaryDecoder.gatherFixedWidth(s, count: 5, dictionary: d, width: 4, into: &out)
            }
        }
        #expect(out.values(Int32.self) == [42, 42, 42, 42, 42])
    }

    @Test func hostile() throws {
        let dictionary: [UInt8] = [1, 0, 0, 0, 2, 0, 0, 0]
        func gather(_ section: [UInt8], count: Int) throws {
            var out = ByteBuffer()
            try section.withUnsafeBytes { s in
                try dictionary.withUnsafeBytes { d in
                    try DictionaryDecoder.gatherFixedWidth(s, count: count, dictionary: d, width: 4, into: &out)
                }
            }
        }
        #expect(throws: ParquetError(.corrupt, "RLE_DICTIONARY: bit width 254 > 32")) { try gather([254, 2, 0], count: 1) }
        #expect(throws: ParquetError(.corrupt, "RLE_DICTIONARY: index 2 out of range for a dictionary of 2 entries")) {
            try gather([2, 0x04, 2], count: 2)
        }
        #expect(throws: ParquetError(.corrupt, "RLE_DICTIONARY: indices end after 2 of 3 values")) { try gather([2, 0x04, 1], count: 3) }
        #expect(throws: ParquetError.self) { try gather([], count: 1) }
        try gather([], count: 0)
        let result = everyTruncation(of: [1, 0x03, 0b1010_1010]) { try gather(Array($0), count: 8) }
        #expect(result == (threw: 3, passed: 1))
    }
}
