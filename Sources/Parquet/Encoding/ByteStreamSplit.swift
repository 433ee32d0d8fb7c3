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
            case 4: merge(source, streamLength, count, dst, 4)
            case 8: merge(source, streamLength, count, dst, 8)
            case 2: merge(source, streamLength, count, dst, 2)
            default: merge(source, streamLength, count, dst, width)
            }
        }
    }

    /// Byte j of value i from `source[j * n + i]`; a literal `k` lets the inner loop unroll.
    @inline(__always)
    static func merge(_ source: UnsafePointer<UInt8>, _ n: Int, _ count: Int, _ dst: UnsafeMutablePointer<UInt8>, _ k: Int) {
        for i in 0..<count {
            let target = dst + i * k
            for j in 0..<k { target[j] = source[j &* n &+ i] }
        }
    }

    /// Splits `values` (back to back, `width` bytes each) into `width` streams.
    public static func encode(_ values: UnsafeRawBufferPointer, width: Int, into sink: inout ByteBuffer) {
        guard width > 0, values.count >= width else { return }
        let n = values.count / width
        let source = values.baseAddress!.assumingMemoryBound(to: UInt8.self)
        sink.appendUninitialized(n * width) { out in
            let dst = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
            switch width {
            case 4: split(source, n, dst, 4)
            case 8: split(source, n, dst, 8)
            default: split(source, n, dst, width)
            }
        }
    }

    @inline(__always)
    static func split(_ source: UnsafePointer<UInt8>, _ n: Int, _ dst: UnsafeMutablePointer<UInt8>, _ k: Int) {
        for i in 0..<n {
            let value = source + i * k
            for j in 0..<k { dst[j &* n &+ i] = value[j] }
        }
    }
}
