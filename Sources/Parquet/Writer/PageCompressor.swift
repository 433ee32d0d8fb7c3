import Columnar
import CZlib

/// Bytes of a page body as stored, kept in the pieces they were produced in so nothing is copied before the
/// page lands in its chunk.
enum PagePart {
    case buffer(ByteBuffer)
    case bytes([UInt8])

    var count: Int {
        switch self {
        case .buffer(let b): b.count
        case .bytes(let b): b.count
        }
    }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case .buffer(let b): try b.withUnsafeBytes(body)
        case .bytes(let b): try b.withUnsafeBytes(body)
        }
    }
}

/// The writer's view of page compression and checksums.
struct PageCompressor {
    let codec: CompressionCodec
    let level: Int?

    /// `input` compressed with the chunk's codec (the input itself when uncompressed).
    func compress(_ input: ByteBuffer) throws -> PagePart {
        if codec == .uncompressed { return .buffer(input) }
        return .bytes(try input.withUnsafeBytes { try PageCompression.compress(codec, $0, level: level) })
    }

    /// CRC-32 (zlib polynomial, as `PageChecksum`) of the page bytes after the header.
    static func crc32(_ parts: [PagePart]) -> Int32 {
        var crc: UInt = 0
        for part in parts {
            part.withUnsafeBytes { raw in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
                var offset = 0
                while offset < raw.count {
                    let n = Swift.min(raw.count &- offset, Int(UInt32.max))
                    crc = CZlib.crc32(crc, base + offset, UInt32(n))
                    offset &+= n
                }
            }
        }
        return Int32(bitPattern: UInt32(truncatingIfNeeded: crc))
    }
}
