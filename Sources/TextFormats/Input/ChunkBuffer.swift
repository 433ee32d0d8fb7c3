#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sliding window a reader parses from: bytes `[start, end)` of the input are in memory, followed by one
/// sentinel byte (LF) so scanning loops need no bounds test. Parsed bytes are dropped by `compact()`; a
/// record longer than the window grows it, up to a bound.
final class ChunkBuffer {
    private(set) var storage: UnsafeMutableRawBufferPointer
    /// First byte not yet consumed.
    var start = 0
    /// One past the last byte read.
    private(set) var end = 0
    /// The input has no more bytes.
    private(set) var atEnd = false
    private let input: ByteInput
    private let maxCapacity: Int

    init(input: ByteInput, capacity: Int, maxCapacity: Int) {
        self.input = input
        self.maxCapacity = max(maxCapacity, capacity)
        storage = .allocate(byteCount: capacity + 1, alignment: 64)
        storage[0] = 0x0A
    }

    deinit { storage.deallocate() }

    var capacity: Int { storage.count - 1 }
    var base: UnsafeMutablePointer<UInt8> { storage.baseAddress!.assumingMemoryBound(to: UInt8.self) }

    /// Moves the unconsumed bytes to the front, grows if the window is full, and reads more.
    /// Returns false when nothing more can be read (the input ended).
    func refill() throws -> Bool {
        if atEnd { return false }
        if start > 0 {
            let live = end - start
            if live > 0 { memmove(storage.baseAddress!, storage.baseAddress! + start, live) }  // may overlap
            start = 0
            end = live
        }
        if end == capacity { try grow() }
        let n = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end..<capacity]))
        if n == 0 { atEnd = true }
        end += n
        storage[end] = 0x0A
        return n > 0
    }

    /// Fills the window (up to capacity) or to the end of input, for the sniffer's sample.
    func fillSample() throws {
        while !atEnd && end < capacity { _ = try refill() }
    }

    private func grow() throws {
        guard capacity < maxCapacity else {
            throw TextFormatError.make(.tooLarge, "a record is longer than the maximum of \(maxCapacity) bytes")
        }
        let fresh = UnsafeMutableRawBufferPointer.allocate(byteCount: min(capacity * 2, maxCapacity) + 1, alignment: 64)
        fresh.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[0..<end]))
        storage.deallocate()
        storage = fresh
    }
}
