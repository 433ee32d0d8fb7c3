/// The deprecated BIT_PACKED level encoding (4): `count` levels of `bitWidth` bits, packed **MSB-first** (the
/// opposite of the hybrid's bit-packed runs), no length prefix, `ceil(count * bitWidth / 8)` bytes. Only
/// old writers use it, for levels.

import Columnar

public enum BitPackedLevels {
    /// Bytes taken by `count` levels of `bitWidth` bits.
    public static func byteCount(count: Int, bitWidth: Int) -> Int { (count * bitWidth + 7) / 8 }

    /// Decodes `output.count` levels from the start of `input`; returns the bytes consumed.
    public static func decode(
        _ input: UnsafeRawBufferPointer, bitWidth: Int, into output: UnsafeMutableBufferPointer<UInt32>
    ) throws -> Int {
        guard (0...32).contains(bitWidth) else { throw ParquetError(.corrupt, "BIT_PACKED: bit width \(bitWidth) > 32") }
        let (bits, overflow) = output.count.multipliedReportingOverflow(by: bitWidth)
        let bytes = (bits + 7) / 8
        guard !overflow, bytes <= input.count else {
            throw ParquetError(.corrupt, "BIT_PACKED: \(output.count) levels of \(bitWidth) bits need more than the \(input.count)-byte section")
        }
        var bit = 0
        for i in 0..<output.count {
            var value: UInt32 = 0
            // At most 32 bits, read from at most 5 bytes, most significant bit first.
            var left = bitWidth
            while left > 0 {
                let byte = input[bit >> 3]
                let available = 8 - bit & 7
                let take = min(available, left)
                let chunk = (UInt32(byte) >> UInt32(available - take)) & ((1 << UInt32(take)) - 1)
                value = value << UInt32(take) | chunk
                left -= take
                bit += take
            }
            output[i] = value
        }
        return bytes
    }

    /// Appends `levels` MSB-first, the last byte zero-padded.
    public static func encode(_ levels: UnsafeBufferPointer<UInt32>, bitWidth: Int, into sink: inout ByteBuffer) {
        var acc: UInt64 = 0
        var bits = 0
        for level in levels {
            acc = acc << UInt64(bitWidth) | UInt64(level) & ((1 << UInt64(bitWidth)) - 1)
            bits += bitWidth
            while bits >= 8 {
                bits -= 8
                sink.append(UInt8(truncatingIfNeeded: acc >> UInt64(bits)))
            }
        }
        if bits > 0 { sink.append(UInt8(truncatingIfNeeded: acc << UInt64(8 - bits))) }
    }
}
