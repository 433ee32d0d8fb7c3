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
        // First pass validates lengths and sizes the output; the second copies.
        var position = 0
        for _ in 0..<count {
            guard input.count - position >= 4 else {
                throw ParquetError(.corrupt, "PLAIN: byte array length truncated at byte \(position)")
            }
            let length = Int(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            guard length <= input.count - position - 4 else {
                throw ParquetError(.corrupt, "PLAIN: byte array length \(length) at byte \(position) runs past the \(input.count)-byte section")
            }
            position += 4 + length
        }
        let base = bytes.count
        let total = position - 4 * count
        var end = base
        _ = try checkedOffset(base + total, encoding: "PLAIN")
        offsets.reserveCapacity(offsets.count + count)
        bytes.appendUninitialized(total) { out in
            var read = 0
            var written = 0
            for _ in 0..<count {
                let length = Int(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: read, as: UInt32.self)))
                if length > 0 { (out.baseAddress! + written).copyMemory(from: input.baseAddress! + read + 4, byteCount: length) }
                read += 4 + length
                written += length
                end += length
                offsets.append(Int32(truncatingIfNeeded: end))
            }
        }
        return position
    }
}

/// INT96 timestamps: 8 bytes LE nanoseconds within the day, then 4 bytes LE Julian day number.
public enum Int96 {
    /// The Julian day number of 1970-01-01.
    public static let julianDayOfEpoch: Int64 = 2_440_588
    public static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    /// `(julianDay - 2440588) * 86_400_000_000_000 + nanos` in wrapping Int64 arithmetic: values outside
    /// 1677-09-21 ... 2262-04-11 wrap rather than trap, as pyarrow's default does.
    @inlinable
    public static func nanosecondsSinceEpoch(nanos: Int64, julianDay: Int32) -> Int64 {
        (Int64(julianDay) &- julianDayOfEpoch) &* nanosecondsPerDay &+ nanos
    }

    /// The same, with overflow reported as nil (for callers that want a checked conversion).
    public static func checkedNanosecondsSinceEpoch(nanos: Int64, julianDay: Int32) -> Int64? {
        let (days, o1) = (Int64(julianDay) - julianDayOfEpoch).multipliedReportingOverflow(by: nanosecondsPerDay)
        let (sum, o2) = days.addingReportingOverflow(nanos)
        return o1 || o2 ? nil : sum
    }

    /// The raw pair of the value at byte `offset` of `bytes` (12 bytes must be there).
    @inlinable
    public static func raw(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (nanos: Int64, julianDay: Int32) {
        (Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)),
         Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)))
    }

    @inlinable
    static func nanosecondsSinceEpoch(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int64 {
        let (nanos, day) = raw(bytes, at: offset)
        return nanosecondsSinceEpoch(nanos: nanos, julianDay: day)
    }

    /// The 12 bytes for `nanosecondsSinceEpoch` (floor division, so nanos of day is in 0..<one day).
    public static func encode(nanosecondsSinceEpoch value: Int64) -> (nanos: Int64, julianDay: Int32) {
        var days = value / nanosecondsPerDay
        var nanos = value % nanosecondsPerDay
        if nanos < 0 {
            nanos += nanosecondsPerDay
            days -= 1
        }
        return (nanos, Int32(truncatingIfNeeded: days + julianDayOfEpoch))
    }
}
