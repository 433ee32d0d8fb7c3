import Columnar
import Testing
@testable import Parquet

@Suite struct EncodingPlainTests {
    @Test(arguments: [4, 8, 12, 3, 16])
    func fixedWidthRoundTrip(width: Int) throws {
        var rng = TestRandom(seed: UInt64(width))
        let count = 1000
        let raw = (0..<count * width).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var page = ByteBuffer()
        raw.withUnsafeBytes { PlainEncoder.encodeFixedWidth($0, into: &page) }
        var out = ByteBuffer()
        out.append(UInt8(9))  // output is appended, not overwritten
        let consumed = try page.withUnsafeBytes { try PlainDecoder.decodeFixedWidth($0, count: count, width: width, into: &out) }
        #expect(consumed == count * width)
        #expect(out.array == [9] + raw)
        #expect(throws: ParquetError.self) {
            try page.withUnsafeBytes { try PlainDecoder.decodeFixedWidth($0, count: count + 1, width: width, into: &out) }
        }
        #expect(throws: ParquetError.self) {
            try page.withUnsafeBytes { try PlainDecoder.decodeFixedWidth($0, count: Int.max / 2, width: width, into: &out) }
        }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 100, 1001])
    func booleanRoundTrip(count: Int) throws {
        var rng = TestRandom(seed: UInt64(count))
        let values = (0..<count).map { _ in UInt8(rng.next() & 1) }
        var page = ByteBuffer()
        values.withUnsafeBufferPointer { PlainEncoder.encodeBoolean($0, into: &page) }
        #expect(page.count == (count + 7) / 8)
        var out = ByteBuffer()
        let consumed = try page.withUnsafeBytes { try PlainDecoder.decodeBoolean($0, count: count, into: &out) }
        #expect(consumed == page.count)
        #expect(out.array == values)
        if count > 0 {
            #expect(throws: ParquetError.self) {
                try page.withUnsafeBytes { try PlainDecoder.decodeBoolean($0, count: page.count * 8 + 1, into: &out) }
            }
        }
    }

    @Test func booleanBitOrder() throws {
        var out = ByteBuffer()
        _ = try ([0b0000_0101, 0b1] as [UInt8]).withUnsafeBytes { try PlainDecoder.decodeBoolean($0, count: 9, into: &out) }
        #expect(out.array == [1, 0, 1, 0, 0, 0, 0, 0, 1])
    }

    @Test func byteArrayRoundTrip() throws {
        let strings = ["", "a", "hello", String(repeating: "x", count: 300), "", "é"]
        var bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        for s in strings {
            bytes.append(contentsOf: Array(s.utf8))
            offsets.append(Int32(bytes.count))
        }
        var page = ByteBuffer()
        bytes.withUnsafeBytes { b in offsets.withUnsafeBufferPointer { PlainEncoder.encodeByteArray(bytes: b, offsets: $0, into: &page) } }
        page.append(UInt8(0xAA))  // trailing data is not consumed
        var outBytes = ByteBuffer()
        outBytes.append(contentsOf: [1, 2, 3] as [UInt8])
        var outOffsets: ContiguousArray<Int32> = [0, 3]
        let consumed = try page.withUnsafeBytes {
            try PlainDecoder.decodeByteArray($0, count: strings.count, bytes: &outBytes, offsets: &outOffsets)
        }
        #expect(consumed == page.count - 1)
        #expect(outBytes.array == [1, 2, 3] + bytes.array)
        #expect(Array(outOffsets) == [0, 3] + offsets.dropFirst().map { $0 + 3 })
    }

    @Test func byteArrayHostile() {
        let page: [UInt8] = [3, 0, 0, 0, 0x61, 0x62, 0x63, 2, 0, 0, 0, 0x64, 0x65]
        let result = everyTruncation(of: page) { raw in
            var bytes = ByteBuffer()
            var offsets: ContiguousArray<Int32> = [0]
            _ = try PlainDecoder.decodeByteArray(raw, count: 2, bytes: &bytes, offsets: &offsets)
        }
        #expect(result == (threw: page.count, passed: 1))
        // A length of 4 GiB - 1.
        #expect(throws: ParquetError.self) {
            try ([0xFF, 0xFF, 0xFF, 0xFF, 0] as [UInt8]).withUnsafeBytes { raw in
                var bytes = ByteBuffer()
                var offsets: ContiguousArray<Int32> = [0]
                _ = try PlainDecoder.decodeByteArray(raw, count: 1, bytes: &bytes, offsets: &offsets)
            }
        }
    }

    @Test func int96() throws {
        // parquet-notes section 8: int96_from_spark's sixth value, jdn -105862232, nanos -32509551616000.
        let nanos: Int64 = -32_509_551_616_000
        let day: Int32 = -105_862_232
        let wrapped = Int96.nanosecondsSinceEpoch(nanos: nanos, julianDay: day)
        // (jdn - 2440588) * 86_400_000_000_000 + nanos reduced mod 2^64 (checked in Python); pyarrow's ns value differs.
        #expect(wrapped == -4_864_435_138_808_946_688)
        #expect(Int96.checkedNanosecondsSinceEpoch(nanos: nanos, julianDay: day) == nil)
        var page = ByteBuffer()
        page.append(nanos.littleEndian)
        page.append(day.littleEndian)
        page.append(Int64(43_200_000_000_000).littleEndian)  // noon
        page.append(Int32(2_440_589).littleEndian)  // 1970-01-02
        var out = ByteBuffer()
        let consumed = try page.withUnsafeBytes { try PlainDecoder.decodeInt96($0, count: 2, into: &out) }
        #expect(consumed == 24)
        #expect(out.values(Int64.self) == [wrapped, 86_400_000_000_000 + 43_200_000_000_000])
        // Round trip through the writer, including a negative (pre-1970) instant.
        let instants: [Int64] = [0, -1, 1_700_000_000_123_456_789, -86_400_000_000_001]
        var encoded = ByteBuffer()
        instants.withUnsafeBufferPointer { PlainEncoder.encodeInt96($0, into: &encoded) }
        var decoded = ByteBuffer()
        _ = try encoded.withUnsafeBytes { try PlainDecoder.decodeInt96($0, count: 4, into: &decoded) }
        #expect(decoded.values(Int64.self) == instants)
        #expect(throws: ParquetError.self) { try encoded.withUnsafeBytes { try PlainDecoder.decodeInt96($0, count: 5, into: &decoded) } }
    }
}
