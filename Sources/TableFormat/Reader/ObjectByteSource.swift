import Parquet
import Storage

/// A Parquet `ByteSource` over one object of a store: `size` from a HEAD (or a listing), reads as ranged GETs.
public struct ObjectByteSource: ByteSource {
    public let store: any ObjectStore
    public let key: String
    public let size: Int

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
        let bytes: [UInt8]
        do {
            bytes = try store.get(key, range: offset..<offset + count)
        } catch {
            throw ParquetError(.io, "\(store.uri)/\(key): \(error)")
        }
        guard bytes.count == count else {
            throw ParquetError(.io, "\(key): \(bytes.count) bytes returned for a \(count)-byte read at offset \(offset)")
        }
        return bytes
    }
}
