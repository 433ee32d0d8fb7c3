import Parquet
import Storage
import TableFormat

/// Where a file argument points: a local path (read with pread, written with fsync) or an object URI
/// (`s3://bucket/key`, `file:///path`, `memory://name/key`), read with range requests (TableFormat's
/// `ObjectByteSource`: Parquet never imports Storage, Storage never learns a format).
public enum Location {
    /// True when `location` names an object store rather than a local path.
    public static func isObjectURI(_ location: String) -> Bool {
        location.contains("://")
    }

    /// A positional byte source over the file or object.
    public static func source(_ location: String) throws -> any ByteSource {
        guard isObjectURI(location) else { return try FileSource(path: location) }
        let (store, key) = try ObjectStores.open(objectURI: location)
        return try ObjectByteSource(store: store, key: key)
    }

    /// A sink writing the file or object. Nothing is visible at `location` until `commit()`.
    public static func sink(_ location: String) throws -> LocationSink {
        guard isObjectURI(location) else { return LocationSink(file: try FileSink(path: location), path: location) }
        let (store, key) = try ObjectStores.open(objectURI: location)
        return LocationSink(object: try store.writer(key))
    }
}

/// A `ByteSink` over a local file or an object upload, with an explicit end: `commit()` makes the bytes
/// durable and visible; `abort()` leaves nothing behind.
public final class LocationSink: ByteSink {
    private let file: FileSink?
    private let path: String?
    private let object: (any ObjectWriter)?

    init(file: FileSink, path: String) {
        self.file = file
        self.path = path
        object = nil
    }

    init(object: any ObjectWriter) {
        self.object = object
        file = nil
        path = nil
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let file { try file.write(bytes) } else { try object!.write(bytes) }
    }

    public func commit() throws {
        if let file { try file.close() } else { try object!.finish() }
    }

    public func abort() {
        if let file, let path {
            try? file.close()
            unlink(path)
        } else {
            object?.abort()
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
