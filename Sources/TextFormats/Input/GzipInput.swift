/// gzip (RFC 1952) decompression over another input, streaming: every concatenated member is decoded, as
/// `gzip -d` does. zlib-wrapped data (RFC 1950) is accepted too (windowBits 32 + 15 detects either).

import CZlib

public final class GzipInput: ByteInput {
    private let source: ByteInput
    private let name: String
    private var stream = z_stream()
    private var inBuffer: UnsafeMutableRawBufferPointer
    private var ended = false
    private var sourceDone = false
    private var produced = 0

    public init(_ source: ByteInput, name: String = "") throws {
        self.source = source
        self.name = name
        inBuffer = .allocate(byteCount: 1 << 16, alignment: 64)
        guard inflateInit2_(&stream, 32 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            inBuffer.deallocate()
            throw TextFormatError.make(.compression, "gzip: cannot initialize inflate for '\(name)'")
        }
    }

    deinit {
        inflateEnd(&stream)
        inBuffer.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, !ended else { return 0 }
        stream.next_out = base.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !sourceDone { try readSource() }
            let before = stream.avail_out
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                if try !nextMember() { ended = true; break }
                continue
            }
            if status != Z_OK && status != Z_BUF_ERROR {
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw corrupt("\(reason) after \(produced) bytes")
            }
            // No input left and inflate made no progress: the stream ends before its trailer.
            if stream.avail_out == before && stream.avail_in == 0 && sourceDone {
                if Int(stream.avail_out) < buffer.count { break }
                throw corrupt("truncated stream after \(produced) bytes")
            }
        }
        let n = buffer.count - Int(stream.avail_out)
        produced += n
        return n
    }

    private func readSource() throws {
        let n = try source.read(into: inBuffer)
        if n == 0 { sourceDone = true } else {
            stream.next_in = inBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
            stream.avail_in = UInt32(n)
        }
    }

    /// After one member ends: resets for the next one if more bytes follow (other than zero padding).
    private func nextMember() throws -> Bool {
        while true {
            if stream.avail_in == 0 && !sourceDone { try readSource() }
            if stream.avail_in == 0 { return false }
            if stream.next_in.pointee != 0 { break }
            stream.next_in += 1
            stream.avail_in -= 1
        }
        guard inflateReset(&stream) == Z_OK else { throw corrupt("cannot reset inflate") }
        return true
    }

    private func corrupt(_ detail: String) -> TextFormatError {
        TextFormatError.make(.compression, "gzip stream '\(name)' is corrupt: \(detail)")
    }
}
