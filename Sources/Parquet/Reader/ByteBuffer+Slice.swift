import Columnar

extension ByteBuffer {
    /// Bytes `range` in a new buffer of at least `capacity` bytes.
    func slice(_ range: Range<Int>, capacity: Int = 0) -> ByteBuffer {
        var out = ByteBuffer(capacity: max(range.count, capacity))
        withUnsafeBytes { out.append(raw: UnsafeRawBufferPointer(rebasing: $0[range])) }
        return out
    }
}
