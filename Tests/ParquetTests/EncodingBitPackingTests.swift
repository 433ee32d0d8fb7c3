import Columnar
import Testing
@testable import Parquet

/// `BitPacker` and `BitUnpacker` directly, every width, both unpacking paths (fast loads and the padded tail).
@Suite struct EncodingBitPackingTests {
    static func values(bitWidth: Int, count: Int) -> [UInt64] {
        var rng = TestRandom(seed: UInt64(bitWidth) &* 31 &+ 7)
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        return (0..<count).map { i in i % 5 == 0 ? mask : rng.next() & mask }
    }

    static func pack(_ values: [UInt64], bitWidth: Int) -> [UInt8] {
        var sink = ByteBuffer()
        values.withUnsafeBufferPointer { BitPacker.pack($0.baseAddress!, count: values.count, bitWidth: bitWidth, into: &sink) }
        return sink.array
    }

    @Test(arguments: 0...64)
    func unpack64RoundTrip(bitWidth: Int) {
        for groups in [1, 2, 5, 40] {
            let values = Self.values(bitWidth: bitWidth, count: groups * 8)
            let packed = Self.pack(values, bitWidth: bitWidth)
            #expect(packed.count == groups * bitWidth)
            var out = [UInt64](repeating: 0xDEAD, count: groups * 8)
            packed.withUnsafeBytes { raw in
                out.withUnsafeMutableBufferPointer { BitUnpacker.unpack64(raw, groups: groups, bitWidth: bitWidth, into: $0.baseAddress!) }
            }
            #expect(out == values)
        }
    }

    @Test(arguments: 0...32)
    func unpack32RoundTrip(bitWidth: Int) {
        for groups in [1, 3, 40] {
            let values = Self.values(bitWidth: bitWidth, count: groups * 8)
            let packed = Self.pack(values, bitWidth: bitWidth)
            var out = [UInt32](repeating: 0xDEAD, count: groups * 8)
            packed.withUnsafeBytes { raw in
                out.withUnsafeMutableBufferPointer { BitUnpacker.unpack32(raw, groups: groups, bitWidth: bitWidth, into: $0.baseAddress!) }
            }
            #expect(out.map { UInt64($0) } == values)
        }
    }

    @Test func lsbFirstLayout() {
        // Encodings.md: 0..7 at width 3 pack to 10001000 11000110 11111010.
        #expect(Self.pack((0..<8).map { UInt64($0) }, bitWidth: 3) == [0b1000_1000, 0b1100_0110, 0b1111_1010])
    }
}
