/// Bit unpacking and packing, LSB-first (the RLE/bit-packed hybrid's and DELTA_BINARY_PACKED's order): value i
/// of a run occupies bits [i*w, (i+1)*w) of the little-endian bit stream. Values come in groups of 8, which take
/// exactly w bytes.
///
/// Each entry point switches on the width once per call and runs a loop where the width is a literal, so
/// every width gets its own unrolled shift-and-mask code (the `@inline(__always)` group kernels below).

import Columnar
@usableFromInline
enum BitUnpacker {
    /// Unpacks `groups` groups of 8 values of `bitWidth` (0...32) bits from `input` into `output`.
    /// `input` must hold at least `groups * bitWidth` bytes; bytes after those are never read.
    @usableFromInline
    static func unpack32(
        _ input: UnsafeRawBufferPointer, groups: Int, bitWidth: Int, into output: UnsafeMutablePointer<UInt32>
    ) {
        switch bitWidth {
        case 0: output.update(repeating: 0, count: groups * 8)
        case 1: run32(input, groups, output, 1)
        case 2: run32(input, groups, output, 2)
        case 3: run32(input, groups, output, 3)
        case 4: run32(input, groups, output, 4)
        case 5: run32(input, groups, output, 5)
        case 6: run32(input, groups, output, 6)
        case 7: run32(input, groups, output, 7)
        case 8: run32(input, groups, output, 8)
        case 9: run32(input, groups, output, 9)
        case 10: run32(input, groups, output, 10)
        case 11: run32(input, groups, output, 11)
        case 12: run32(input, groups, output, 12)
        case 13: run32(input, groups, output, 13)
        case 14: run32(input, groups, output, 14)
        case 15: run32(input, groups, output, 15)
        case 16: run32(input, groups, output, 16)
        case 17: run32(input, groups, output, 17)
        case 18: run32(input, groups, output, 18)
        case 19: run32(input, groups, output, 19)
        case 20: run32(input, groups, output, 20)
        case 21: run32(input, groups, output, 21)
        case 22: run32(input, groups, output, 22)
        case 23: run32(input, groups, output, 23)
        case 24: run32(input, groups, output, 24)
        case 25: run32(input, groups, output, 25)
        case 26: run32(input, groups, output, 26)
        case 27: run32(input, groups, output, 27)
        case 28: run32(input, groups, output, 28)
        case 29: run32(input, groups, output, 29)
        case 30: run32(input, groups, output, 30)
        case 31: run32(input, groups, output, 31)
        default: run32(input, groups, output, 32)
        }
    }

    /// Groups whose 8-byte loads stay inside `input` take the fast path; the last few are copied into a
    /// zero-padded scratch first, so no load ever reads past the section.
    @inline(__always)
    static func run32(_ input: UnsafeRawBufferPointer, _ groups: Int, _ output: UnsafeMutablePointer<UInt32>, _ w: Int) {
        guard groups > 0, let base = input.baseAddress else { return }
        let fast = max(0, min(groups, (input.count - 8) / w))
        var g = 0
        while g < fast {
            group32(base + g * w, output + g * 8, w)
            g += 1
        }
        if g < groups {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 6) { scratch in
                let raw = UnsafeMutableRawPointer(scratch.baseAddress!)
                while g < groups {
                    raw.initializeMemory(as: UInt8.self, repeating: 0, count: 48)
                    raw.copyMemory(from: base + g * w, byteCount: w)
                    group32(UnsafeRawPointer(raw), output + g * 8, w)
                    g += 1
                }
            }
        }
    }

    @inline(__always)
    static func group32(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<UInt32>, _ w: Int) {
        let mask: UInt64 = w == 64 ? ~0 : (1 << UInt64(w)) &- 1
        for i in 0..<8 {
            let bit = i * w
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
        }
    }

    /// Unpacks `groups` groups of 8 values of `bitWidth` (0...64) bits into `output` (DELTA_BINARY_PACKED).
    @usableFromInline
    static func unpack64(
        _ input: UnsafeRawBufferPointer, groups: Int, bitWidth: Int, into output: UnsafeMutablePointer<UInt64>
    ) {
        switch bitWidth {
        case 0: output.update(repeating: 0, count: groups * 8)
        case 1: run64(input, groups, output, 1)
        case 2: run64(input, groups, output, 2)
        case 3: run64(input, groups, output, 3)
        case 4: run64(input, groups, output, 4)
        case 5: run64(input, groups, output, 5)
        case 6: run64(input, groups, output, 6)
        case 7: run64(input, groups, output, 7)
        case 8: run64(input, groups, output, 8)
        case 9: run64(input, groups, output, 9)
        case 10: run64(input, groups, output, 10)
        case 11: run64(input, groups, output, 11)
        case 12: run64(input, groups, output, 12)
        case 13: run64(input, groups, output, 13)
        case 14: run64(input, groups, output, 14)
        case 15: run64(input, groups, output, 15)
        case 16: run64(input, groups, output, 16)
        case 17: run64(input, groups, output, 17)
        case 18: run64(input, groups, output, 18)
        case 19: run64(input, groups, output, 19)
        case 20: run64(input, groups, output, 20)
        case 21: run64(input, groups, output, 21)
        case 22: run64(input, groups, output, 22)
        case 23: run64(input, groups, output, 23)
        case 24: run64(input, groups, output, 24)
        case 25: run64(input, groups, output, 25)
        case 26: run64(input, groups, output, 26)
        case 27: run64(input, groups, output, 27)
        case 28: run64(input, groups, output, 28)
        case 29: run64(input, groups, output, 29)
        case 30: run64(input, groups, output, 30)
        case 31: run64(input, groups, output, 31)
        case 32: run64(input, groups, output, 32)
        case 33: run64(input, groups, output, 33)
        case 34: run64(input, groups, output, 34)
        case 35: run64(input, groups, output, 35)
        case 36: run64(input, groups, output, 36)
        case 37: run64(input, groups, output, 37)
        case 38: run64(input, groups, output, 38)
        case 39: run64(input, groups, output, 39)
        case 40: run64(input, groups, output, 40)
        case 41: run64(input, groups, output, 41)
        case 42: run64(input, groups, output, 42)
        case 43: run64(input, groups, output, 43)
        case 44: run64(input, groups, output, 44)
        case 45: run64(input, groups, output, 45)
        case 46: run64(input, groups, output, 46)
        case 47: run64(input, groups, output, 47)
        case 48: run64(input, groups, output, 48)
        case 49: run64(input, groups, output, 49)
        case 50: run64(input, groups, output, 50)
        case 51: run64(input, groups, output, 51)
        case 52: run64(input, groups, output, 52)
        case 53: run64(input, groups, output, 53)
        case 54: run64(input, groups, output, 54)
        case 55: run64(input, groups, output, 55)
        case 56: run64(input, groups, output, 56)
        default: run64Wide(input, groups, output, bitWidth)
        }
    }

    @inline(__always)
    static func run64(_ input: UnsafeRawBufferPointer, _ groups: Int, _ output: UnsafeMutablePointer<UInt64>, _ w: Int) {
        guard groups > 0, let base = input.baseAddress else { return }
        let fast = max(0, min(groups, (input.count - 8) / w))
        var g = 0
        while g < fast {
            group64(base + g * w, output + g * 8, w)
            g += 1
        }
        if g < groups {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 10) { scratch in
                let raw = UnsafeMutableRawPointer(scratch.baseAddress!)
                while g < groups {
                    raw.initializeMemory(as: UInt8.self, repeating: 0, count: 80)
                    raw.copyMemory(from: base + g * w, byteCount: w)
                    group64(UnsafeRawPointer(raw), output + g * 8, w)
                    g += 1
                }
            }
        }
    }

    /// Widths up to 56: one 8-byte load per value covers all its bits.
    @inline(__always)
    static func group64(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<UInt64>, _ w: Int) {
        let mask: UInt64 = (1 << UInt64(w)) &- 1
        for i in 0..<8 {
            let bit = i * w
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            out[i] = (word >> UInt64(bit & 7)) & mask
        }
    }

    /// Widths 57...64: a value can straddle nine bytes, so read byte by byte from a padded copy.
    static func run64Wide(_ input: UnsafeRawBufferPointer, _ groups: Int, _ output: UnsafeMutablePointer<UInt64>, _ w: Int) {
        guard groups > 0, let base = input.baseAddress else { return }
        let mask: UInt64 = w == 64 ? ~0 : (1 << UInt64(w)) &- 1
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 10) { scratch in
            let raw = UnsafeMutableRawPointer(scratch.baseAddress!)
            for g in 0..<groups {
                raw.initializeMemory(as: UInt8.self, repeating: 0, count: 80)
                raw.copyMemory(from: base + g * w, byteCount: w)
                for i in 0..<8 {
                    let bit = i * w
                    let shift = UInt64(bit & 7)
                    let low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                    let high = UInt64(raw.load(fromByteOffset: (bit >> 3) + 8, as: UInt8.self))
                    let value = shift == 0 ? low : (low >> shift) | (high << (64 - shift))
                    output[g * 8 + i] = value & mask
                }
            }
        }
    }
}

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
