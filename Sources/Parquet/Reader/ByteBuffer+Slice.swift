import Columnar

extension ByteBuffer {
    /// Bytes `range` in a new buffer.
    func slice(_ range: Range<Int>) -> ByteBuffer {
        var out = ByteBuffer(capacity: range.count)
        withUnsafeBytes { out.append(raw: UnsafeRawBufferPointer(rebasing: $0[range])) }
        return out
    }
}
