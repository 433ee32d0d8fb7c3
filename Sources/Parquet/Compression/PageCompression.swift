/// Page compression: every Parquet codec in both directions, over the system libraries (zlib, snappy, zstd,
/// lz4, brotli), except Snappy decompression (`SnappyDecoder`). A page body is exactly what the codec library produces, with no framing, except for the
/// deprecated LZ4 codec (Hadoop framing; see `PageCompression+LZ4.swift`).
///
/// Decompression writes straight into a buffer of the page header's `uncompressed_page_size` and the output
/// must fill it exactly (else `.corrupt`). Hostile sizes: a size above `maxUncompressedSize` is rejected, and
/// codecs with a bounded expansion ratio (LZ4 255:1, deflate 1032:1, Snappy's preamble) reject impossible
/// sizes before allocating; zstd and brotli write into memory that is only touched as data is produced.

import CBrotli
import CLZ4
import CSnappy
import CZlib
import CZstd

public enum PageCompression {
    /// The largest page we decompress: page sizes are i32 in the format, so nothing larger is legal.
    /// (`large_string_map.brotli.parquet` legitimately holds a 1 GiB dictionary page.)
    public static let maxUncompressedSize = Int(Int32.max)

    /// Decompresses one page body. An `uncompressedSize` of 0 skips the codec (an empty v2 values section).
    public static func decompress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, uncompressedSize: Int
    ) throws -> [UInt8] {
        guard uncompressedSize > 0 else {
            guard uncompressedSize == 0 else { throw corrupt(codec, "negative uncompressed size \(uncompressedSize)") }
            return []
        }
        guard uncompressedSize <= maxUncompressedSize else {
            throw ParquetError(.unsupported, "\(codec.name): uncompressed page size \(uncompressedSize) exceeds the \(maxUncompressedSize)-byte limit")
        }
        try checkPlausible(codec, input, uncompressedSize)
        return try [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, count in
            try decompress(codec, input, into: UnsafeMutableRawBufferPointer(buffer))
            count = uncompressedSize
        }
    }

    /// Decompresses one page body into `output`, which it must fill exactly.
    public static func decompress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws {
        guard output.count > 0 else { return }
        switch codec {
        case .uncompressed:
            guard input.count == output.count else {
                throw corrupt(codec, "page of \(input.count) bytes, expected \(output.count)")
            }
            output.copyMemory(from: input)
        case .snappy: try snappyDecompress(input, into: output)
        case .gzip: try gzipDecompress(input, into: output)
        case .zstd: try zstdDecompress(input, into: output)
        case .lz4Raw: try lz4RawDecompress(input, into: output)
        case .lz4: try lz4HadoopDecompress(input, into: output)
        case .brotli: try brotliDecompress(input, into: output)
        default: throw ParquetError(.unsupported, "unsupported codec \(codec.name)")
        }
    }

    /// Compresses one page body. `level` is the codec's own scale (zstd 1...22, gzip 0...9, brotli 0...11);
    /// nil picks the library default.
    public static func compress(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, level: Int? = nil) throws -> [UInt8] {
        switch codec {
        case .uncompressed: return [UInt8](input)
        case .snappy: return try snappyCompress(input)
        case .gzip: return try gzipCompress(input, level: level)
        case .zstd: return try zstdCompress(input, level: level)
        case .lz4Raw: return try lz4RawCompress(input)
        case .lz4: return try lz4HadoopCompress(input)
        case .brotli: return try brotliCompress(input, level: level)
        default: throw ParquetError(.unsupported, "unsupported codec \(codec.name)")
        }
    }

    static func corrupt(_ codec: CompressionCodec, _ what: String) -> ParquetError {
        ParquetError(.corrupt, "\(codec.name): \(what)")
    }

    /// Rejects sizes no valid stream of `input.count` bytes could expand to, before allocating.
    static func checkPlausible(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, _ size: Int) throws {
        let (bound, overflow): (Int, Bool)
        switch codec {
        case .lz4Raw, .lz4: (bound, overflow) = input.count.multipliedReportingOverflow(by: 256)
        case .gzip: (bound, overflow) = input.count.multipliedReportingOverflow(by: 1032)
        case .snappy:
            var length = 0
            guard let base = input.baseAddress,
                  snappy_uncompressed_length(base.assumingMemoryBound(to: CChar.self), input.count, &length) == SNAPPY_OK
            else { throw corrupt(codec, "invalid length preamble") }
            guard length == size else { throw corrupt(codec, "preamble says \(length) bytes, page header says \(size)") }
            return
        default: return
        }
        guard overflow || size <= bound + 1024 else {
            throw corrupt(codec, "\(input.count) compressed bytes cannot expand to \(size) bytes")
        }
    }

    // MARK: Snappy (raw block format: ULEB128 length preamble, then elements)

    static func snappyDecompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        try SnappyDecoder.decompress(input, into: output)
    }

    static func snappyCompress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        let bound = snappy_max_compressed_length(input.count)
        return try [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            var length = bound
            let src = input.baseAddress?.assumingMemoryBound(to: CChar.self) ?? UnsafePointer(bitPattern: 1)!
            let status = buffer.withMemoryRebound(to: CChar.self) { snappy_compress(src, input.count, $0.baseAddress!, &length) }
            guard status == SNAPPY_OK else { throw ParquetError(.io, "SNAPPY: compression failed (\(status))") }
            count = length
        }
    }

    // MARK: LZ4_RAW (a bare LZ4 block)

    static func lz4RawDecompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        let produced = lz4Block(input, into: output)
        guard produced == output.count else {
            throw corrupt(.lz4Raw, produced < 0 ? "invalid block" : "block expands to \(produced) bytes, expected \(output.count)")
        }
    }

    /// Decodes one LZ4 block; the number of bytes produced, or -1 when the block is invalid.
    static func lz4Block(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        guard input.count <= Int(Int32.max), output.count <= Int(Int32.max),
              let src = input.baseAddress, let dst = output.baseAddress else { return input.isEmpty && output.isEmpty ? 0 : -1 }
        let n = LZ4_decompress_safe(
            src.assumingMemoryBound(to: CChar.self), dst.assumingMemoryBound(to: CChar.self),
            Int32(input.count), Int32(output.count))
        return Int(n)
    }

    static func lz4RawCompress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        guard input.count <= Int(LZ4_MAX_INPUT_SIZE) else {
            throw ParquetError(.invalidArgument, "LZ4_RAW: page of \(input.count) bytes is too large to compress")
        }
        let bound = Int(LZ4_compressBound(Int32(input.count)))
        return try [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            let src = input.baseAddress?.assumingMemoryBound(to: CChar.self) ?? UnsafePointer(bitPattern: 1)!
            let n = buffer.withMemoryRebound(to: CChar.self) {
                LZ4_compress_default(src, $0.baseAddress!, Int32(input.count), Int32(bound))
            }
            guard n > 0 || input.isEmpty else { throw ParquetError(.io, "LZ4_RAW: compression failed") }
            count = Int(n)
        }
    }
}
