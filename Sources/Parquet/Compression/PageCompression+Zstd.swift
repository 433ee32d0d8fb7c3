/// ZSTD (6): one or more Zstandard frames (skippable frames allowed). Frames need not record their content
/// size, so the streaming API decodes straight into the page buffer; an empty result is legal.

import CZstd

extension PageCompression {
    static func zstdDecompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard let context = ZSTD_createDCtx() else { throw ParquetError(.io, "ZSTD: cannot create a context") }
        defer { ZSTD_freeDCtx(context) }
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var target = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        var frameDone = true
        while source.pos < source.size {
            let before = (source.pos, target.pos)
            let status = ZSTD_decompressStream(context, &target, &source)
            if ZSTD_isError(status) != 0 {
                throw corrupt(.zstd, "\(String(cString: ZSTD_getErrorName(status))) at compressed byte \(source.pos)")
            }
            frameDone = status == 0
            if target.pos == target.size && !frameDone && (source.pos, target.pos) == before {
                throw corrupt(.zstd, "data expands beyond \(output.count) bytes")
            }
        }
        // Input used up: the last frame must be complete and must not hold more than fits.
        while !frameDone {
            let before = target.pos
            let status = ZSTD_decompressStream(context, &target, &source)
            if ZSTD_isError(status) != 0 {
                throw corrupt(.zstd, "\(String(cString: ZSTD_getErrorName(status))) at compressed byte \(source.pos)")
            }
            frameDone = status == 0
            if !frameDone && target.pos == before {
                throw corrupt(.zstd, target.pos == target.size ? "data expands beyond \(output.count) bytes" : "truncated frame")
            }
        }
        guard target.pos == output.count else {
            throw corrupt(.zstd, "expands to \(target.pos) bytes, expected \(output.count)")
        }
    }

    static func zstdCompress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        let zLevel = Int32(level.map { min(max($0, Int(ZSTD_minCLevel())), Int(ZSTD_maxCLevel())) } ?? 1)  // arrow's default level
        return try [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            let n = ZSTD_compress(buffer.baseAddress, bound, input.baseAddress, input.count, zLevel)
            guard ZSTD_isError(n) == 0 else {
                throw ParquetError(.io, "ZSTD: compression failed: \(String(cString: ZSTD_getErrorName(n)))")
            }
            count = n
        }
    }
}
