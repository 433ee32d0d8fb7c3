import Columnar
import CZlib

/// The writer's view of page compression and checksums.
struct PageCompressor {
    let codec: CompressionCodec
    let level: Int?

    /// `input` compressed with the chunk's codec (the input itself when uncompressed).
    func compress(_ input: ByteBuffer) throws -> ByteBuffer {
        if codec == .uncompressed { return input }
        throw ParquetError(.unsupported, "codec \(codec.name) is not linked into the writer yet")
    }

    /// CRC-32 (zlib polynomial) of the page bytes after the header.
    static func crc32(_ parts: ByteBuffer...) -> Int32 {
        var crc: UInt = CZlib.crc32(0, nil, 0)
        for part in parts {
            part.withUnsafeBytes { raw in
                if let base = raw.baseAddress {
                    crc = CZlib.crc32(crc, base.assumingMemoryBound(to: UInt8.self), UInt32(raw.count))
                }
            }
        }
        return Int32(bitPattern: UInt32(truncatingIfNeeded: crc))
    }
}
