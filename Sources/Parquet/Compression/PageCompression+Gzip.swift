/// GZIP (2): RFC 1952 gzip members, possibly several concatenated in one page, all of which are decoded.
/// zlib-wrapped data (RFC 1950) is accepted too (windowBits 32 + 15 detects either). Compression writes one
/// gzip member.

import CZlib

extension PageCompression {
    static func gzipDecompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, 32 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetError(.io, "GZIP: inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var read = 0
        var written = 0
        // Members one after another, until the input is used up or only padding is left.
        while read < input.count && written <= output.count {
            if written == output.count && input[read...].allSatisfy({ $0 == 0 }) { break }
            let (consumed, produced, ended) = try inflateMember(&stream, input, read, output, written)
            read += consumed
            written += produced
            guard ended else {
                throw corrupt(.gzip, written == output.count ? "data expands beyond \(output.count) bytes" : "truncated stream after \(written) of \(output.count) bytes")
            }
            guard inflateReset(&stream) == Z_OK else { throw ParquetError(.io, "GZIP: inflateReset failed") }
        }
        guard written == output.count else {
            throw corrupt(.gzip, "expands to \(written) bytes, expected \(output.count)")
        }
    }

    /// Inflates one member; returns bytes consumed and produced, and whether the member ended.
    static func inflateMember(
        _ stream: inout z_stream, _ input: UnsafeRawBufferPointer, _ read: Int,
        _ output: UnsafeMutableRawBufferPointer, _ written: Int
    ) throws -> (Int, Int, Bool) {
        let inCount = min(input.count - read, Int(UInt32.max))
        let outCount = min(output.count - written, Int(UInt32.max))
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self) + read)
        stream.avail_in = UInt32(inCount)
        // A spare byte past a full output is never handed out: zero space left means "expands beyond".
        var spare: UInt8 = 0
        let status: Int32 = withUnsafeMutablePointer(to: &spare) { sparePointer in
            stream.next_out = outCount > 0 ? output.baseAddress!.assumingMemoryBound(to: UInt8.self) + written : sparePointer
            stream.avail_out = outCount > 0 ? UInt32(outCount) : 1
            let status = inflate(&stream, Z_FINISH)
            if outCount == 0 && stream.avail_out == 0 { return Z_BUF_ERROR }
            return status
        }
        let consumed = inCount - Int(stream.avail_in)
        let produced = outCount == 0 ? 0 : outCount - Int(stream.avail_out)
        switch status {
        case Z_STREAM_END: return (consumed, produced, true)
        case Z_BUF_ERROR, Z_OK: return (consumed, produced, false)
        default:
            let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            throw corrupt(.gzip, "\(reason) at compressed byte \(read + consumed)")
        }
    }

    static func gzipCompress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        var stream = z_stream()
        let zLevel = Int32(level.map { min(max($0, 0), 9) } ?? 9)  // arrow's default level
        guard deflateInit2_(&stream, zLevel, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetError(.io, "GZIP: deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        guard input.count <= Int(UInt32.max) else {
            throw ParquetError(.invalidArgument, "GZIP: page of \(input.count) bytes is too large to compress")
        }
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        return try [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            stream.next_in = input.isEmpty ? nil
                : UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(input.count)
            stream.next_out = buffer.baseAddress!
            stream.avail_out = UInt32(bound)
            guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { throw ParquetError(.io, "GZIP: deflate failed") }
            count = bound - Int(stream.avail_out)
        }
    }
}
