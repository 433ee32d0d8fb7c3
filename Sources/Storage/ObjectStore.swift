/// Storage: the object-store protocol and its local-disk, in-memory and S3 implementations.
///
/// Owns: `ObjectStore` (get, ranged get, head, put, streaming put, put-if-absent, delete, list), the URI factory
/// `ObjectStores.open(uri:)`, `StorageError`, and a hand-written S3 client (SigV4, HTTP/1.1, retries, multipart).
/// Must not import Columnar, Parquet or anything above: it knows no file formats.
///
/// The API is synchronous and throwing: the Parquet reader above pulls positional reads synchronously, and the
/// table format's commit is a put-if-absent loop. Calls block the calling thread on I/O, so call them from your
/// own threads, not from tasks on Swift's cooperative pool.
import Foundation

/// What `head` and `list` say about one object.
public struct ObjectMeta: Sendable, Equatable {
    public var key: String
    public var size: Int
    public var etag: String?
    public var lastModified: Date?

    public init(key: String, size: Int, etag: String? = nil, lastModified: Date? = nil) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// One page of a listing. Keys are sorted in byte order (as S3 does); with a delimiter, keys below the next
/// delimiter are rolled up into `commonPrefixes`.
public struct ListPage: Sendable, Equatable {
    public var objects: [ObjectMeta]
    public var commonPrefixes: [String]
    /// Pass back to `list` for the next page; nil on the last page.
    public var continuationToken: String?

    public init(objects: [ObjectMeta], commonPrefixes: [String], continuationToken: String?) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.continuationToken = continuationToken
    }
}

/// A flat namespace of immutable-once-written objects addressed by `/`-separated keys.
public protocol ObjectStore: Sendable {
    /// The store's location, used in messages (`file:///w`, `s3://bucket/prefix`, `memory://name`).
    var uri: String { get }
    /// The whole object.
    func get(_ key: String) throws -> [UInt8]
    /// The bytes in `range`, clamped to the object's end; an empty range reads nothing.
    func get(_ key: String, range: Range<Int>) throws -> [UInt8]
    func head(_ key: String) throws -> ObjectMeta
    /// Writes the whole object atomically: readers see the old object or the new one, never a part.
    func put(_ key: String, _ bytes: [UInt8]) throws
    /// Creates the object only if no object has the key; otherwise throws `.alreadyExists`. Atomic: of N
    /// concurrent creators exactly one succeeds.
    func putIfAbsent(_ key: String, _ bytes: [UInt8]) throws
    /// A writer for a large object, sent in parts as it is written; nothing is visible until `finish()`.
    func writer(_ key: String) throws -> any ObjectWriter
    /// Removes the object; deleting a missing object succeeds.
    func delete(_ key: String) throws
    /// One page of keys starting with `prefix`, sorted; at most `maxKeys` entries (objects plus prefixes).
    func list(prefix: String, delimiter: String?, maxKeys: Int, continuationToken: String?) throws -> ListPage
}

/// A streaming upload. Call `finish()` to publish the object or `abort()` to discard what was written.
public protocol ObjectWriter: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    func finish() throws
    func abort()
}

extension ObjectWriter {
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

extension ObjectStore {
    /// Every page of a listing, concatenated.
    public func listAll(prefix: String, delimiter: String? = nil) throws -> ListPage {
        var all = ListPage(objects: [], commonPrefixes: [], continuationToken: nil)
        var token: String?
        repeat {
            let page = try list(prefix: prefix, delimiter: delimiter, maxKeys: 1000, continuationToken: token)
            all.objects += page.objects
            all.commonPrefixes += page.commonPrefixes
            token = page.continuationToken
        } while token != nil
        return all
    }

    public func exists(_ key: String) throws -> Bool {
        do {
            _ = try head(key)
            return true
        } catch let error as StorageError where error.code == .notFound {
            return false
        }
    }
}
