import Columnar
import Testing
@testable import Parquet

@Suite struct EncodingDeltaTests {
    /// Values whose deltas need about `bits` bits, with full-range noise at 64 (deltas overflow).
    static func int64s(count: Int, bits: Int, seed: UInt64) -> [Int64] {
        var rng = TestRandom(seed: seed)
        var v = Int64(bitPattern: rng.next())
        return (0..<count).map { _ in
            let r = rng.next()
            if bits >= 64 { v = Int64(bitPattern: r) } else if bits > 0 { v = v &+ Int64(bitPattern: r & ((1 << UInt64(bits)) - 1)) &- (1 << Int64(bits - 1)) }
            return v
        }
    }

    static func roundTrip64(_ values: [Int64]) throws -> (decoded: [Int64], end: Int, size: Int) {
        var page = ByteBuffer()
        values.withUnsafeBufferPointer { DeltaBinaryPacked.encodeInt64($0, into: &page) }
        page.append(contentsOf: [0xAB, 0xCD] as [UInt8])  // data that follows the stream
        var out = ByteBuffer()
        let (count, end) = try page.withUnsafeBytes { try DeltaBinaryPacked.decodeInt64($0, maxCount: values.count, into: &out) }
        #expect(count == values.count)
        return (out.values(Int64.self), end, page.count - 2)
    }

    @Test(arguments: Array(0...33) + [40, 56, 57, 63, 64])
    func int64RoundTrip(bits: Int) throws {
        for count in [0, 1, 2, 31, 32, 33, 128, 129, 200, 1000] {
            let values = Self.int64s(count: count, bits: bits, seed: UInt64(bits * 7919 + count))
            let (decoded, end, size) = try Self.roundTrip64(values)
            #expect(decoded == values)
            #expect(end == size)  // exact end offset
        }
    }

    @Test(arguments: [0, 1, 5, 17, 31, 32])
    func int32RoundTrip(bits: Int) throws {
        var rng = TestRandom(seed: UInt64(bits))
        for count in [0, 1, 2, 127, 128, 129, 777] {
            var values: [Int32] = []
            for i in 0..<count {
                let noise = Int32(truncatingIfNeeded: rng.next() & ((1 << UInt64(bits)) - 1))
                values.append(bits == 32 ? noise : Int32(truncatingIfNeeded: i * 3) &+ noise)
            }
            var page = ByteBuffer()
            values.withUnsafeBufferPointer { DeltaBinaryPacked.encodeInt32($0, into: &page) }
            var out = ByteBuffer()
            let (n, end) = try page.withUnsafeBytes { try DeltaBinaryPacked.decodeInt32($0, maxCount: count, into: &out) }
            #expect(n == count && end == page.count)
            #expect(out.values(Int32.self) == values)
        }
    }

    @Test func int32Wraps() throws {
        // Full-range deltas wrap at 32 bits: the encoder never needs more than 32 bits per delta.
        let values: [Int32] = [Int32.max, Int32.min, Int32.max, 0, Int32.min, -1, 1]
        var page = ByteBuffer()
        values.withUnsafeBufferPointer { DeltaBinaryPacked.encodeInt32($0, into: &page) }
        var out = ByteBuffer()
        _ = try page.withUnsafeBytes { try DeltaBinaryPacked.decodeInt32($0, maxCount: 7, into: &out) }
        #expect(out.values(Int32.self) == values)
        // Bytes: block 128, 4 miniblocks, count 7, first = zigzag(Int32.max); first miniblock width <= 32.
        let widthOffset = 1 + 1 + 1 + 1 + 5 + 5  // header (2-byte block size) + ULEB(first) + ULEB(min delta)
        let bytes = page.array
        #expect(bytes[widthOffset - 1] <= 32 || bytes[widthOffset] <= 32)
    }

    @Test func knownStreams() throws {
        // Count 1: header only, no block (parquet-notes section 6).
        let single: [UInt8] = [0x80, 0x01, 0x04, 0x01, 0x0A]  // first value zigzag 10 = 5
        var out = ByteBuffer()
        let r = try single.withUnsafeBytes { try DeltaBinaryPacked.decodeInt64($0, maxCount: 1, into: &out) }
        #expect(r.count == 1 && r.end == 5 && out.values(Int64.self) == [5])
        // Count 0 is legal.
        out = ByteBuffer()
        let zero = try ([0x80, 0x01, 0x04, 0x00, 0x00] as [UInt8]).withUnsafeBytes { try DeltaBinaryPacked.decodeInt64($0, maxCount: 0, into: &out) }
        #expect(zero.count == 0 && zero.end == 5)
        // 1, 2, 3, 4, 5: min delta 1, all widths 0, so the block is just min delta + 4 width bytes. The last three
        // width bytes hold junk: unused miniblocks are never read.
        let ramp: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0xFF, 0xFF, 0xFF]
        out = ByteBuffer()
        let r2 = try ramp.withUnsafeBytes { try DeltaBinaryPacked.decodeInt64($0, maxCount: 5, into: &out) }
        #expect(out.values(Int64.self) == [1, 2, 3, 4, 5] && r2.end == 10)
    }

    @Test func hostile() throws {
        func decode(_ bytes: [UInt8], maxCount: Int = 1000) throws {
            var out = ByteBuffer()
            _ = try bytes.withUnsafeBytes { try DeltaBinaryPacked.decodeInt64($0, maxCount: maxCount, into: &out) }
        }
        #expect(throws: ParquetError(.corrupt, "DELTA_BINARY_PACKED: miniblock bit width 65 > 64 at byte 6")) {
            try decode([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 65, 0, 0, 0])
        }
        #expect(throws: ParquetError(.corrupt, "DELTA_BINARY_PACKED: total count 5 exceeds the 4 values of the page")) {
            try decode([0x80, 0x01, 0x04, 0x05, 0x02], maxCount: 4)
        }
        #expect(throws: ParquetError(.corrupt, "DELTA_BINARY_PACKED: total count 2000000 needs 15625 blocks, more than the 2 bytes left can hold")) {
            try decode([0x80, 0x01, 0x04, 0x80, 0x89, 0x7A, 0x02, 0x02, 0x00], maxCount: .max)
        }
        #expect(throws: ParquetError.self) { try decode([0x00, 0x04, 0x05, 0x02]) }  // block size 0
        #expect(throws: ParquetError.self) { try decode([0x80, 0x01, 0x03, 0x05, 0x02]) }  // 3 miniblocks
        #expect(throws: ParquetError.self) { try decode([0x40, 0x01, 0x05, 0x02]) }  // block size 64
        #expect(throws: ParquetError.self) { try decode([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]) }
        let values = Self.int64s(count: 300, bits: 13, seed: 1)
        var page = ByteBuffer()
        values.withUnsafeBufferPointer { DeltaBinaryPacked.encodeInt64($0, into: &page) }
        let result = everyTruncation(of: page.array) { raw in
            var out = ByteBuffer()
            _ = try DeltaBinaryPacked.decodeInt64(raw, maxCount: 300, into: &out)
        }
        // Cuts inside the last miniblock pass while the bits of the 11 values still needed are there.
        #expect(result.passed >= 1 && result.threw >= page.count - 52)
    }

    static func byteArrays(_ strings: [String]) -> (ByteBuffer, ContiguousArray<Int32>) {
        var bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        for s in strings {
            bytes.append(contentsOf: Array(s.utf8))
            offsets.append(Int32(bytes.count))
        }
        return (bytes, offsets)
    }

    static let words: [String] = {
        var rng = TestRandom(seed: 42)
        let stems = ["", "a", "apple", "applesauce", "apply", "banana", "band", "bandana", String(repeating: "q", count: 200)]
        return (0..<1500).map { _ in stems[Int(rng.next() % 9)] + (rng.next() % 3 == 0 ? String(rng.next() % 1000) : "") }
    }()

    @Test(arguments: [0, 1, 2, 100, 1500])
    func deltaLengthByteArrayRoundTrip(count: Int) throws {
        let (bytes, offsets) = Self.byteArrays(Array(Self.words.prefix(count)))
        var page = ByteBuffer()
        bytes.withUnsafeBytes { b in offsets.withUnsafeBufferPointer { DeltaLengthByteArray.encode(bytes: b, offsets: $0, into: &page) } }
        var outBytes = ByteBuffer()
        var outOffsets: ContiguousArray<Int32> = [0]
        let (n, end) = try page.withUnsafeBytes {
            try DeltaLengthByteArray.decode($0, maxCount: count, bytes: &outBytes, offsets: &outOffsets)
        }
        #expect(n == count && end == page.count)
        #expect(outBytes == bytes && outOffsets == offsets)
        guard count <= 100 else { return }  // every cut of a big page is slow in debug builds
        let result = everyTruncation(of: page.array) { raw in
            var b = ByteBuffer()
            var o: ContiguousArray<Int32> = [0]
            _ = try DeltaLengthByteArray.decode(raw, maxCount: count, bytes: &b, offsets: &o)
        }
        #expect(result.passed == 1 || count == 0)
    }

    @Test(arguments: [0, 1, 2, 100, 1500])
    func deltaByteArrayRoundTrip(count: Int) throws {
        let (bytes, offsets) = Self.byteArrays(Array(Self.words.prefix(count)).sorted())
        var page = ByteBuffer()
        bytes.withUnsafeBytes { b in offsets.withUnsafeBufferPointer { DeltaByteArray.encode(bytes: b, offsets: $0, into: &page) } }
        var outBytes = ByteBuffer()
        var outOffsets: ContiguousArray<Int32> = [0]
        let (n, end) = try page.withUnsafeBytes {
            try DeltaByteArray.decode($0, maxCount: count, bytes: &outBytes, offsets: &outOffsets)
        }
        #expect(n == count && end == page.count)
        #expect(outBytes == bytes && outOffsets == offsets)
        guard count <= 100 else { return }
        let result = everyTruncation(of: page.array) { raw in
            var b = ByteBuffer()
            var o: ContiguousArray<Int32> = [0]
            _ = try DeltaByteArray.decode(raw, maxCount: count, bytes: &b, offsets: &o)
        }
        #expect(result.passed == 1 || count == 0)
    }

    @Test func deltaByteArrayFixedLength() throws {
        var rng = TestRandom(seed: 5)
        var raw: [UInt8] = []
        for i in 0..<16 * 300 {
            raw.append(i % 16 < 12 ? UInt8(i / 160) : UInt8(truncatingIfNeeded: rng.next()))
        }
        var page = ByteBuffer()
        raw.withUnsafeBytes { DeltaByteArray.encodeFixedLength($0, typeLength: 16, into: &page) }
        var out = ByteBuffer()
        let (n, end) = try page.withUnsafeBytes { try DeltaByteArray.decodeFixedLength($0, maxCount: 300, typeLength: 16, into: &out) }
        #expect(n == 300 && end == page.count && out.array == raw)
        #expect(throws: ParquetError.self) {
            var out = ByteBuffer()
            _ = try page.withUnsafeBytes { try DeltaByteArray.decodeFixedLength($0, maxCount: 300, typeLength: 15, into: &out) }
        }
    }

    @Test func deltaByteArrayPrefixLongerThanPrevious() throws {
        // prefixes [0, 3] (3 > length 2 of "ab"), suffix lengths [2, 1], suffixes "ab" "c".
        var page = ByteBuffer()
        ([0, 3] as [Int32]).withUnsafeBufferPointer { DeltaBinaryPacked.encodeInt32($0, into: &page) }
        ([2, 1] as [Int32]).withUnsafeBufferPointer { DeltaBinaryPacked.encodeInt32($0, into: &page) }
        page.append(contentsOf: Array("abc".utf8))
        #expect(throws: ParquetError(.corrupt, "DELTA_BYTE_ARRAY: value 1 has prefix 3 and suffix 1 after a value of 2 bytes")) {
            var b = ByteBuffer()
            var o: ContiguousArray<Int32> = [0]
            _ = try page.withUnsafeBytes { try DeltaByteArray.decode($0, maxCount: 2, bytes: &b, offsets: &o) }
        }
    }

    @Test(arguments: [4, 8, 2, 12, 16])
    func byteStreamSplitRoundTrip(width: Int) throws {
        var rng = TestRandom(seed: UInt64(width))
        for count in [0, 1, 7, 1000] {
            let raw = (0..<count * width).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var page = ByteBuffer()
            raw.withUnsafeBytes { ByteStreamSplit.encode($0, width: width, into: &page) }
            #expect(page.count == raw.count)
            var out = ByteBuffer()
            try page.withUnsafeBytes { try ByteStreamSplit.decode($0, count: count, width: width, into: &out) }
            #expect(out.array == raw)
        }
        // Layout: byte j of value i at j * N + i.
        var page = ByteBuffer()
        ([1.5, -2.25] as [Float]).withUnsafeBytes { ByteStreamSplit.encode($0, width: 4, into: &page) }
        let a = withUnsafeBytes(of: Float(1.5)) { Array($0) }, b = withUnsafeBytes(of: Float(-2.25)) { Array($0) }
        #expect(page.array == [a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3]])
        #expect(throws: ParquetError.self) {
            var out = ByteBuffer()
            try ([1, 2, 3] as [UInt8]).withUnsafeBytes { try ByteStreamSplit.decode($0, count: 1, width: 2, into: &out) }
        }
        #expect(throws: ParquetError.self) {
            var out = ByteBuffer()
            try ([1, 2, 3, 4] as [UInt8]).withUnsafeBytes { try ByteStreamSplit.decode($0, count: 3, width: 2, into: &out) }
        }
    }
}
