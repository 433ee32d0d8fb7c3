/// A growable, 64-byte aligned, copy-on-write byte buffer. Vectors keep their values here, so a
/// decoder can copy a PLAIN page straight in and a kernel can read it as `UnsafeBufferPointer<T>`.
public struct ByteBuffer: @unchecked Sendable {
    @usableFromInline
    final class Storage {
        @usableFromInline let pointer: UnsafeMutableRawPointer
        @usableFromInline let capacity: Int

        @usableFromInline
        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            pointer = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 64)
        }

        deinit { pointer.deallocate() }
    }

    @usableFromInline var storage: Storage
    /// Bytes in use.
    @usableFromInline internal(set) var _count: Int
    public var count: Int { _count }

    public init(capacity: Int = 0) {
        storage = Storage(capacity: capacity)
        _count = 0
    }

    public init<C: Collection>(bytes: C) where C.Element == UInt8 {
        self.init(capacity: bytes.count)
        append(contentsOf: bytes)
    }

    public var capacity: Int { storage.capacity }

    /// Makes the storage unique and able to hold `bytes` bytes in all.
    @inlinable
    public mutating func reserve(_ bytes: Int) {
        let unique = isKnownUniquelyReferenced(&storage)
        if unique && bytes <= storage.capacity { return }
        let newCapacity = bytes <= storage.capacity ? storage.capacity : max(bytes, storage.capacity * 2)
        let fresh = Storage(capacity: newCapacity)
        fresh.pointer.copyMemory(from: storage.pointer, byteCount: count)
        storage = fresh
    }

    /// Sets the byte count, growing if needed. New bytes are zeroed.
    public mutating func resize(_ bytes: Int) {
        reserve(bytes)
        if bytes > count { (storage.pointer + count).initializeMemory(as: UInt8.self, repeating: 0, count: bytes - count) }
        _count = bytes
    }

    /// Appends up to `capacity` bytes that `body` writes in place, without zero-filling first; `body` returns
    /// how many it wrote. Decoders use it to write straight into the buffer.
    @inlinable
    public mutating func appendUninitialized(
        capacity: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int
    ) rethrows {
        reserve(_count + capacity)
        let written = try body(UnsafeMutableRawBufferPointer(start: storage.pointer + _count, count: capacity))
        precondition(written >= 0 && written <= capacity, "appendUninitialized wrote outside its capacity")
        _count += written
    }

    public mutating func removeAll() {
        reserve(0)
        _count = 0
    }

    public mutating func append<C: Collection>(contentsOf bytes: C) where C.Element == UInt8 {
        let n = bytes.count
        reserve(count + n)
        let target = UnsafeMutableRawBufferPointer(start: storage.pointer + count, count: n)
        if bytes.withContiguousStorageIfAvailable({ target.copyMemory(from: UnsafeRawBufferPointer($0)) }) == nil {
            _ = target.initializeMemory(as: UInt8.self, from: bytes)
        }
        _count += n
    }

    public mutating func append(raw: UnsafeRawBufferPointer) {
        reserve(count + raw.count)
        if raw.count > 0 { (storage.pointer + count).copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
        _count += raw.count
    }

    @inlinable
    public mutating func append<T: BitwiseCopyable>(_ value: T) {
        let size = MemoryLayout<T>.stride
        reserve(count + size)
        (storage.pointer + count).storeBytes(of: value, as: T.self)
        _count += size
    }

    /// The bytes in use.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) {
            try body(UnsafeRawBufferPointer(start: storage.pointer, count: count))
        }
    }

    /// The bytes in use, as `T` values (count / stride of them).
    @inlinable
    public func withUnsafeBufferPointer<T: BitwiseCopyable, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        try withExtendedLifetime(storage) {
            let n = count / MemoryLayout<T>.stride
            let typed = storage.pointer.bindMemory(to: T.self, capacity: n)
            return try body(UnsafeBufferPointer(start: typed, count: n))
        }
    }

    /// Mutable typed access to the bytes in use; makes the storage unique first.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<T: BitwiseCopyable, R>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        reserve(count)
        let n = count / MemoryLayout<T>.stride
        let typed = storage.pointer.bindMemory(to: T.self, capacity: n)
        return try withExtendedLifetime(storage) {
            try body(UnsafeMutableBufferPointer(start: typed, count: n))
        }
    }

    /// Reads value `index` as `T`.
    @inlinable
    public func load<T: BitwiseCopyable>(_ index: Int, as type: T.Type) -> T {
        precondition(index >= 0 && (index + 1) * MemoryLayout<T>.stride <= count, "ByteBuffer index out of range")
        return storage.pointer.load(fromByteOffset: index * MemoryLayout<T>.stride, as: T.self)
    }

    /// Bytes `range` copied out.
    public func bytes(_ range: Range<Int>) -> [UInt8] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "ByteBuffer range out of bounds")
        return [UInt8](UnsafeRawBufferPointer(start: storage.pointer + range.lowerBound, count: range.count))
    }
}

extension ByteBuffer: Equatable {
    public static func == (lhs: ByteBuffer, rhs: ByteBuffer) -> Bool {
        lhs.count == rhs.count && lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.elementsEqual(b) } }
    }
}
