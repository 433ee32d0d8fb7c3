/// BROTLI (4): a raw Brotli stream (RFC 7932), decoded with the streaming API straight into the page buffer.

import CBrotli

extension PageCompression {
    static func brotliDecompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else {
            throw ParquetError(.io, "BROTLI: cannot create a decoder")
        }
        defer { BrotliDecoderDestroyInstance(state) }
        var availableIn = input.count
        var nextIn = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var availableOut = output.count
        var nextOut = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let result = BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
        switch result {
        case BROTLI_DECODER_RESULT_SUCCESS:
            guard availableOut == 0 else {
                throw corrupt(.brotli, "expands to \(output.count - availableOut) bytes, expected \(output.count)")
            }
        case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
            throw corrupt(.brotli, "data expands beyond \(output.count) bytes")
        case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
            throw corrupt(.brotli, "truncated stream after \(output.count - availableOut) bytes")
        default:
            let code = BrotliDecoderGetErrorCode(state)
            throw corrupt(.brotli, "\(String(cString: BrotliDecoderErrorString(code))) at compressed byte \(input.count - availableIn)")
        }
    }

    static func brotliCompress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        let quality = Int32(level.map { min(max($0, 0), 11) } ?? 8)  // arrow's default quality
        let bound = max(BrotliEncoderMaxCompressedSize(input.count), 64)
        return try [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            var encodedSize = bound
            let ok = BrotliEncoderCompress(
                quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, input.count,
                input.baseAddress?.assumingMemoryBound(to: UInt8.self), &encodedSize, buffer.baseAddress)
            guard ok == BROTLI_TRUE else { throw ParquetError(.io, "BROTLI: compression failed") }
            count = encodedSize
        }
    }
}
