/// DELTA_LENGTH_BYTE_ARRAY (BYTE_ARRAY):
///
/// ```
/// <DELTA_BINARY_PACKED lengths> <all value bytes, concatenated>
/// ```
/// The concatenated bytes are already the Columnar layout, so decoding is one copy plus a prefix sum.

import Columnar

public enum DeltaLengthByteArray {
    /// Decodes the section at the start of `input` (at most `maxCount` values) into `bytes` and `offsets`.
    /// Returns the value count and the byte offset where the data ends.
    public static func decode(
        _ input: UnsafeRawBufferPointer, maxCount: Int, bytes: inout ByteBuffer, offsets: inout ContiguousArray<Int32>
    ) throws -> (count: Int, end: Int) {
        var lengths = ByteBuffer()
        let (count, lengthsEnd) = try DeltaBinaryPacked.decodeInt32(input, maxCount: maxCount, into: &lengths)
        let end = try lengths.withUnsafeBufferPointer(as: Int32.self) { lengths in
            try append(lengths, data: input, at: lengthsEnd, encoding: "DELTA_LENGTH_BYTE_ARRAY", bytes: &bytes, offsets: &offsets)
        }
        return (count, end)
    }

    /// Appends values of `lengths` taken back to back from `data[start...]`; returns where they end.
    static func append(
        _ lengths: UnsafeBufferPointer<Int32>, data: UnsafeRawBufferPointer, at start: Int, encoding: StaticString,
        bytes: inout ByteBuffer, offsets: inout ContiguousArray<Int32>
    ) throws -> Int {
        var total = 0
        for (i, length) in lengths.enumerated() {
            guard length >= 0 else { throw ParquetError(.corrupt, "\(encoding): negative length \(length) of value \(i)") }
            total += Int(length)
        }
        guard total <= data.count - start else {
            throw ParquetError(.corrupt, "\(encoding): \(total) bytes of values at byte \(start) run past the \(data.count)-byte section")
        }
        var end = bytes.count
        _ = try checkedOffset(end + total, encoding: encoding)
        bytes.append(raw: UnsafeRawBufferPointer(rebasing: data[start..<start + total]))
        offsets.reserveCapacity(offsets.count + lengths.count)
        for length in lengths {
            end += Int(length)
            offsets.append(Int32(truncatingIfNeeded: end))
        }
        return start + total
    }

    /// Values `bytes[offsets[i]..<offsets[i + 1]]` for i in 0..<offsets.count - 1.
    public static func encode(
        bytes: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int32>, into sink: inout ByteBuffer
    ) {
        let count = max(0, offsets.count - 1)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { lengths in
            for i in 0..<count { lengths[i] = offsets[i + 1] &- offsets[i] }
            DeltaBinaryPacked.encodeInt32(UnsafeBufferPointer(lengths), into: &sink)
        }
        if count > 0 {
            sink.append(raw: UnsafeRawBufferPointer(rebasing: bytes[Int(offsets[0])..<Int(offsets[count])]))
        }
    }
}
