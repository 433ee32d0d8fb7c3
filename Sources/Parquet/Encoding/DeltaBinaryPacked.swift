/// DELTA_BINARY_PACKED (INT32, INT64):
///
/// ```
/// header := <block size: uleb> <miniblocks per block: uleb> <total count: uleb> <first value: zigzag uleb>
/// block  := <min delta: zigzag uleb> <one bit-width byte per miniblock> <miniblocks, bit-packed LSB-first>
/// ```
/// Values per miniblock = block size / miniblocks, a multiple of 32. value[i] = value[i-1] + minDelta +
/// delta[i], wrapping in the column's width (INT32 wraps at 32 bits). The total count includes the first value,
/// so a count of 1 needs no block. In the last block, unused miniblocks take no bytes (their width bytes are
/// present and ignored); the stream ends right after the last miniblock holding values, and that exact end is
/// returned because DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY put more data right after it.

import Columnar

public enum DeltaBinaryPacked {
    /// The largest block size accepted (writers use 128 to 2048); bounds the decoder's scratch.
    static let maxBlockSize = 1 << 16

    /// Decodes the stream at the start of `input`, appending its values (at most `maxCount`, else `.corrupt`)
    /// to `values` as little-endian Int32. Returns the value count and the byte offset where the stream ends.
    public static func decodeInt32(
        _ input: UnsafeRawBufferPointer, maxCount: Int, into values: inout ByteBuffer
    ) throws -> (count: Int, end: Int) {
        try decode(input, maxCount: maxCount, as: Int32.self, into: &values)
    }

    /// As `decodeInt32`, for Int64 (64-bit wrapping).
    public static func decodeInt64(
        _ input: UnsafeRawBufferPointer, maxCount: Int, into values: inout ByteBuffer
    ) throws -> (count: Int, end: Int) {
        try decode(input, maxCount: maxCount, as: Int64.self, into: &values)
    }

    static func decode<T: FixedWidthInteger & SignedInteger>(
        _ input: UnsafeRawBufferPointer, maxCount: Int, as: T.Type, into values: inout ByteBuffer
    ) throws -> (count: Int, end: Int) {
        var cursor = ByteCursor(input, encoding: "DELTA_BINARY_PACKED")
        let header = try Header(&cursor)
        guard header.totalCount <= maxCount else {
            throw cursor.corrupt("total count \(header.totalCount) exceeds the \(maxCount) values of the page")
        }
        // Every block costs at least a min delta byte and the width bytes: bound the count by the bytes left
        // before allocating for it.
        let blocks = (header.totalCount - 1 + header.blockSize - 1) / header.blockSize
        guard header.totalCount <= 1 || blocks <= cursor.remaining / (1 + header.miniblocks) else {
            throw cursor.corrupt("total count \(header.totalCount) needs \(blocks) blocks, more than the \(cursor.remaining) bytes left can hold")
        }
        let start = values.count
        let size = MemoryLayout<T>.size
        values.resize(start + header.totalCount * size)
        try values.withUnsafeMutableBufferPointer(as: UInt8.self) { all in
            let out = UnsafeMutableRawPointer(all.baseAddress! + start).assumingMemoryBound(to: T.self)
            try decodeBlocks(&cursor, header, out)
        }
        return (header.totalCount, cursor.offset)
    }

    struct Header {
        let blockSize: Int, miniblocks: Int, totalCount: Int, first: Int64
        var perMiniblock: Int { blockSize / miniblocks }

        init(_ cursor: inout ByteCursor) throws {
            let at = cursor.offset
            let block = try cursor.readULEB128(), mini = try cursor.readULEB128(), total = try cursor.readULEB128()
            first = try cursor.readZigZag()
            guard block > 0, block <= UInt64(DeltaBinaryPacked.maxBlockSize), block % 128 == 0 else {
                throw cursor.corrupt("block size \(block) is not a positive multiple of 128 up to \(DeltaBinaryPacked.maxBlockSize) at byte \(at)")
            }
            guard mini > 0, block % mini == 0, (block / mini) % 32 == 0 else {
                throw cursor.corrupt("\(mini) miniblocks do not split a block of \(block) into multiples of 32 at byte \(at)")
            }
            guard total <= UInt64(Int32.max) else { throw cursor.corrupt("total count \(total) too large at byte \(at)") }
            (blockSize, miniblocks, totalCount) = (Int(block), Int(mini), Int(total))
        }
    }

    static func decodeBlocks<T: FixedWidthInteger>(
        _ cursor: inout ByteCursor, _ header: Header, _ out: UnsafeMutablePointer<T>
    ) throws {
        guard header.totalCount > 0 else { return }
        var last = UInt64(bitPattern: header.first)
        out[0] = T(truncatingIfNeeded: last)
        var produced = 1
        let perMiniblock = header.perMiniblock
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: perMiniblock) { scratch in
            let deltas = scratch.baseAddress!
            while produced < header.totalCount {
                let minDelta = UInt64(bitPattern: try cursor.readZigZag())
                let widths = try cursor.take(header.miniblocks, "miniblock bit widths")
                for m in 0..<header.miniblocks where produced < header.totalCount {
                    let width = Int(widths[m])
                    guard width <= 64 else {
                        throw cursor.corrupt("miniblock bit width \(width) > 64 at byte \(cursor.offset - header.miniblocks + m)")
                    }
                    let n = min(perMiniblock, header.totalCount - produced)
                    try unpackMiniblock(&cursor, width: width, values: perMiniblock, needed: n, into: deltas)
                    for i in 0..<n {
                        last = last &+ minDelta &+ deltas[i]
                        out[produced + i] = T(truncatingIfNeeded: last)
                    }
                    produced += n
                }
            }
        }
    }

    /// Unpacks one miniblock. It must be complete, except that a final one cut short by the section's end is
    /// accepted when the bits of the values still needed are there.
    static func unpackMiniblock(
        _ cursor: inout ByteCursor, width: Int, values: Int, needed: Int, into deltas: UnsafeMutablePointer<UInt64>
    ) throws {
        let full = values * width / 8
        let groups = (needed + 7) / 8
        let available = min(full, cursor.remaining)
        guard available >= (needed * width + 7) / 8 else {
            throw cursor.corrupt("miniblock of \(full) bytes truncated at byte \(cursor.offset)")
        }
        let section = UnsafeRawBufferPointer(rebasing: cursor.bytes[cursor.offset..<cursor.offset + available])
        if available >= groups * width {
            BitUnpacker.unpack64(section, groups: groups, bitWidth: width, into: deltas)
        } else {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: groups * width) { padded in
                padded.initialize(repeating: 0)
                _ = UnsafeMutableRawBufferPointer(padded).initializeMemory(as: UInt8.self, from: section)
                BitUnpacker.unpack64(UnsafeRawBufferPointer(padded), groups: groups, bitWidth: width, into: deltas)
            }
        }
        cursor.offset += available
    }
}
