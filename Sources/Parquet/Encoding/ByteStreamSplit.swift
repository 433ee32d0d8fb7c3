/// BYTE_STREAM_SPLIT (FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY): K = value width, N = section size / K.
/// Byte j of value i is at `j * N + i`: K streams of N bytes, no header, no padding.

import Columnar

public enum ByteStreamSplit {
    /// Appends the first `count` of the section's N values (each `width` bytes) to `values`.
    public static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, width: Int, into values: inout ByteBuffer
    ) throws {
        guard width > 0 else { throw ParquetError(.corrupt, "BYTE_STREAM_SPLIT: value width \(width)") }
        guard input.count % width == 0 else {
            throw ParquetError(.corrupt, "BYTE_STREAM_SPLIT: section of \(input.count) bytes is not a multiple of the \(width)-byte width")
        }
        let streamLength = input.count / width
        guard count >= 0, count <= streamLength else {
            throw ParquetError(.corrupt, "BYTE_STREAM_SPLIT: \(count) values expected, the section holds \(streamLength)")
        }
        guard count > 0 else { return }
        let source = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        values.appendUninitialized(count * width) { out in
            let dst = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
            switch width {
            case 4: gather(source, streamLength, count, dst, UInt32.self)
            case 8: gather(source, streamLength, count, dst, UInt64.self)
            default:
                for j in 0..<width {
                    let stream = source + j * streamLength
                    for i in 0..<count { dst[i * width + j] = stream[i] }
                }
            }
        }
    }

    @inline(__always)
    static func gather<T: FixedWidthInteger & UnsignedInteger>(
        _ source: UnsafePointer<UInt8>, _ n: Int, _ count: Int, _ dst: UnsafeMutablePointer<UInt8>, _: T.Type
    ) {
        let out = UnsafeMutableRawPointer(dst)
        let k = MemoryLayout<T>.size
        for i in 0..<count {
            var value: T = 0
            for j in 0..<k { value |= T(source[j * n + i]) << (8 * j) }
            out.storeBytes(of: T(littleEndian: value), toByteOffset: i * k, as: T.self)
        }
    }

    /// Splits `values` (back to back, `width` bytes each) into `width` streams.
    public static func encode(_ values: UnsafeRawBufferPointer, width: Int, into sink: inout ByteBuffer) {
        guard width > 0, values.count >= width else { return }
        let n = values.count / width
        sink.appendUninitialized(n * width) { out in
            for j in 0..<width {
                for i in 0..<n { out[j * n + i] = values[i * width + j] }
            }
        }
    }
}
