/// PLAIN decoding. Only non-null values are stored; every function reads `count` values from the start of
/// `input`, appends them to the output and returns the bytes consumed.
///
/// ```
/// BOOLEAN               1 bit per value, LSB-first, starting at bit 0 of the section
/// INT32/FLOAT           4 bytes LE       INT64/DOUBLE  8 bytes LE
/// INT96                 8 bytes LE nanos of day + 4 bytes LE Julian day
/// BYTE_ARRAY            u32 LE length + bytes, per value
/// FIXED_LEN_BYTE_ARRAY  typeLength bytes, per value
/// ```

import Columnar
public enum PlainDecoder {
    /// INT32, INT64, FLOAT, DOUBLE (width 4 or 8), FIXED_LEN_BYTE_ARRAY (width = typeLength) and raw INT96
    /// (width 12): one copy of `count * width` bytes.
    public static func decodeFixedWidth(
        _ input: UnsafeRawBufferPointer, count: Int, width: Int, into values: inout ByteBuffer
    ) throws -> Int {
        guard width > 0, count >= 0 else {
            throw ParquetError(.corrupt, "PLAIN: invalid value width \(width) or count \(count)")
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, bytes <= input.count else {
            throw ParquetError(.corrupt, "PLAIN: \(count) values of \(width) bytes need more than the \(input.count)-byte section")
        }
        values.append(raw: UnsafeRawBufferPointer(rebasing: input[0..<bytes]))
        return bytes
    }

    /// BOOLEAN: `count` bits, LSB-first, from bit 0, appended as one byte (0/1) each.
    public static func decodeBoolean(
        _ input: UnsafeRawBufferPointer, count: Int, into values: inout ByteBuffer
    ) throws -> Int {
        let bytes = (count + 7) / 8
        guard count >= 0, bytes <= input.count else {
            throw ParquetError(.corrupt, "PLAIN: \(count) booleans need \(bytes) bytes, the section has \(input.count)")
        }
        values.appendUninitialized(count) { out in
            let dst = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var i = 0
            while i + 8 <= count {
                let byte = input[i >> 3]
                for bit in 0..<8 { dst[i + bit] = (byte >> UInt8(bit)) & 1 }
                i += 8
            }
            while i < count {
                dst[i] = (input[i >> 3] >> UInt8(i & 7)) & 1
                i += 1
            }
        }
        return bytes
    }

    /// INT96: each 12-byte value converted to Int64 nanoseconds since the epoch (wrapping, see `Int96`).
    public static func decodeInt96(
        _ input: UnsafeRawBufferPointer, count: Int, into values: inout ByteBuffer
    ) throws -> Int {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: 12)
        guard count >= 0, !overflow, bytes <= input.count else {
            throw ParquetError(.corrupt, "PLAIN: \(count) INT96 values need more than the \(input.count)-byte section")
        }
        values.appendUninitialized(count * 8) { out in
            let dst = out.baseAddress!.assumingMemoryBound(to: Int64.self)
            for i in 0..<count { dst[i] = Int96.nanosecondsSinceEpoch(input, at: i * 12) }
        }
        return bytes
    }

    /// BYTE_ARRAY: `count` length-prefixed values into `bytes` and `offsets` (one new offset per value), in one
    /// pass that checks each length, copies the value and writes its offset. The data cannot exceed the
    /// section, so one reservation of the section's size holds it; on error nothing is appended.
    public static func decodeByteArray(
        _ input: UnsafeRawBufferPointer, count: Int, bytes: inout ByteBuffer, offsets: inout ContiguousArray<Int32>
    ) throws -> Int {
        guard count >= 0, count <= input.count / 4 else {
            throw ParquetError(.corrupt, "PLAIN: \(count) byte arrays cannot fit in the \(input.count)-byte section")
        }
        guard count > 0 else { return 0 }
        let base = bytes.count
        if base + input.count - 4 * count > Int(Int32.max) {  // the section's bound is too coarse: count exactly
            let end = base + dataBytes(input, count)
            guard end <= Int(Int32.max) else {
                throw ParquetError(.unsupported, "PLAIN: byte array data exceeds 2 GiB in one vector (\(end) bytes)")
            }
        }
        let offsetsBefore = offsets.count
        offsets.append(contentsOf: repeatElement(0, count: count))
        var position = 0
        bytes.appendUninitialized(capacity: input.count + ShortCopy.slack) { out in
            position = offsets.withUnsafeMutableBufferPointer { all in
                copyByteArrays(input, count: count, base: base, into: out.baseAddress!,
                               offsets: UnsafeMutableBufferPointer(rebasing: all[offsetsBefore...]))
            }
            return position < 0 ? 0 : Int(offsets[offsets.count - 1]) - base
        }
        guard position >= 0 else {
            offsets.removeLast(count)
            let at = ~position
            throw ParquetError(.corrupt, input.count - at < 4
                ? "PLAIN: byte array length truncated at byte \(at)"
                : "PLAIN: byte array length at byte \(at) runs past the \(input.count)-byte section")
        }
        return position
    }

    /// The loop of `decodeByteArray`: returns the bytes consumed, or `~position` of the first bad length.
    /// `out` has room for the section's size plus `ShortCopy.slack`.
    @inline(__always)
    static func copyByteArrays(_ input: UnsafeRawBufferPointer, count: Int, base: Int, into out: UnsafeMutableRawPointer,
                               offsets: UnsafeMutableBufferPointer<Int32>) -> Int {
        let source = input.baseAddress!, size = input.count
        var read = 0, written = 0
        for i in 0..<count {
            guard size &- read >= 4 else { return ~read }
            let length = Int(UInt32(littleEndian: source.loadUnaligned(fromByteOffset: read, as: UInt32.self)))
            guard length <= size &- read &- 4 else { return ~read }
            ShortCopy.copy(from: source + (read &+ 4), available: size &- read &- 4, length: length, to: out + written)
            read &+= 4 &+ length
            written &+= length
            offsets[i] = Int32(truncatingIfNeeded: base &+ written)
        }
        return read
    }

    /// The exact data size of `count` checked values (only used when the section-size bound is too coarse).
    private static func dataBytes(_ input: UnsafeRawBufferPointer, _ count: Int) -> Int {
        var read = 0, total = 0
        for _ in 0..<count {
            guard input.count - read >= 4 else { return total }
            let length = Int(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: read, as: UInt32.self)))
            guard length <= input.count - read - 4 else { return total }
            read += 4 + length
            total += length
        }
        return total
    }
}
