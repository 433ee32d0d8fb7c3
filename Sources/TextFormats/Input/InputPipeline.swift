/// How an input is compressed. `auto` looks at the first bytes: 1F 8B is gzip, 28 B5 2F FD is zstd.
public enum Compression: String, Sendable, Hashable {
    case auto, none, gzip, zstd
}

/// The character encoding of text input. Everything is transcoded to UTF-8 before parsing.
public enum TextEncoding: String, Sendable, Hashable {
    /// UTF-8; a leading byte-order mark (EF BB BF) is dropped.
    case utf8
    /// ISO-8859-1 (Latin-1): every byte is one code point.
    case latin1
}

/// Stacks the decoders a raw input needs: decompression, then BOM removal or Latin-1 transcoding.
public enum InputPipeline {
    static let gzipMagic: [UInt8] = [0x1F, 0x8B]
    static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    /// UTF-8 text from `input`, decompressed per `compression` and transcoded from `encoding`.
    public static func open(
        _ input: ByteInput, name: String = "", compression: Compression = .auto, encoding: TextEncoding = .utf8
    ) throws -> ByteInput {
        var source = input
        let head = try PrefixedInput.peek(source, count: 4)
        source = head.input
        switch compression == .auto ? detect(head.bytes) : compression {
        case .gzip: source = try GzipInput(source, name: name)
        case .zstd: source = try ZstdInput(source, name: name)
        case .none, .auto: break
        }
        switch encoding {
        case .latin1:
            return Latin1Input(source)
        case .utf8:
            let start = try PrefixedInput.peek(source, count: 3)
            if start.bytes == [0xEF, 0xBB, 0xBF] { return PrefixedInput([], then: source) }
            return start.input
        }
    }

    /// The compression the leading bytes announce.
    public static func detect(_ head: [UInt8]) -> Compression {
        if head.starts(with: gzipMagic) { return .gzip }
        if head.starts(with: zstdMagic) { return .zstd }
        return .none
    }
}

/// Replays `prefix`, then reads on from the source: how a peeked head is put back.
final class PrefixedInput: ByteInput {
    private var prefix: [UInt8]
    private var position = 0
    private let source: ByteInput

    init(_ prefix: [UInt8], then source: ByteInput) {
        self.prefix = prefix
        self.source = source
    }

    /// The first `count` bytes of `input` (fewer at its end) and an input that still starts with them.
    static func peek(_ input: ByteInput, count: Int) throws -> (bytes: [UInt8], input: ByteInput) {
        var head = [UInt8](repeating: 0, count: count)
        let n = try head.withUnsafeMutableBytes { try input.readFully(into: $0) }
        head.removeLast(count - n)
        return (head, PrefixedInput(head, then: input))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if position < prefix.count {
            let n = min(buffer.count, prefix.count - position)
            prefix.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + n])) }
            position += n
            return n
        }
        return try source.read(into: buffer)
    }
}
