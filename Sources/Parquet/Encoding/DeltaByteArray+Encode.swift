/// DELTA_BYTE_ARRAY encoding: the shared prefix with the previous value, then the suffixes.

import Columnar

extension DeltaByteArray {
    /// BYTE_ARRAY values `bytes[offsets[i]..<offsets[i + 1]]`.
    public static func encode(bytes: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int32>, into sink: inout ByteBuffer) {
        let count = max(0, offsets.count - 1)
        encode(count: count, bytes: bytes, range: { Int(offsets[$0])..<Int(offsets[$0 + 1]) }, into: &sink)
    }

    /// FIXED_LEN_BYTE_ARRAY values of `typeLength` bytes, back to back.
    public static func encodeFixedLength(_ values: UnsafeRawBufferPointer, typeLength: Int, into sink: inout ByteBuffer) {
        let count = typeLength > 0 ? values.count / typeLength : 0
        encode(count: count, bytes: values, range: { $0 * typeLength..<($0 + 1) * typeLength }, into: &sink)
    }

    static func encode(count: Int, bytes: UnsafeRawBufferPointer, range: (Int) -> Range<Int>, into sink: inout ByteBuffer) {
        var prefixes = ContiguousArray<Int32>()
        var suffixOffsets = ContiguousArray<Int32>()
        var suffixBytes = ByteBuffer()
        prefixes.reserveCapacity(count)
        suffixOffsets.reserveCapacity(count + 1)
        suffixOffsets.append(0)
        var previous = 0..<0
        for i in 0..<count {
            let current = range(i)
            let limit = min(previous.count, current.count)
            var shared = 0
            while shared < limit && bytes[previous.lowerBound + shared] == bytes[current.lowerBound + shared] { shared += 1 }
            prefixes.append(Int32(shared))
            suffixBytes.append(raw: UnsafeRawBufferPointer(rebasing: bytes[current.lowerBound + shared..<current.upperBound]))
            suffixOffsets.append(Int32(truncatingIfNeeded: suffixBytes.count))
            previous = current
        }
        prefixes.withUnsafeBufferPointer { DeltaBinaryPacked.encodeInt32($0, into: &sink) }
        suffixBytes.withUnsafeBytes { raw in
            suffixOffsets.withUnsafeBufferPointer { DeltaLengthByteArray.encode(bytes: raw, offsets: $0, into: &sink) }
        }
    }
}
