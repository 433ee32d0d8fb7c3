import Columnar
import Testing
@testable import Parquet

@Suite struct EncodingRLEHybridTests {
    /// Runs of repeats mixed with noise, so both run kinds and their transitions appear.
    static func sample(bitWidth: Int, count: Int, seed: UInt64) -> [UInt32] {
        var rng = TestRandom(seed: seed)
        let mask: UInt64 = bitWidth == 0 ? 0 : (1 << UInt64(bitWidth)) - 1
        var values: [UInt32] = []
        while values.count < count {
            let v = UInt32(rng.next() & mask)
            let length = Int(rng.next() % 3 == 0 ? rng.next() % 40 : rng.next() % 5) + 1
            if rng.next() % 2 == 0 {
                values += Array(repeating: v, count: length)
            } else {
                for _ in 0..<length { values.append(UInt32(rng.next() & mask)) }
            }
        }
        return Array(values.prefix(count))
    }

    @Test(arguments: 0...32)
    func roundTrip(bitWidth: Int) throws {
        for count in [0, 1, 7, 8, 9, 63, 64, 513, 5000] {
            let values = Self.sample(bitWidth: bitWidth, count: count, seed: UInt64(bitWidth * 1000 + count))
            var encoder = RLEHybridEncoder(bitWidth: bitWidth)
            values.withUnsafeBufferPointer { encoder.append(contentsOf: $0) }
            let bytes = encoder.finish()
            #expect(try decodeHybrid(bytes, bitWidth: bitWidth, count: count) == values)
            // Asking for more than was written returns only what is there (up to the padded group).
            let more = try decodeHybrid(bytes, bitWidth: bitWidth, count: count + 100)
            #expect(Array(more.prefix(count)) == values)
            #expect(more.count < count + 8 || bitWidth == 0 && more.count <= count + 100)
        }
    }

    @Test(arguments: [1, 3, 8, 17, 32])
    func decodeInSmallSlices(bitWidth: Int) throws {
        let values = Self.sample(bitWidth: bitWidth, count: 3000, seed: 7)
        var encoder = RLEHybridEncoder(bitWidth: bitWidth)
        values.withUnsafeBufferPointer { encoder.append(contentsOf: $0) }
        let bytes = encoder.finish()
        var got: [UInt32] = []
        try bytes.withUnsafeBytes { raw in
            var decoder = try RLEHybridDecoder(bytes: raw, bitWidth: bitWidth)
            var slice = 1
            while got.count < values.count {
                var out = [UInt32](repeating: 0, count: min(slice, values.count - got.count))
                let n = try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
                #expect(n == out.count)
                got += out
                slice = slice % 13 + 1
            }
        }
        #expect(got == values)
    }

    @Test func knownBytes() throws {
        // Encodings.md example: RLE run of 8 copies of... and a bit-packed run 0..7 with width 3.
        #expect(try decodeHybrid([0x03, 0x88, 0xC6, 0xFA], bitWidth: 3, count: 8) == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(try decodeHybrid([0x10, 0x05], bitWidth: 3, count: 8) == Array(repeating: 5, count: 8))
        // Width 0: a bit-packed run with no bytes, and an RLE run with a 0-byte value.
        #expect(try decodeHybrid([0x03], bitWidth: 0, count: 5) == [0, 0, 0, 0, 0])
        #expect(try decodeHybrid([0x0A], bitWidth: 0, count: 5) == [0, 0, 0, 0, 0])
        // Trailing bytes after the values needed are ignored.
        #expect(try decodeHybrid([0x04, 0x01, 0xFF, 0xFF, 0xFF], bitWidth: 1, count: 2) == [1, 1])
    }

    @Test func lengthPrefixed() throws {
        var encoder = RLEHybridEncoder(bitWidth: 2)
        for i in 0..<100 { encoder.append(UInt32(i % 3)) }
        var sink = ByteBuffer()
        encoder.finish(into: &sink, lengthPrefixed: true)
        sink.append(UInt8(0xEE))  // the next section
        let bytes = sink.array
        try bytes.withUnsafeBytes { raw in
            var (decoder, consumed) = try RLEHybridDecoder.lengthPrefixed(raw, bitWidth: 2)
            #expect(consumed == bytes.count - 1)
            var out = [UInt32](repeating: 0, count: 100)
            #expect(try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) } == 100)
            #expect(out == (0..<100).map { UInt32($0 % 3) })
        }
        #expect(throws: ParquetError.self) { try ([0x05, 0, 0, 0, 1] as [UInt8]).withUnsafeBytes { _ = try RLEHybridDecoder.lengthPrefixed($0, bitWidth: 1) } }
        #expect(throws: ParquetError.self) { try ([0x01, 0] as [UInt8]).withUnsafeBytes { _ = try RLEHybridDecoder.lengthPrefixed($0, bitWidth: 1) } }
    }

    @Test func hostileInputs() throws {
        #expect(throws: ParquetError(.corrupt, "RLE: bit width 33 > 32")) {
            try [UInt8]().withUnsafeBytes { _ = try RLEHybridDecoder(bytes: $0, bitWidth: 33) }
        }
        // Run length beyond int32.
        #expect(throws: ParquetError.self) { try decodeHybrid([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], bitWidth: 1, count: 4) }
        // Unterminated varint.
        #expect(throws: ParquetError.self) { try decodeHybrid([0x80, 0x80], bitWidth: 1, count: 4) }
        // RLE value wider than the bit width.
        #expect(throws: ParquetError.self) { try decodeHybrid([0x02, 0x02], bitWidth: 1, count: 1) }
        // A bit-packed run claiming more groups than there are bytes yields only what is present.
        #expect(try decodeHybrid([0x21, 0xFF], bitWidth: 4, count: 64) == [15, 15])

        var encoder = RLEHybridEncoder(bitWidth: 5)
        Self.sample(bitWidth: 5, count: 700, seed: 3).withUnsafeBufferPointer { encoder.append(contentsOf: $0) }
        let bytes = encoder.finish()
        let result = everyTruncation(of: bytes) { raw in
            var decoder = try RLEHybridDecoder(bytes: raw, bitWidth: 5)
            var out = [UInt32](repeating: 0, count: 700)
            let n = try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
            if n < 700 { throw ParquetError(.corrupt, "short") }
        }
        #expect(result.passed >= 1)
    }

    @Test func encoderChoosesRuns() {
        var encoder = RLEHybridEncoder(bitWidth: 1)
        for _ in 0..<1000 { encoder.append(1) }
        #expect(encoder.finish() == [0xD0, 0x0F, 0x01])  // 1000 << 1 = 2000 as ULEB128, then the value
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 0) == 0)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 1) == 1)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 255) == 8)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 256) == 9)
    }
}
