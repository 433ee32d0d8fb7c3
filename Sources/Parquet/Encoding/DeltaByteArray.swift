/// DELTA_BYTE_ARRAY (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY), incremental or front compression:
///
/// ```
/// <DELTA_BINARY_PACKED prefix lengths> <DELTA_LENGTH_BYTE_ARRAY suffixes>
/// ```
/// value[i] = value[i-1][0..<prefix[i]] + suffix[i]; the first prefix is 0 and every prefix must be at most
/// the previous value's length. Output sizes are computed and checked before anything is copied, so a
/// hostile stream of long shared prefixes cannot grow the output past the Int32 offset range.

import Columnar

public enum DeltaByteArray {
    /// BYTE_ARRAY: decodes the section at the start of `input` (at most `maxCount` values) into `bytes` and
    /// `offsets`. Returns the value count and where the data ends.
    public static func decode(
        _ input: UnsafeRawBufferPointer, maxCount: Int, bytes: inout ByteBuffer, offsets: inout ContiguousArray<Int32>
    ) throws -> (count: Int, end: Int) {
        let parts = try Parts(input, maxCount: maxCount)
        let base = bytes.count
        _ = try checkedOffset(base + parts.totalBytes, encoding: "DELTA_BYTE_ARRAY")
        offsets.reserveCapacity(offsets.count + parts.count)
        var end = base
        bytes.appendUninitialized(parts.totalBytes) { out in
            parts.assemble(input, into: out.baseAddress!) { length in
                end += length
                offsets.append(Int32(truncatingIfNeeded: end))
            }
        }
        return (parts.count, parts.end)
    }

    /// FIXED_LEN_BYTE_ARRAY: the same, every value `typeLength` bytes, appended back to back to `values`.
    public static func decodeFixedLength(
        _ input: UnsafeRawBufferPointer, maxCount: Int, typeLength: Int, into values: inout ByteBuffer
    ) throws -> (count: Int, end: Int) {
        let parts = try Parts(input, maxCount: maxCount)
        guard parts.totalBytes == parts.count * typeLength else {
            throw ParquetError(.corrupt, "DELTA_BYTE_ARRAY: values are not all \(typeLength) bytes long")
        }
        var bad = false
        values.appendUninitialized(parts.totalBytes) { out in
            parts.assemble(input, into: out.baseAddress!) { length in bad = bad || length != typeLength }
        }
        guard !bad else { throw ParquetError(.corrupt, "DELTA_BYTE_ARRAY: values are not all \(typeLength) bytes long") }
        return (parts.count, parts.end)
    }

    /// The decoded prefix and suffix lengths, checked, and where the suffix bytes are.
    struct Parts {
        var prefixes = ByteBuffer()
        var suffixes = ByteBuffer()
        var count = 0
        var suffixStart = 0
        var totalBytes = 0
        var end = 0

        init(_ input: UnsafeRawBufferPointer, maxCount: Int) throws {
            let (n, prefixEnd) = try DeltaBinaryPacked.decodeInt32(input, maxCount: maxCount, into: &prefixes)
            let rest = UnsafeRawBufferPointer(rebasing: input[prefixEnd...])
            let (suffixCount, suffixEnd) = try DeltaBinaryPacked.decodeInt32(rest, maxCount: maxCount, into: &suffixes)
            guard suffixCount == n else {
                throw ParquetError(.corrupt, "DELTA_BYTE_ARRAY: \(n) prefix lengths but \(suffixCount) suffixes")
            }
            count = n
            suffixStart = prefixEnd + suffixEnd
            let suffixBytes = try checkLengths()
            guard suffixBytes <= input.count - suffixStart else {
                throw ParquetError(.corrupt, "DELTA_BYTE_ARRAY: \(suffixBytes) suffix bytes at byte \(suffixStart) run past the \(input.count)-byte section")
            }
            end = suffixStart + suffixBytes
        }

        /// Checks every prefix against the previous length; sets `totalBytes`, returns the suffix byte count.
        mutating func checkLengths() throws -> Int {
            var previous = 0, total = 0, suffixTotal = 0
            try prefixes.withUnsafeBufferPointer(as: Int32.self) { prefix in
                try suffixes.withUnsafeBufferPointer(as: Int32.self) { suffix in
                    for i in 0..<prefix.count {
                        let p = Int(prefix[i]), s = Int(suffix[i])
                        guard p >= 0, p <= previous, s >= 0 else {
                            throw ParquetError(.corrupt, "DELTA_BYTE_ARRAY: value \(i) has prefix \(p) and suffix \(s) after a value of \(previous) bytes")
                        }
                        previous = p + s
                        total += previous
                        suffixTotal += s
                        guard total <= Int(Int32.max) else {
                            throw ParquetError(.unsupported, "DELTA_BYTE_ARRAY: values exceed 2 GiB in one page")
                        }
                    }
                }
            }
            totalBytes = total
            return suffixTotal
        }

        /// Writes every value to `out` (totalBytes bytes), calling `emit` with each value's length.
        func assemble(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer, _ emit: (Int) -> Void) {
            prefixes.withUnsafeBufferPointer(as: Int32.self) { prefix in
                suffixes.withUnsafeBufferPointer(as: Int32.self) { suffix in
                    var read = suffixStart, written = 0, previousStart = 0
                    for i in 0..<prefix.count {
                        let p = Int(prefix[i]), s = Int(suffix[i])
                        if p > 0 { (out + written).copyMemory(from: out + previousStart, byteCount: p) }
                        if s > 0 { (out + written + p).copyMemory(from: input.baseAddress! + read, byteCount: s) }
                        previousStart = written
                        read += s
                        written += p + s
                        emit(p + s)
                    }
                }
            }
        }
    }
}
