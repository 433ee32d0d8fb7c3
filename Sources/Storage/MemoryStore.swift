import Foundation

/// An in-process store, for tests and scratch warehouses. `memory://name` names a process-wide instance, so
/// every open of the same URI sees the same objects.
public final class MemoryStore: ObjectStore, @unchecked Sendable {
    private struct Entry {
        var bytes: [UInt8]
        var meta: ObjectMeta
    }

    public let uri: String
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var version = 0

    public init(name: String) { uri = "memory://\(name)" }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [String: MemoryStore] = [:]

    /// The process-wide store called `name`, created on first use.
    public static func named(_ name: String) -> MemoryStore {
        registryLock.withLock {
            if let store = registry[name] { return store }
            let store = MemoryStore(name: name)
            registry[name] = store
            return store
        }
    }

    private func entry(_ key: String) throws -> Entry {
        try ObjectKey.validate(key, in: uri)
        guard let entry = lock.withLock({ entries[key] }) else {
            throw StorageError(.notFound, "object not found: \(uri)/\(key)")
        }
        return entry
    }

    public func get(_ key: String) throws -> [UInt8] { try entry(key).bytes }

    public func get(_ key: String, range: Range<Int>) throws -> [UInt8] {
        let bytes = try entry(key).bytes
        let lower = min(max(range.lowerBound, 0), bytes.count)
        return Array(bytes[lower..<max(lower, min(range.upperBound, bytes.count))])
    }

    public func head(_ key: String) throws -> ObjectMeta { try entry(key).meta }

    private func makeEntry(_ key: String, _ bytes: [UInt8]) -> Entry {
        version &+= 1
        let etag = "\"m\(version)\""
        return Entry(bytes: bytes, meta: ObjectMeta(key: key, size: bytes.count, etag: etag, lastModified: Date()))
    }

    public func put(_ key: String, _ bytes: [UInt8]) throws {
        try ObjectKey.validate(key, in: uri)
        lock.withLock { entries[key] = makeEntry(key, bytes) }
    }

    public func putIfAbsent(_ key: String, _ bytes: [UInt8]) throws {
        try ObjectKey.validate(key, in: uri)
        let created: Bool = lock.withLock {
            if entries[key] != nil { return false }
            entries[key] = makeEntry(key, bytes)
            return true
        }
        if !created { throw StorageError(.alreadyExists, "object already exists: \(uri)/\(key)") }
    }

    public func writer(_ key: String) throws -> any ObjectWriter {
        try ObjectKey.validate(key, in: uri)
        return BufferingWriter { [self] bytes in try put(key, bytes) }
    }

    public func delete(_ key: String) throws {
        try ObjectKey.validate(key, in: uri)
        _ = lock.withLock { entries.removeValue(forKey: key) }
    }

    public func list(prefix: String, delimiter: String?, maxKeys: Int,
                     continuationToken: String?) throws -> ListPage {
        let sorted = lock.withLock { entries.values.map(\.meta) }.sorted { ObjectKey.precedes($0.key, $1.key) }
        return ListPaginator(prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, after: continuationToken)
            .page(sorted)
    }
}

/// Collects everything written and publishes it in one call on `finish()`.
final class BufferingWriter: ObjectWriter {
    private var buffer: [UInt8] = []
    private let publish: ([UInt8]) throws -> Void
    private var done = false

    init(publish: @escaping ([UInt8]) throws -> Void) { self.publish = publish }

    func write(_ bytes: UnsafeRawBufferPointer) throws { buffer.append(contentsOf: bytes) }

    func finish() throws {
        guard !done else { return }
        done = true
        try publish(buffer)
        buffer = []
    }

    func abort() {
        done = true
        buffer = []
    }
}
