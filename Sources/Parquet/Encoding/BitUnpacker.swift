/// Bit unpacking and packing, LSB-first (the RLE/bit-packed hybrid's and DELTA_BINARY_PACKED's order): value i
/// of a run occupies bits [i*w, (i+1)*w) of the little-endian bit stream. Values come in groups of 8, which take
/// exactly w bytes.
///
/// Each entry point switches on the width once per call to `Unpack<w>`, whose width is a compile-time
/// constant, so every width gets its own unrolled shift-and-mask code.

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
        case 1: Unpack<1>.run32(input, groups, output)
        case 2: Unpack<2>.run32(input, groups, output)
        case 3: Unpack<3>.run32(input, groups, output)
        case 4: Unpack<4>.run32(input, groups, output)
        case 5: Unpack<5>.run32(input, groups, output)
        case 6: Unpack<6>.run32(input, groups, output)
        case 7: Unpack<7>.run32(input, groups, output)
        case 8: Unpack<8>.run32(input, groups, output)
        case 9: Unpack<9>.run32(input, groups, output)
        case 10: Unpack<10>.run32(input, groups, output)
        case 11: Unpack<11>.run32(input, groups, output)
        case 12: Unpack<12>.run32(input, groups, output)
        case 13: Unpack<13>.run32(input, groups, output)
        case 14: Unpack<14>.run32(input, groups, output)
        case 15: Unpack<15>.run32(input, groups, output)
        case 16: Unpack<16>.run32(input, groups, output)
        case 17: Unpack<17>.run32(input, groups, output)
        case 18: Unpack<18>.run32(input, groups, output)
        case 19: Unpack<19>.run32(input, groups, output)
        case 20: Unpack<20>.run32(input, groups, output)
        case 21: Unpack<21>.run32(input, groups, output)
        case 22: Unpack<22>.run32(input, groups, output)
        case 23: Unpack<23>.run32(input, groups, output)
        case 24: Unpack<24>.run32(input, groups, output)
        case 25: Unpack<25>.run32(input, groups, output)
        case 26: Unpack<26>.run32(input, groups, output)
        case 27: Unpack<27>.run32(input, groups, output)
        case 28: Unpack<28>.run32(input, groups, output)
        case 29: Unpack<29>.run32(input, groups, output)
        case 30: Unpack<30>.run32(input, groups, output)
        case 31: Unpack<31>.run32(input, groups, output)
        default: Unpack<32>.run32(input, groups, output)
        }
    }

    /// Unpacks `groups` groups of 8 values of `bitWidth` (0...64) bits into `output` (DELTA_BINARY_PACKED).
    @usableFromInline
    static func unpack64(
        _ input: UnsafeRawBufferPointer, groups: Int, bitWidth: Int, into output: UnsafeMutablePointer<UInt64>
    ) {
        switch bitWidth {
        case 0: output.update(repeating: 0, count: groups * 8)
        case 1: Unpack<1>.run64(input, groups, output)
        case 2: Unpack<2>.run64(input, groups, output)
        case 3: Unpack<3>.run64(input, groups, output)
        case 4: Unpack<4>.run64(input, groups, output)
        case 5: Unpack<5>.run64(input, groups, output)
        case 6: Unpack<6>.run64(input, groups, output)
        case 7: Unpack<7>.run64(input, groups, output)
        case 8: Unpack<8>.run64(input, groups, output)
        case 9: Unpack<9>.run64(input, groups, output)
        case 10: Unpack<10>.run64(input, groups, output)
        case 11: Unpack<11>.run64(input, groups, output)
        case 12: Unpack<12>.run64(input, groups, output)
        case 13: Unpack<13>.run64(input, groups, output)
        case 14: Unpack<14>.run64(input, groups, output)
        case 15: Unpack<15>.run64(input, groups, output)
        case 16: Unpack<16>.run64(input, groups, output)
        case 17: Unpack<17>.run64(input, groups, output)
        case 18: Unpack<18>.run64(input, groups, output)
        case 19: Unpack<19>.run64(input, groups, output)
        case 20: Unpack<20>.run64(input, groups, output)
        case 21: Unpack<21>.run64(input, groups, output)
        case 22: Unpack<22>.run64(input, groups, output)
        case 23: Unpack<23>.run64(input, groups, output)
        case 24: Unpack<24>.run64(input, groups, output)
        case 25: Unpack<25>.run64(input, groups, output)
        case 26: Unpack<26>.run64(input, groups, output)
        case 27: Unpack<27>.run64(input, groups, output)
        case 28: Unpack<28>.run64(input, groups, output)
        case 29: Unpack<29>.run64(input, groups, output)
        case 30: Unpack<30>.run64(input, groups, output)
        case 31: Unpack<31>.run64(input, groups, output)
        case 32: Unpack<32>.run64(input, groups, output)
        case 33: Unpack<33>.run64(input, groups, output)
        case 34: Unpack<34>.run64(input, groups, output)
        case 35: Unpack<35>.run64(input, groups, output)
        case 36: Unpack<36>.run64(input, groups, output)
        case 37: Unpack<37>.run64(input, groups, output)
        case 38: Unpack<38>.run64(input, groups, output)
        case 39: Unpack<39>.run64(input, groups, output)
        case 40: Unpack<40>.run64(input, groups, output)
        case 41: Unpack<41>.run64(input, groups, output)
        case 42: Unpack<42>.run64(input, groups, output)
        case 43: Unpack<43>.run64(input, groups, output)
        case 44: Unpack<44>.run64(input, groups, output)
        case 45: Unpack<45>.run64(input, groups, output)
        case 46: Unpack<46>.run64(input, groups, output)
        case 47: Unpack<47>.run64(input, groups, output)
        case 48: Unpack<48>.run64(input, groups, output)
        case 49: Unpack<49>.run64(input, groups, output)
        case 50: Unpack<50>.run64(input, groups, output)
        case 51: Unpack<51>.run64(input, groups, output)
        case 52: Unpack<52>.run64(input, groups, output)
        case 53: Unpack<53>.run64(input, groups, output)
        case 54: Unpack<54>.run64(input, groups, output)
        case 55: Unpack<55>.run64(input, groups, output)
        case 56: Unpack<56>.run64(input, groups, output)
        default: run64Wide(input, groups, output, bitWidth)
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

/// The kernels for one bit width `w`, a compile-time constant: each width gets its own unrolled
/// shift-and-mask code, chosen once per call by the switches in `BitUnpacker`.
@usableFromInline
enum Unpack<let w: Int> {
    /// Groups whose 8-byte loads stay inside `input` take the fast path; the last few are copied into a
    /// zero-padded scratch first, so no load ever reads past the section.
    @usableFromInline
    static func run32(_ input: UnsafeRawBufferPointer, _ groups: Int, _ output: UnsafeMutablePointer<UInt32>) {
        guard groups > 0, let base = input.baseAddress else { return }
        let fast = max(0, min(groups, (input.count - 8) / w))
        var g = 0
        while g < fast {
            group32(base + g * w, output + g * 8)
            g += 1
        }
        if g < groups {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 6) { scratch in
                let raw = UnsafeMutableRawPointer(scratch.baseAddress!)
                while g < groups {
                    raw.initializeMemory(as: UInt8.self, repeating: 0, count: 48)
                    raw.copyMemory(from: base + g * w, byteCount: w)
                    group32(UnsafeRawPointer(raw), output + g * 8)
                    g += 1
                }
            }
        }
    }

    @inline(__always)
    static func group32(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<UInt32>) {
        let mask: UInt64 = w == 64 ? ~0 : (1 << UInt64(w)) &- 1
        for i in 0..<8 {
            let bit = i * w
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
        }
    }

    @usableFromInline
    static func run64(_ input: UnsafeRawBufferPointer, _ groups: Int, _ output: UnsafeMutablePointer<UInt64>) {
        guard groups > 0, let base = input.baseAddress else { return }
        let fast = max(0, min(groups, (input.count - 8) / w))
        var g = 0
        while g < fast {
            group64(base + g * w, output + g * 8)
            g += 1
        }
        if g < groups {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 10) { scratch in
                let raw = UnsafeMutableRawPointer(scratch.baseAddress!)
                while g < groups {
                    raw.initializeMemory(as: UInt8.self, repeating: 0, count: 80)
                    raw.copyMemory(from: base + g * w, byteCount: w)
                    group64(UnsafeRawPointer(raw), output + g * 8)
                    g += 1
                }
            }
        }
    }

    /// Widths up to 56: one 8-byte load per value covers all its bits.
    @inline(__always)
    static func group64(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<UInt64>) {
        let mask: UInt64 = (1 << UInt64(w)) &- 1
        for i in 0..<8 {
            let bit = i * w
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            out[i] = (word >> UInt64(bit & 7)) & mask
        }
    }
}
