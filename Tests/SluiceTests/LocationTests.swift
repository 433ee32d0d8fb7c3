import Foundation
import Synchronization
import Testing
@testable import Sluice

/// Counts the bytes every ranged or whole GET returns, to prove projection reads only what it needs.
final class CountingStore: ObjectStore {
    let inner: any ObjectStore
    let bytesRead = Mutex(0)
    let wholeGets = Mutex(0)
    init(_ inner: any ObjectStore) { self.inner = inner }
    var uri: String { inner.uri }
    func get(_ key: String) throws -> [UInt8] {
        let bytes = try inner.get(key)
        wholeGets.withLock { $0 += 1 }
        bytesRead.withLock { $0 += bytes.count }
        return bytes
    }
    func get(_ key: String, range: Range<Int>) throws -> [UInt8] {
        let bytes = try inner.get(key, range: range)
        bytesRead.withLock { $0 += bytes.count }
        return bytes
    }
    func head(_ key: String) throws -> ObjectMeta { try inner.head(key) }
    func put(_ key: String, _ bytes: [UInt8]) throws { try inner.put(key, bytes) }
    func putIfAbsent(_ key: String, _ bytes: [UInt8]) throws { try inner.putIfAbsent(key, bytes) }
    func writer(_ key: String) throws -> any ObjectWriter { try inner.writer(key) }
    func delete(_ key: String) throws { try inner.delete(key) }
    func list(prefix: String, delimiter: String?, maxKeys: Int, continuationToken: String?) throws -> ListPage {
        try inner.list(prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, continuationToken: continuationToken)
    }
}

@Suite struct LocationTests {
    /// Four wide string columns; only one is projected.
    func writeWideFile(to location: String) throws {
        let schema = Schema((0..<4).map { Field("c\($0)", .string) })
        let columns = (0..<4).map { c in
            Vector(type: .string, values: (0..<20_000).map { .string("column \(c) row \($0) \(UUID().uuidString)") })
        }
        let sink = try Location.sink(location)
        var options = ParquetWriteOptions()
        options.dictionary = false
        let writer = try ParquetWriter(sink: sink, schema: schema, options: options)
        try writer.write(columns: columns)
        try writer.close()
        try sink.commit()
    }

    @Test func objectURIReadsOnlyProjectedRanges() throws {
        let name = "location-test-\(UUID().uuidString)"
        try writeWideFile(to: "memory://\(name)/wide.parquet")
        let store = CountingStore(MemoryStore.named(name))
        let size = try store.head("wide.parquet").size
        var options = ParquetReadOptions()
        options.columns = ["c2"]
        let reader = try ParquetFileReader(source: try ObjectByteSource(store: store, key: "wide.parquet"), options: options)
        var rows = 0
        var batches = reader.makeBatchIterator()
        while let batch = try batches.next() { rows += batch.rowCount }
        #expect(rows == 20_000)
        #expect(store.wholeGets.withLock { $0 } == 0)
        let read = store.bytesRead.withLock { $0 }
        #expect(read < size / 3, "read \(read) of \(size) bytes for one of four columns")
    }

    @Test func localSinkAbortLeavesNothing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("abort-\(UUID().uuidString).parquet").path
        let sink = try Location.sink(path)
        try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try sink.write($0) }
        sink.abort()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func objectSinkIsInvisibleUntilCommit() throws {
        let name = "location-commit-\(UUID().uuidString)"
        let sink = try Location.sink("memory://\(name)/x.bin")
        try [UInt8](repeating: 7, count: 10).withUnsafeBytes { try sink.write($0) }
        #expect(throws: StorageError.self) { try MemoryStore.named(name).head("x.bin") }
        try sink.commit()
        #expect(try MemoryStore.named(name).head("x.bin").size == 10)
    }
}
