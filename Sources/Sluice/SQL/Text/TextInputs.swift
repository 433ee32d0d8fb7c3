import Storage
import TextFormats

/// Text inputs and outputs for SQL over a local path or an object URI. Objects stream in ranged reads of
/// `chunkBytes`, so a reader's memory stays bounded by its window whatever the object's size.
enum TextInputs {
    static let chunkBytes = 8 << 20

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
