#if canImport(Glibc)
import Glibc
#endif
import Storage
import TextFormats

/// Text inputs and outputs for SQL over a local path or an object URI. Objects stream in ranged reads of
/// `chunkBytes`, so a reader's memory stays bounded by its window whatever the object's size.
enum TextInputs {
    static let chunkBytes = 8 << 20

    /// The files a pattern names, in name order: a local glob, or a glob in the last segment of an object URI
    /// (`s3://bucket/dir/*.csv`, listed under `dir/`); anything else is itself.
    static func expand(_ pattern: String) throws -> [String] {
        guard Location.isObjectURI(pattern), let slash = pattern.lastIndex(of: "/") else {
            return try ParquetTableProvider.expand(pattern)
        }
        let glob = String(pattern[pattern.index(after: slash)...])
        guard glob.contains(where: { "*?[".contains($0) }) else { return [pattern] }
        let (store, _) = try ObjectStores.open(objectURI: pattern)
        let base = pattern[..<slash]
        return try store.listAll(prefix: "", delimiter: "/").objects.map(\.key)
            .filter { fnmatch(glob, $0, 0) == 0 }.sorted().map { "\(base)/\($0)" }
    }

    static func input(_ location: String) throws -> any ByteInput {
        guard Location.isObjectURI(location) else { return try FileInput(path: location) }
        let (store, key) = try ObjectStores.open(objectURI: location)
        let size = try store.head(key).size
        var offset = 0
        return ChunkedInput {
            guard offset < size else { return nil }
            let end = min(size, offset + chunkBytes)
            defer { offset = end }
            return try store.get(key, range: offset..<end)
        }
    }
}

/// A `ByteOutput` over a `LocationSink`: a file or object upload that becomes visible on `close()` only.
final class LocationOutput: ByteOutput {
    let sink: LocationSink

    init(_ sink: LocationSink) { self.sink = sink }

    func write(_ bytes: UnsafeRawBufferPointer) throws { try sink.write(bytes) }
    func close() throws { try sink.commit() }
}
