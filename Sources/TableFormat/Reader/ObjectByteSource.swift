#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Parquet
import Storage

/// A Parquet `ByteSource` over one object of a store: `size` from a listing (or one HEAD), reads as ranged
/// GETs. The object's tail (up to `tailSize` bytes) is fetched once on first use, so the footer length, the
/// magic and the footer itself cost one request however many readers open the file.
public final class ObjectByteSource: ByteSource, @unchecked Sendable {
    public static let tailSize = 64 * 1024

    public let store: any ObjectStore
    public let key: String
    public let size: Int
    // Written once under `lock`, then only read.
    private var tail: [UInt8]?
    private let lock = Lock()

    public init(store: any ObjectStore, key: String, size: Int? = nil) throws {
        self.store = store
        self.key = key
        if let size {
            self.size = size
        } else {
            do {
                self.size = try store.head(key).size
            } catch {
                throw TableFormatError(.io, "\(store.uri)/\(key): \(error)")
            }
        }
    }

    public func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw ParquetError(.io, "read of \(count) bytes at offset \(offset) is outside \(key) (\(size) bytes)")
        }
        let tailStart = max(0, size - ObjectByteSource.tailSize)
        if offset >= tailStart {
            let tail = try cachedTail(from: tailStart)
            return Array(tail[(offset - tailStart)..<(offset - tailStart + count)])
        }
        return try fetch(offset..<offset + count)
    }

    private func cachedTail(from start: Int) throws -> [UInt8] {
        try lock.withLock {
            if let tail { return tail }
            let bytes = try fetch(start..<size)
            tail = bytes
            return bytes
        }
    }

    private func fetch(_ range: Range<Int>) throws -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try store.get(key, range: range)
        } catch {
            throw ParquetError(.io, "\(store.uri)/\(key): \(error)")
        }
        guard bytes.count == range.count else {
            throw ParquetError(.io, "\(key): \(bytes.count) bytes returned for a \(range.count)-byte read at offset \(range.lowerBound)")
        }
        return bytes
    }
}

/// A small mutex without Foundation's NSLock (and its Objective-C bridging on Darwin).
final class Lock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
