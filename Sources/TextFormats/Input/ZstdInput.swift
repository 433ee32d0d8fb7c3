/// Zstandard decompression over another input, streaming (ZSTD_decompressStream), all frames in sequence.

import CZstd

public final class ZstdInput: ByteInput {
    private let source: ByteInput
    private let name: String
    private let context: OpaquePointer
    private var inBuffer: UnsafeMutableRawBufferPointer
    private var input = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
    private var sourceDone = false
    /// 0 when the last frame ended cleanly.
    private var pendingHint = 0
    private var produced = 0

    public init(_ source: ByteInput, name: String = "") throws {
        self.source = source
        self.name = name
        guard let context = ZSTD_createDStream() else {
            throw TextFormatError.make(.compression, "zstd: cannot create a decoder for '\(name)'")
        }
        self.context = context
        inBuffer = .allocate(byteCount: Int(ZSTD_DStreamInSize()), alignment: 64)
        ZSTD_initDStream(context)
    }

    deinit {
        ZSTD_freeDStream(context)
        inBuffer.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var output = ZSTD_outBuffer(dst: base, size: buffer.count, pos: 0)
        while output.pos < output.size {
            if input.pos == input.size && !sourceDone {
                let n = try source.read(into: inBuffer)
                if n == 0 { sourceDone = true } else { input = ZSTD_inBuffer(src: inBuffer.baseAddress, size: n, pos: 0) }
            }
            if input.pos == input.size && sourceDone {
                if pendingHint == 0 { break }
                // The decoder may still hold output; a call with no input flushes it.
                let before = output.pos
                let hint = ZSTD_decompressStream(context, &output, &input)
                if ZSTD_isError(hint) != 0 { throw corrupt(hint) }
                pendingHint = hint
                if output.pos > before { continue }
                throw TextFormatError.make(.compression, "zstd stream '\(name)' is truncated after \(produced + output.pos) bytes")
            }
            let hint = ZSTD_decompressStream(context, &output, &input)
            if ZSTD_isError(hint) != 0 { throw corrupt(hint) }
            pendingHint = hint
        }
        produced += output.pos
        return output.pos
    }

    private func corrupt(_ code: Int) -> TextFormatError {
        let reason = String(cString: ZSTD_getErrorName(code))
        return TextFormatError.make(.compression, "zstd stream '\(name)' is corrupt: \(reason) after \(produced) bytes")
    }
}
