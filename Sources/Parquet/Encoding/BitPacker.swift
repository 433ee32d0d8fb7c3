import Columnar

/// Packs values LSB-first into bytes: the writing side of `BitUnpacker`.
@usableFromInline
enum BitPacker {
    /// Writes `count` (a multiple of 8) values of `bitWidth` (0...64) bits as exactly `count * bitWidth / 8`
    /// bytes at `dst`. Bits above the width are ignored.
    @inlinable
    static func pack(_ values: UnsafePointer<UInt64>, count: Int, bitWidth w: Int, into dst: UnsafeMutableRawPointer) {
        guard w > 0 else { return }
        let mask: UInt64 = w == 64 ? ~0 : (1 << UInt64(w)) &- 1
        var acc: UInt64 = 0
        var bits = 0
        var o = 0
        for i in 0..<count {
            let v = values[i] & mask
            acc |= v << UInt64(bits)
            bits += w
            if bits >= 64 {
                dst.storeBytes(of: acc.littleEndian, toByteOffset: o, as: UInt64.self)
                o += 8
                bits -= 64
                // The high bits of v that did not fit (none when bits == 0: v >> w is 0).
                acc = v >> UInt64(w - bits)
            }
        }
        while bits > 0 {
            dst.storeBytes(of: UInt8(truncatingIfNeeded: acc), toByteOffset: o, as: UInt8.self)
            acc >>= 8
            o += 1
            bits -= 8
        }
    }

    /// Appends `count` (a multiple of 8) packed values to `sink`.
    @inlinable
    static func pack(_ values: UnsafePointer<UInt64>, count: Int, bitWidth: Int, into sink: inout ByteBuffer) {
        let bytes = count * bitWidth / 8
        guard bytes > 0 else { return }
        sink.appendUninitialized(bytes) { pack(values, count: count, bitWidth: bitWidth, into: $0.baseAddress!) }
    }
}
