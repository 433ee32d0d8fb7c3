/// DELTA_BINARY_PACKED encoding: blocks of 128 values in 4 miniblocks of 32 (arrow's and parquet-java's
/// layout). Deltas are taken in the column's own width, so an INT32 column never needs more than 32 bits.

import Columnar

extension DeltaBinaryPacked {
    static let blockSize = 128
    static let miniblocksPerBlock = 4

    public static func encodeInt32(_ values: UnsafeBufferPointer<Int32>, into sink: inout ByteBuffer) {
        encode(values, into: &sink)
    }

    public static func encodeInt64(_ values: UnsafeBufferPointer<Int64>, into sink: inout ByteBuffer) {
        encode(values, into: &sink)
    }

    static func encode<T: FixedWidthInteger & SignedInteger>(_ values: UnsafeBufferPointer<T>, into sink: inout ByteBuffer) {
        sink.appendULEB128(UInt64(blockSize))
        sink.appendULEB128(UInt64(miniblocksPerBlock))
        sink.appendULEB128(UInt64(values.count))
        sink.appendZigZag(Int64(values.first ?? 0))
        guard values.count > 1 else { return }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: blockSize) { scratch in
            var start = 1
            while start < values.count {
                let n = min(blockSize, values.count - start)
                encodeBlock(values, from: start, count: n, scratch: scratch.baseAddress!, into: &sink)
                start += n
            }
        }
    }

    /// One block of `count` deltas, of values[from - 1 ..< from + count].
    static func encodeBlock<T: FixedWidthInteger & SignedInteger>(
        _ values: UnsafeBufferPointer<T>, from: Int, count: Int, scratch: UnsafeMutablePointer<UInt64>,
        into sink: inout ByteBuffer
    ) {
        // Deltas in T's width (wrapping), minimum delta, then each delta minus the minimum as unsigned.
        var minDelta = T.max
        for i in 0..<count {
            let delta = values[from + i] &- values[from + i - 1]
            minDelta = min(minDelta, delta)
        }
        let bitMask: UInt64 = T.bitWidth == 64 ? ~0 : (1 << UInt64(T.bitWidth)) - 1
        for i in 0..<count {
            let adjusted = (values[from + i] &- values[from + i - 1]) &- minDelta
            scratch[i] = UInt64(truncatingIfNeeded: adjusted) & bitMask
        }
        for i in count..<blockSize { scratch[i] = 0 }
        let perMiniblock = blockSize / miniblocksPerBlock
        let used = (count + perMiniblock - 1) / perMiniblock
        sink.appendZigZag(Int64(minDelta))
        var widths = [Int](repeating: 0, count: miniblocksPerBlock)
        for m in 0..<used {
            var bits: UInt64 = 0
            for i in m * perMiniblock..<(m + 1) * perMiniblock { bits |= scratch[i] }
            widths[m] = 64 - bits.leadingZeroBitCount
        }
        for width in widths { sink.append(UInt8(width)) }
        for m in 0..<used {
            BitPacker.pack(scratch + m * perMiniblock, count: perMiniblock, bitWidth: widths[m], into: &sink)
        }
    }
}
