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

    @Test func manyDistinctValuesGrowTheTable() {
        // 5000 distinct int64 (and 3000 distinct strings), each seen twice: indices in first-seen order.
        let ints = (0..<10_000).map { Int64($0 % 5000) &* 0x9E37_79B9 }
        var encoder = DictionaryEncoder(width: 8)
        var indices: ContiguousArray<UInt32> = []
        ints.withUnsafeBytes { encoder.insertFixedWidth($0, into: &indices) }
        #expect(encoder.count == 5000)
        #expect(Array(indices) == (0..<10_000).map { UInt32($0 % 5000) })
        var strings = DictionaryEncoder(width: nil)
        var bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        for i in 0..<6000 {
            bytes.append(contentsOf: Array("s\(i % 3000)".utf8))
            offsets.append(Int32(bytes.count))
        }
        var stringIndices: ContiguousArray<UInt32> = []
        bytes.withUnsafeBytes { b in offsets.withUnsafeBufferPointer { strings.insertByteArrays(bytes: b, offsets: $0, into: &stringIndices) } }
        #expect(strings.count == 3000)
        #expect(Array(stringIndices) == (0..<6000).map { UInt32($0 % 3000) })
        strings.removeAll()
        #expect(strings.count == 0 && strings.encodedSize == 0)
    }

    @Test func hostileCountForByteArrays() throws {
        var bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        #expect(throws: ParquetError(.corrupt, "RLE_DICTIONARY: indices end after 1 of 1099511627776 values")) {
            try ([1, 0x02, 0x01] as [UInt8]).withUnsafeBytes { s in
                try ([0x61, 0x62] as [UInt8]).withUnsafeBytes { d in
                    try ([0, 1, 2] as [Int32]).withUnsafeBufferPointer { o in
                        try DictionaryDecoder.gatherByteArray(s, count: 1 << 40, dictionaryBytes: d, dictionaryOffsets: o, bytes: &bytes, offsets: &offsets)
                    }
                }
            }
        }
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
        // A page header claiming 2^40 values over a 3-byte section fails without allocating for them.
        #expect(throws: ParquetError(.corrupt, "RLE_DICTIONARY: indices end after 1 of 1099511627776 values")) {
            try gather([1, 0x02, 0x01], count: 1 << 40)
        }
        try gather([], count: 0)
        let result = everyTruncation(of: [1, 0x03, 0b1010_1010]) { try gather(Array($0), count: 8) }
        #expect(result == (threw: 3, passed: 1))
    }

    @Test func uniformLengthDictionaryGathersAsFixedWidth() throws {
        // Entries of one length (flags, codes) take the fixed-width path: same values and offsets as a
        // dictionary of mixed lengths, appended after what the output already holds.
        for entries in [["A", "N", "R"], ["AB", "CD"], ["", ""], ["seven77", "eight88", "nine999"]] {
            var dictionaryBytes = ByteBuffer()
            var dictionaryOffsets: ContiguousArray<Int32> = [0]
            for entry in entries {
                dictionaryBytes.append(contentsOf: Array(entry.utf8))
                dictionaryOffsets.append(Int32(dictionaryBytes.count))
            }
            let indices = (0..<3_000).map { UInt32(($0 * 7 + $0 / 5) % entries.count) }
            var section = ByteBuffer()
            indices.withUnsafeBufferPointer { DictionaryEncoder.encodeIndices($0, dictionarySize: entries.count, into: &section) }
            var bytes = ByteBuffer(bytes: Array("xyz".utf8))
            var offsets: ContiguousArray<Int32> = [0, 3]
            try section.withUnsafeBytes { s in
                try dictionaryBytes.withUnsafeBytes { d in
                    try dictionaryOffsets.withUnsafeBufferPointer { o in
                        try DictionaryDecoder.gatherByteArray(s, count: indices.count, dictionaryBytes: d, dictionaryOffsets: o,
                                                              bytes: &bytes, offsets: &offsets)
                    }
                }
            }
            let want = "xyz" + indices.map { entries[Int($0)] }.joined()
            #expect(bytes.bytes(0..<bytes.count) == Array(want.utf8))
            var end: Int32 = 3
            let wantOffsets: [Int32] = [0, 3] + indices.map { (index: UInt32) -> Int32 in
                end += Int32(entries[Int(index)].utf8.count)
                return end
            }
            #expect(Array(offsets) == wantOffsets)
        }
    }

    @Test func uniformLengthDictionaryRejectsAnOutOfRangeIndex() throws {
        var section = ByteBuffer()
        ([0, 1, 2, 3] as [UInt32]).withUnsafeBufferPointer { DictionaryEncoder.encodeIndices($0, dictionarySize: 4, into: &section) }
        var bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        #expect(throws: ParquetError(.corrupt, "RLE_DICTIONARY: index 3 out of range for a dictionary of 3 entries")) {
            try section.withUnsafeBytes { s in
                try (Array("ANR".utf8)).withUnsafeBytes { d in
                    try ([0, 1, 2, 3] as [Int32]).withUnsafeBufferPointer { o in
                        try DictionaryDecoder.gatherByteArray(s, count: 4, dictionaryBytes: d, dictionaryOffsets: o, bytes: &bytes, offsets: &offsets)
                    }
                }
            }
        }
    }
}
