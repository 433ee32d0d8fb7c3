/// ISO-8859-1 to UTF-8: bytes below 0x80 pass through, the others become two bytes (C2/C3 lead).
/// Every byte sequence is valid Latin-1, so this never fails.
public final class Latin1Input: ByteInput {
    private let source: ByteInput
    private var raw: [UInt8] = []
    private var rawStart = 0
    private var rawEnd = 0

    public init(_ source: ByteInput) { self.source = source }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count >= 2 else { return 0 }
        if rawStart == rawEnd {
            // Half the room: each byte may become two.
            let want = buffer.count / 2
            if raw.count < want { raw = [UInt8](repeating: 0, count: want) }
            rawEnd = try raw.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
            rawStart = 0
            if rawEnd == 0 { return 0 }
        }
        var written = 0
        raw.withUnsafeBufferPointer { src in
            while rawStart < rawEnd && written + 2 <= buffer.count {
                let byte = src[rawStart]
                if byte < 0x80 {
                    buffer[written] = byte
                    written &+= 1
                } else {
                    buffer[written] = 0xC0 | (byte >> 6)
                    buffer[written &+ 1] = 0x80 | (byte & 0x3F)
                    written &+= 2
                }
                rawStart &+= 1
            }
        }
        return written
    }
}
