import Columnar

/// Buffers one column chunk reader hands on to the next (see `releaseBuffers`). The next reader takes
/// each out, so it holds the only reference and writes in place instead of copying on write.
final class ChunkBuffers {
    private var bytes: [UInt8]
    private var dictionary: ByteBuffer?
    let pageBuffer: PageBuffer

    init(bytes: [UInt8], dictionary: ByteBuffer?, pageBuffer: PageBuffer) {
        self.bytes = bytes
        self.dictionary = dictionary
        self.pageBuffer = pageBuffer
    }

    func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    func takeDictionary() -> ByteBuffer? {
        defer { dictionary = nil }
        return dictionary
    }
}
