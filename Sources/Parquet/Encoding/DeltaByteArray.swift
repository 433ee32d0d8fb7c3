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
        parts.prefixes.withUnsafeBufferPointer(as: Int32.self) { prefix in
            parts.suffixes.withUnsafeBufferPointer(as: Int32.self) { suffix in
                for i in 0..<prefix.count {
                    end += Int(prefix[i]) + Int(suffix[i])
                    offsets.append(Int32(truncatingIfNeeded: end))
                }
            }
        }
        parts.assemble(input, into: &bytes)
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
        let uneven = parts.prefixes.withUnsafeBufferPointer(as: Int32.self) { prefix in
            parts.suffixes.withUnsafeBufferPointer(as: Int32.self) { suffix in
                (0..<prefix.count).contains { Int(prefix[$0]) + Int(suffix[$0]) != typeLength }
            }
        }
        guard !uneven else { throw ParquetError(.corrupt, "DELTA_BYTE_ARRAY: values are not all \(typeLength) bytes long") }
        parts.assemble(input, into: &values)
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

        /// Appends every value (`totalBytes` bytes) to `sink`. The output has 32 bytes of slack while
        /// assembling, so values up to 32 bytes are built in a register and stored whole: the previous value
        /// stays in `previous`, and the suffix is loaded shifted into place (starting `prefix` bytes early),
        /// so nothing just stored is read back (which would stall on store forwarding).
        func assemble(_ input: UnsafeRawBufferPointer, into sink: inout ByteBuffer) {
            let start = sink.count
            sink.resize(start + totalBytes + 32)
            sink.withUnsafeMutableBufferPointer(as: UInt8.self) { all in
                let out = UnsafeMutableRawPointer(all.baseAddress! + start)
                prefixes.withUnsafeBufferPointer(as: Int32.self) { prefix in
                    suffixes.withUnsafeBufferPointer(as: Int32.self) { suffix in
                        assemble(input.baseAddress!, input.count, prefix, suffix, out)
                    }
                }
            }
            sink.resize(start + totalBytes)
        }

        func assemble(
            _ source: UnsafeRawPointer, _ sourceCount: Int, _ prefix: UnsafeBufferPointer<Int32>,
            _ suffix: UnsafeBufferPointer<Int32>, _ out: UnsafeMutableRawPointer
        ) {
            var previous = Chunk()
            var previousInRegister = true
            var read = suffixStart, written = 0, previousStart = 0
            for i in 0..<prefix.count {
                let p = Int(prefix[i]), s = Int(suffix[i])
                if p + s <= 32 && read >= p && read - p + 32 <= sourceCount {
                    if !previousInRegister && p > 0 { previous = Chunk(UnsafeRawPointer(out + previousStart)) }
                    previous = Chunk(source + (read - p)).keeping(first: p, of: previous)
                    previous.store(out + written)
                    previousInRegister = true
                } else {
                    (out + written).copyMemory(from: out + previousStart, byteCount: p)
                    (out + written + p).copyMemory(from: source + read, byteCount: s)
                    previousInRegister = false
                }
                previousStart = written
                read += s
                written += p + s
            }
        }
    }

    /// 32 bytes in four little-endian words.
    struct Chunk {
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

        init() {}

        @inline(__always)
        init(_ p: UnsafeRawPointer) {
            w0 = p.loadUnaligned(as: UInt64.self)
            w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            w2 = p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            w3 = p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        }

        @inline(__always)
        func store(_ p: UnsafeMutableRawPointer) {
            p.storeBytes(of: w0, as: UInt64.self)
            p.storeBytes(of: w1, toByteOffset: 8, as: UInt64.self)
            p.storeBytes(of: w2, toByteOffset: 16, as: UInt64.self)
            p.storeBytes(of: w3, toByteOffset: 24, as: UInt64.self)
        }

        /// These bytes, with the first `count` (0...32) taken from `other` (little-endian byte order).
        @inline(__always)
        func keeping(first count: Int, of other: Chunk) -> Chunk {
            @inline(__always) func mask(_ word: Int) -> UInt64 {
                let bytes = min(max(count - 8 * word, 0), 8)
                return bytes == 8 ? ~0 : (1 << UInt64(8 * bytes)) &- 1
            }
            let m0 = mask(0), m1 = mask(1), m2 = mask(2), m3 = mask(3)
            var c = Chunk()
            c.w0 = other.w0 & m0 | w0 & ~m0
            c.w1 = other.w1 & m1 | w1 & ~m1
            c.w2 = other.w2 & m2 | w2 & ~m2
            c.w3 = other.w3 & m3 | w3 & ~m3
            return c
        }
    }
}
