/// Positional reads of one object, each a ranged GET (or pread): what a Parquet footer-first reader needs, so
/// remote files are never downloaded whole. Its shape matches Parquet's `ByteSource`, so the facade can
/// conform it with an empty extension.
public struct ObjectReader: Sendable {
    public let store: any ObjectStore
    public let key: String
    /// The object's size when the reader was opened.
    public let size: Int

    /// Opens `key` with one HEAD; throws `.notFound` when it does not exist.
    public init(store: any ObjectStore, key: String) throws {
        self.store = store
        self.key = key
        size = try store.head(key).size
    }

    /// Exactly `count` bytes at `offset`; throws `.invalidKey` for a range outside the object, `.io` when the
    /// object shrank underneath us.
    public func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw StorageError(.invalidKey, "read of \(count) bytes at offset \(offset) is outside \(store.uri)/\(key) (\(size) bytes)")
        }
        if count == 0 { return [] }
        let bytes = try store.get(key, range: offset..<(offset + count))
        guard bytes.count == count else {
            throw StorageError(.io, "short read of \(store.uri)/\(key): \(bytes.count) of \(count) bytes at offset \(offset)")
        }
        return bytes
    }
}
