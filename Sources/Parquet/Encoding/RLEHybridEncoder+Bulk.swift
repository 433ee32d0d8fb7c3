import Columnar

extension RLEHybridEncoder {
    /// Encodes a whole buffer in one pass, straight from `values`, appending the runs (no length prefix) to
    /// `sink`. Produces the same bytes as `append(contentsOf:)` + `finish(into:)`: a group of 8 equal values at
    /// a group boundary starts an RLE run that extends while the value repeats, every other group joins the
    /// open bit-packed run (at most 63 groups), and a lone tail of equal values becomes an RLE run.
    public static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into sink: inout ByteBuffer) {
        guard let base = values.baseAddress, values.count > 0 else { return }
        let n = values.count
        // Worst case: every 63 groups a header byte, plus the packed bits, plus a padded tail group.
        sink.reserve(sink.count &+ (n &+ 8) &* bitWidth / 8 &+ n / 504 &+ 16)
        var packedStart = 0
        var g = 0
        while n &- g >= 8 {
            let v = base[g]
            if allEqual(base + g) {
                if g > packedStart { writePacked(base + packedStart, count: g &- packedStart, bitWidth: bitWidth, into: &sink) }
                var j = g &+ 8
                while j < n && base[j] == v { j &+= 1 }
                writeRun(v, count: j &- g, bitWidth: bitWidth, into: &sink)
                packedStart = j
                g = j
                continue
            }
            g &+= 8
            if g &- packedStart == maxGroupsPerRun &* 8 {
                writePacked(base + packedStart, count: g &- packedStart, bitWidth: bitWidth, into: &sink)
                packedStart = g
            }
        }
        let tail = n &- g
        if tail > 0 && g == packedStart {
            let v = base[g]
            var same = true
            for i in g..<n where base[i] != v { same = false }
            if same {
                writeRun(v, count: tail, bitWidth: bitWidth, into: &sink)
                return
            }
        }
        if n > packedStart { writePacked(base + packedStart, count: n &- packedStart, bitWidth: bitWidth, into: &sink) }
    }

    /// One bit-packed run of `count` values (at most 63 groups), the last group zero-padded.
    private static func writePacked(_ values: UnsafePointer<UInt32>, count: Int, bitWidth: Int, into sink: inout ByteBuffer) {
        let groups = (count &+ 7) >> 3
        sink.append(UInt8(truncatingIfNeeded: groups << 1 | 1))
        let full = count & ~7
        sink.appendUninitialized(capacity: groups &* bitWidth) { out in
            let dst = out.baseAddress!
            packGroups(values, count: full, bitWidth: bitWidth, into: dst)
            if full < count {
                var last: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
                withUnsafeMutableBytes(of: &last) { raw in
                    let p = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
                    for i in 0..<(count &- full) { p[i] = values[full &+ i] }
                    packGroups(UnsafePointer(p), count: 8, bitWidth: bitWidth, into: dst + (full >> 3) &* bitWidth)
                }
            }
            return groups &* bitWidth
        }
    }

    /// Packs `count` (a multiple of 8) values LSB-first: exactly `count * bitWidth / 8` bytes.
    @inline(__always)
    private static func packGroups(_ values: UnsafePointer<UInt32>, count: Int, bitWidth w: Int, into dst: UnsafeMutableRawPointer) {
        guard w > 0 else { return }
        guard w <= 16 else { return packWide(values, count: count, bitWidth: w, into: dst) }
        let mask: UInt64 = (1 << UInt64(w)) &- 1
        let shift = UInt64(w)
        var o = 0
        var i = 0
        while i < count {
            // Eight values are exactly `w` bytes: accumulate them in 128 bits, store the low `w` bytes.
            var lo: UInt64 = 0, hi: UInt64 = 0
            var bits: UInt64 = 0
            for k in 0..<8 {
                let v = UInt64(values[i &+ k]) & mask
                if bits < 64 {
                    lo |= v << bits
                    if bits &+ shift > 64 { hi |= v >> (64 &- bits) }
                } else {
                    hi |= v << (bits &- 64)
                }
                bits &+= shift
            }
            let bytes = w
            if bytes >= 8 {
                dst.storeBytes(of: lo.littleEndian, toByteOffset: o, as: UInt64.self)
                var h = hi
                for b in 8..<bytes { dst.storeBytes(of: UInt8(truncatingIfNeeded: h), toByteOffset: o &+ b, as: UInt8.self); h >>= 8 }
            } else {
                var l = lo
                for b in 0..<bytes { dst.storeBytes(of: UInt8(truncatingIfNeeded: l), toByteOffset: o &+ b, as: UInt8.self); l >>= 8 }
            }
            o &+= bytes
            i &+= 8
        }
    }

    /// Widths above 16: a streaming 64-bit accumulator.
    private static func packWide(_ values: UnsafePointer<UInt32>, count: Int, bitWidth w: Int, into dst: UnsafeMutableRawPointer) {
        let mask: UInt64 = (1 << UInt64(w)) &- 1
        var acc: UInt64 = 0
        var bits = 0
        var o = 0
        for i in 0..<count {
            let v = UInt64(values[i]) & mask
            acc |= v << UInt64(bits)
            bits &+= w
            if bits >= 64 {
                dst.storeBytes(of: acc.littleEndian, toByteOffset: o, as: UInt64.self)
                o &+= 8
                bits &-= 64
                acc = bits == 0 ? 0 : v >> UInt64(w &- bits)
            }
        }
        while bits > 0 {
            dst.storeBytes(of: UInt8(truncatingIfNeeded: acc), toByteOffset: o, as: UInt8.self)
            acc >>= 8
            o &+= 1
            bits &-= 8
        }
    }

    private static func writeRun(_ value: UInt32, count: Int, bitWidth: Int, into sink: inout ByteBuffer) {
        sink.appendULEB128(UInt64(count) << 1)
        var v = value
        for _ in 0..<(bitWidth &+ 7) / 8 {
            sink.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }
}
