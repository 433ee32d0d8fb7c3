/// Decoder of the RLE/bit-packed hybrid (definition and repetition levels, dictionary indices, RLE booleans).
///
/// ```
/// runs := run*                    header = ULEB128 h
/// h & 1 == 0: RLE run        (h >> 1) copies of one value stored in ceil(bitWidth / 8) bytes, little-endian
/// h & 1 == 1: bit-packed run (h >> 1) groups of 8 values, (h >> 1) * bitWidth bytes, LSB-first
/// ```
/// The decoder stops once the caller has the values it asked for (the last group is padded to 8 values, and
/// writers may leave trailing bytes). A bit-packed run cut short by the end of the section yields the values
/// whose bits are present. Bit width 0 means every value is 0.
///
/// The decoder borrows `bytes`: the caller keeps them alive while decoding.

import Columnar
public struct RLEHybridDecoder {
    @usableFromInline var cursor: ByteCursor
    public let bitWidth: Int
    /// Values left in the current RLE run, and its value.
    @usableFromInline var repeatLeft = 0
    @usableFromInline var repeatValue: UInt32 = 0
    /// Values left in the current bit-packed run, whose next group starts at `cursor.offset`.
    @usableFromInline var packedLeft = 0
    /// A partly consumed group, unpacked.
    @usableFromInline var pending: SIMD8<UInt32> = .zero
    @usableFromInline var pendingIndex = 0
    @usableFromInline var pendingCount = 0

    /// - Throws: `.corrupt` for a bit width outside 0...32.
    public init(bytes: UnsafeRawBufferPointer, bitWidth: Int) throws {
        guard (0...32).contains(bitWidth) else {
            throw ParquetError(.corrupt, "RLE: bit width \(bitWidth) > 32")
        }
        cursor = ByteCursor(bytes, encoding: "RLE")
        self.bitWidth = bitWidth
    }

    /// The v1 form: a `u32 LE` byte length, then the hybrid data. Returns the decoder over exactly those bytes
    /// and the bytes consumed including the prefix (where the next section starts).
    public static func lengthPrefixed(
        _ bytes: UnsafeRawBufferPointer, bitWidth: Int
    ) throws -> (decoder: RLEHybridDecoder, consumed: Int) {
        guard bytes.count >= 4 else {
            throw ParquetError(.corrupt, "RLE: length prefix truncated (\(bytes.count) bytes)")
        }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
        guard length <= bytes.count - 4 else {
            throw ParquetError(.corrupt, "RLE: length prefix \(length) exceeds the \(bytes.count - 4) bytes that follow")
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[4..<4 + length])
        return (try RLEHybridDecoder(bytes: body, bitWidth: bitWidth), 4 + length)
    }

    /// Bytes of the section read so far (run headers and run data).
    public var bytesConsumed: Int { cursor.offset }

    /// Fills `output` from the start; returns how many values were written, fewer than `output.count` only
    /// when the data ends.
    @inlinable
    public mutating func decode(into output: UnsafeMutableBufferPointer<UInt32>) throws -> Int {
        guard let out = output.baseAddress else { return 0 }
        var n = 0
        let want = output.count
        while n < want {
            if pendingIndex < pendingCount {
                let k = min(pendingCount - pendingIndex, want - n)
                for i in 0..<k { out[n + i] = pending[pendingIndex + i] }
                pendingIndex += k
                n += k
            } else if repeatLeft > 0 {
                let k = min(repeatLeft, want - n)
                (out + n).update(repeating: repeatValue, count: k)
                repeatLeft -= k
                n += k
            } else if packedLeft > 0 {
                n += unpackRun(into: out + n, room: want - n)
            } else if try !nextRun() {
                break
            }
        }
        return n
    }

    /// Skips `count` values; returns how many were skipped (fewer only when the data ends).
    public mutating func skip(_ count: Int) throws -> Int {
        var skipped = 0
        try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 1024) { scratch in
            while skipped < count {
                let got = try decode(into: UnsafeMutableBufferPointer(rebasing: scratch[0..<min(1024, count - skipped)]))
                if got == 0 { break }
                skipped += got
            }
        }
        return skipped
    }

    /// Unpacks whole groups straight into `out`, or one group into `pending` when fewer than 8 fit.
    @usableFromInline
    mutating func unpackRun(into out: UnsafeMutablePointer<UInt32>, room: Int) -> Int {
        let groups = min(packedLeft, room) / 8
        let section = cursor.bytes
        if groups > 0 {
            let input = UnsafeRawBufferPointer(rebasing: section[cursor.offset...])
            BitUnpacker.unpack32(input, groups: groups, bitWidth: bitWidth, into: out)
            cursor.offset += groups * bitWidth
            packedLeft -= groups * 8
            return groups * 8
        }
        // Fewer than 8 wanted or left: unpack one (possibly partial) group from a padded copy.
        let bytes = min(bitWidth, cursor.remaining)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4) { scratch in
            let raw = UnsafeMutableRawBufferPointer(scratch)
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            if bytes > 0 { raw.baseAddress!.copyMemory(from: section.baseAddress! + cursor.offset, byteCount: bytes) }
            withUnsafeMutablePointer(to: &pending) { p in
                p.withMemoryRebound(to: UInt32.self, capacity: 8) { lanes in
                    BitUnpacker.unpack32(UnsafeRawBufferPointer(raw), groups: 1, bitWidth: bitWidth, into: lanes)
                }
            }
        }
        cursor.offset += bytes
        pendingIndex = 0
        pendingCount = min(8, packedLeft)
        packedLeft -= pendingCount
        return 0
    }

    /// Reads the next run header; false at the end of the section.
    @usableFromInline
    mutating func nextRun() throws -> Bool {
        guard cursor.remaining > 0 else { return false }
        let at = cursor.offset
        let header = try cursor.readULEB128()
        let length = header >> 1
        guard length <= UInt64(Int32.max) else {
            throw cursor.corrupt("run length \(length) does not fit in int32 at byte \(at)")
        }
        if header & 1 == 1 {
            let values = Int(length) * 8
            // A run cut short by the section's end yields the values whose bits are present.
            packedLeft = bitWidth == 0 ? values : min(values, cursor.remaining * 8 / bitWidth)
            if packedLeft == 0 && values > 0 { return false }
        } else {
            let width = (bitWidth + 7) / 8
            let raw = try cursor.take(width, "RLE run value")
            var value: UInt32 = 0
            for i in 0..<width { value |= UInt32(raw[i]) << UInt32(8 * i) }
            guard bitWidth == 32 || value >> UInt32(bitWidth) == 0 else {
                throw cursor.corrupt("run value \(value) wider than bit width \(bitWidth) at byte \(at)")
            }
            repeatValue = value
            repeatLeft = Int(length)
        }
        return true
    }
}
