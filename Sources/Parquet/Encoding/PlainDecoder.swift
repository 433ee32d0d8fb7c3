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

    /// BYTE_ARRAY: `count` length-prefixed values into `bytes` and `offsets` (one new offset per value).
    public static func decodeByteArray(
        _ input: UnsafeRawBufferPointer, count: Int, bytes: inout ByteBuffer, offsets: inout ContiguousArray<Int32>
    ) throws -> Int {
        guard count >= 0, count <= input.count / 4 else {
            throw ParquetError(.corrupt, "PLAIN: \(count) byte arrays cannot fit in the \(input.count)-byte section")
        }
        let base = bytes.count
        // First pass: check every length and append the offsets (undone on error); second pass: copy.
        let offsetsBefore = offsets.count
        offsets.reserveCapacity(offsetsBefore + count)
        var position = 0
        var end = base
        for _ in 0..<count {
            guard input.count - position >= 4,
                  case let length = Int(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: position, as: UInt32.self))),
                  length <= input.count - position - 4 else {
                offsets.removeLast(offsets.count - offsetsBefore)
                throw ParquetError(.corrupt, input.count - position < 4
                    ? "PLAIN: byte array length truncated at byte \(position)"
                    : "PLAIN: byte array length at byte \(position) runs past the \(input.count)-byte section")
            }
            position += 4 + length
            end += length
            offsets.append(Int32(truncatingIfNeeded: end))
        }
        guard end <= Int(Int32.max) else {
            offsets.removeLast(offsets.count - offsetsBefore)
            throw ParquetError(.unsupported, "PLAIN: byte array data exceeds 2 GiB in one vector (\(end) bytes)")
        }
        copyByteArrays(input, count: count, total: end - base, into: &bytes)
        return position
    }

    /// Copies the values of a checked section; values up to 32 bytes move as one 32-byte load and store
    /// (the output has 32 bytes of slack while copying, and the input load stays inside the section).
    static func copyByteArrays(_ input: UnsafeRawBufferPointer, count: Int, total: Int, into bytes: inout ByteBuffer) {
        let start = bytes.count
        bytes.resize(start + total + 32)
        bytes.withUnsafeMutableBufferPointer(as: UInt8.self) { all in
            let out = UnsafeMutableRawPointer(all.baseAddress! + start)
            let source = input.baseAddress!
            var read = 0
            var written = 0
            for _ in 0..<count {
                let length = Int(UInt32(littleEndian: source.loadUnaligned(fromByteOffset: read, as: UInt32.self)))
                if length <= 32 && read + 36 <= input.count {
                    let chunk = source.loadUnaligned(fromByteOffset: read + 4, as: SIMD32<UInt8>.self)
                    out.storeBytes(of: chunk, toByteOffset: written, as: SIMD32<UInt8>.self)
                } else if length > 0 {
                    (out + written).copyMemory(from: source + read + 4, byteCount: length)
                }
                read += 4 + length
                written += length
            }
        }
        bytes.resize(start + total)
    }
}
