import Columnar

/// The writer's view of page compression and checksums.
struct PageCompressor {
    let codec: CompressionCodec
    let level: Int?

    /// `input` compressed with the chunk's codec (the input itself when uncompressed).
    func compress(_ input: ByteBuffer) throws -> ByteBuffer {
        if codec == .uncompressed { return input }
        let output = try input.withUnsafeBytes { try PageCompression.compress(codec, $0, level: level) }
        return ByteBuffer(bytes: output)
    }

    /// CRC-32 (zlib polynomial) of the page bytes after the header.
    static func crc32(_ body: ByteBuffer) -> Int32 {
        Int32(bitPattern: body.withUnsafeBytes { PageChecksum.crc32($0) })
    }
}
