/// A reusable byte buffer for values that must be rewritten before parsing (unescaped CSV fields, decoded
/// JSON strings). The bytes stay valid until the next `reserve`, so parsers can read them by pointer.
final class ScratchBytes {
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes in use.
    var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    deinit { pointer.deallocate() }

    /// Room for `n` bytes from the start; the contents are not kept.
    func reserve(_ n: Int) {
        count = 0
        guard n > capacity else { return }
        pointer.deallocate()
        capacity = max(n, capacity * 2)
        pointer = .allocate(capacity: capacity)
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: pointer, count: count) }
}
