import CZlib
import CZstd

/// gzip (one RFC 1952 member) over another output.
public final class GzipOutput: ByteOutput {
    private let sink: ByteOutput
    private var stream = z_stream()
    private var out = [UInt8](repeating: 0, count: 1 << 16)
    private var closed = false

    public init(_ sink: ByteOutput, level: Int32 = 6) throws {
        self.sink = sink
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw TextFormatError.make(.compression, "gzip: cannot initialize deflate") }
    }

    deinit { deflateEnd(&stream) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(bytes.count)
        try pump(Z_NO_FLUSH)
    }

    public func close() throws {
        guard !closed else { return }
        closed = true
        try pump(Z_FINISH)
        try sink.close()
    }

    private func pump(_ flush: Int32) throws {
        repeat {
            let produced: Int = try out.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                let status = deflate(&stream, flush)
                guard status != Z_STREAM_ERROR else { throw TextFormatError.make(.compression, "gzip: deflate failed") }
                return buffer.count - Int(stream.avail_out)
            }
            if produced > 0 { try out.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
        } while stream.avail_out == 0 || (flush == Z_FINISH && stream.avail_in > 0)
    }
}

/// Zstandard (one frame) over another output.
public final class ZstdOutput: ByteOutput {
    private let sink: ByteOutput
    private let context: OpaquePointer
    private var out = [UInt8](repeating: 0, count: Int(ZSTD_CStreamOutSize()))
    private var closed = false

    public init(_ sink: ByteOutput, level: Int32 = 3) throws {
        self.sink = sink
        guard let context = ZSTD_createCCtx() else { throw TextFormatError.make(.compression, "zstd: cannot create a compressor") }
        self.context = context
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
    }

    deinit { ZSTD_freeCCtx(context) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        while input.pos < input.size { _ = try step(&input, ZSTD_e_continue) }
    }

    public func close() throws {
        guard !closed else { return }
        closed = true
        var input = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        while try step(&input, ZSTD_e_end) != 0 {}
        try sink.close()
    }

    /// One compression call; returns zstd's "bytes left to flush" hint.
    private func step(_ input: inout ZSTD_inBuffer, _ directive: ZSTD_EndDirective) throws -> Int {
        let (left, produced): (Int, Int) = try out.withUnsafeMutableBytes { buffer in
            var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
            let left = ZSTD_compressStream2(context, &output, &input, directive)
            if ZSTD_isError(left) != 0 {
                throw TextFormatError.make(.compression, "zstd: \(String(cString: ZSTD_getErrorName(left)))")
            }
            return (left, output.pos)
        }
        if produced > 0 { try out.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
        return left
    }
}
