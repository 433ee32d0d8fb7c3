/// One reusable region for a chunk's decompressed pages, so reading a chunk allocates once rather than once
/// per page. A region above `keepLimit` (a huge dictionary page) is freed after use, keeping memory bounded.
final class PageBuffer {
    private var storage: UnsafeMutableRawPointer?
    private var capacity = 0
    static let keepLimit = 16 << 20

    /// Runs `body` on a region of `count` uninitialized bytes.
    func withRegion<R>(_ count: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        if count > capacity {
            storage?.deallocate()
            storage = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 64)
            capacity = count
        }
        defer {
            if capacity > Self.keepLimit {
                storage?.deallocate()
                (storage, capacity) = (nil, 0)
            }
        }
        return try body(UnsafeMutableRawBufferPointer(start: storage, count: count))
    }

    deinit { storage?.deallocate() }
}
