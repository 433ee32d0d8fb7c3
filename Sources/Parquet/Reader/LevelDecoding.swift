/// Definition and repetition level sections.
///
/// ```
/// v1, RLE:        u32 LE byte length | hybrid runs        (inside the decompressed page body)
/// v1, BIT_PACKED: ceil(count * bitWidth / 8) bytes, MSB-first (deprecated)
/// v2:             hybrid runs, byte length from the page header, never compressed
/// ```
/// No section at all when the max level is 0. Bit width = bit length of the max level.
enum LevelDecoding {
    static func bitWidth(_ maxLevel: Int) -> Int { Int.bitWidth - maxLevel.leadingZeroBitCount }

    /// Decodes `count` levels of the v1 section at the start of `bytes` into `levels`; returns the bytes used.
    static func decodeV1(_ bytes: UnsafeRawBufferPointer, encoding: Encoding, maxLevel: Int, count: Int,
                         into levels: inout ContiguousArray<UInt32>) throws -> Int {
        let width = bitWidth(maxLevel)
        switch encoding {
        case .rle:
            var (decoder, consumed) = try RLEHybridDecoder.lengthPrefixed(bytes, bitWidth: width)
            try decode(&decoder, count: count, into: &levels)
            return consumed
        case .bitPacked:
            return try decodeBitPacked(bytes, bitWidth: width, count: count, into: &levels)
        default:
            throw ParquetError(.unsupported, "level encoding \(encoding.name) is not supported")
        }
    }

    /// Decodes `count` levels from a v2 section (exactly `bytes`).
    static func decodeV2(_ bytes: UnsafeRawBufferPointer, maxLevel: Int, count: Int,
                         into levels: inout ContiguousArray<UInt32>) throws {
        var decoder = try RLEHybridDecoder(bytes: bytes, bitWidth: bitWidth(maxLevel))
        try decode(&decoder, count: count, into: &levels)
    }

    private static func decode(_ decoder: inout RLEHybridDecoder, count: Int, into levels: inout ContiguousArray<UInt32>) throws {
        let start = levels.count
        levels.append(contentsOf: repeatElement(0, count: count))
        let got = try levels.withUnsafeMutableBufferPointer { all in
            try decoder.decode(into: UnsafeMutableBufferPointer(rebasing: all[start...]))
        }
        guard got == count else { throw ParquetError(.corrupt, "level section ends after \(got) of \(count) levels") }
    }

    /// The deprecated BIT_PACKED level encoding: values packed most significant bit first.
    private static func decodeBitPacked(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int,
                                        into levels: inout ContiguousArray<UInt32>) throws -> Int {
        let (bits, overflow) = count.multipliedReportingOverflow(by: bitWidth)
        let length = overflow ? Int.max : (bits + 7) / 8
        guard length <= bytes.count else {
            throw ParquetError(.corrupt, "BIT_PACKED levels need \(length) bytes, the page has \(bytes.count)")
        }
        levels.reserveCapacity(levels.count + count)
        var bit = 0
        for _ in 0..<count {
            var value: UInt32 = 0
            for _ in 0..<bitWidth {
                let byte = bytes[bit >> 3]
                value = value << 1 | UInt32((byte >> UInt8(7 - bit & 7)) & 1)
                bit += 1
            }
            levels.append(value)
        }
        return length
    }
}
