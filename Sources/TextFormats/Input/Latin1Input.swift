/// ISO-8859-1 to UTF-8: bytes below 0x80 pass through, the others become two bytes (C2/C3 lead).
/// Every byte sequence is valid Latin-1, so this never fails. A two-byte sequence that does not fit the
/// caller's buffer is split, its trail byte kept for the next read.
public final class Latin1Input: ByteInput {
    private let source: ByteInput
    private var raw: [UInt8] = []
    private var rawStart = 0
    private var rawEnd = 0
    private var pendingTrail: UInt8?

    public init(_ source: ByteInput) { self.source = source }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        var written = 0
        if let trail = pendingTrail {
            buffer[0] = trail
            pendingTrail = nil
            written = 1
        }
        if rawStart == rawEnd && written < buffer.count {
            // Half the room (each byte may become two), at least one byte.
            let want = max((buffer.count - written) / 2, 1)
            if raw.count < want { raw = [UInt8](repeating: 0, count: want) }
            rawEnd = try raw.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
            rawStart = 0
        }
        raw.withUnsafeBufferPointer { src in
            while rawStart < rawEnd && written < buffer.count {
                let byte = src[rawStart]
                rawStart &+= 1
                if byte < 0x80 {
                    buffer[written] = byte
                    written &+= 1
                    continue
                }
                buffer[written] = 0xC0 | (byte >> 6)
                written &+= 1
                let trail = 0x80 | (byte & 0x3F)
                if written < buffer.count {
                    buffer[written] = trail
                    written &+= 1
                } else {
                    pendingTrail = trail
                }
            }
        }
        return written
    }
}
