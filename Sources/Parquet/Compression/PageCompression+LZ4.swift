/// The deprecated LZ4 codec (5). Hadoop's framing in practice:
///
/// ```
/// block := u32 BE uncompressedLength, then chunks until that many bytes are produced
/// chunk := u32 BE compressedLength, then a bare LZ4 block
/// ```
/// Old parquet-cpp wrote a bare LZ4 block under the same id, so when the framing's lengths do not add up
/// exactly, the whole body is decoded as one bare block (arrow's approach).

import CLZ4

extension PageCompression {
    static func lz4HadoopDecompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        if hadoopFrames(input, into: output) { return }
        let produced = lz4Block(input, into: output)
        guard produced == output.count else {
            throw corrupt(.lz4, "neither Hadoop-framed nor a bare block of \(output.count) bytes")
        }
    }

    /// True when `input` is a valid Hadoop-framed stream that fills `output` exactly.
    static func hadoopFrames(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        var read = 0
        var written = 0
        while read < input.count {
            guard let blockLength = bigEndianLength(input, at: read), blockLength <= output.count - written else { return false }
            read += 4
            let blockEnd = written + blockLength
            while written < blockEnd {
                guard let chunkLength = bigEndianLength(input, at: read), chunkLength <= input.count - read - 4 else { return false }
                read += 4
                let chunk = UnsafeRawBufferPointer(rebasing: input[read..<read + chunkLength])
                let produced = lz4Block(chunk, into: UnsafeMutableRawBufferPointer(rebasing: output[written..<blockEnd]))
                guard produced > 0 else { return false }
                read += chunkLength
                written += produced
            }
        }
        return written == output.count
    }

    static func bigEndianLength(_ input: UnsafeRawBufferPointer, at offset: Int) -> Int? {
        guard input.count - offset >= 4 else { return nil }
        return Int(UInt32(bigEndian: input.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// One Hadoop block holding one chunk (what parquet-java and arrow write).
    static func lz4HadoopCompress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        let block = try lz4RawCompress(input)
        var out: [UInt8] = []
        out.reserveCapacity(block.count + 8)
        for length in [input.count, block.count] {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).bigEndian) { out.append(contentsOf: $0) }
        }
        out.append(contentsOf: block)
        return out
    }
}
