import Foundation
import Storage

/// The file formats ingest reads.
public enum SourceFormat: String, Sendable, CaseIterable {
    case csv, json, parquet

    /// The format a file name announces (`.csv`, `.tsv`, `.txt`, `.json`, `.jsonl`, `.ndjson`, `.parquet`, each
    /// optionally followed by `.gz`, `.gzip` or `.zst`); nil for anything else.
    public static func detect(_ name: String) -> SourceFormat? {
        var parts = name.lowercased().split(separator: "/").last?.split(separator: ".") ?? []
        if let last = parts.last, ["gz", "gzip", "zst", "zstd"].contains(last) { parts.removeLast() }
        guard parts.count > 1, let ext = parts.last else { return nil }
        switch ext {
        case "csv", "tsv", "txt": return .csv
        case "json", "jsonl", "ndjson": return .json
        case "parquet", "parq": return .parquet
        default: return nil
        }
    }
}

/// One file of a source as a listing saw it. Its identity is its location plus `size` and `version` (the
/// etag, or the modification time when the store has no etag): the same location with another identity is a
/// changed file.
public struct SourceFile: Sendable, Hashable {
    public var store: any ObjectStore
    public var key: String
    public var size: Int
    public var etag: String?
    public var lastModified: Date?
    public var format: SourceFormat

    public init(store: any ObjectStore, meta: ObjectMeta, format: SourceFormat) {
        self.store = store
        key = meta.key
        size = meta.size
        etag = meta.etag
        lastModified = meta.lastModified
        self.format = format
    }

    /// Where the file is, as users and checkpoints name it: the store's URI and the key.
    public var location: String { key.isEmpty ? store.uri : store.uri + "/" + key }

    /// Milliseconds since the epoch of the last modification (0 when unknown): Hudi's streamer checkpoints
    /// DFS sources by this number.
    public var modifiedMillis: Int64 { lastModified.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } ?? 0 }

    /// The etag, else the modification time: what tells a rewritten file from the one ingested.
    public var version: String { etag ?? "mtime:\(modifiedMillis)" }

    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool {
        lhs.location == rhs.location && lhs.size == rhs.size && lhs.version == rhs.version
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(location)
        hasher.combine(size)
    }

    /// Ingest order: by modification time, then name.
    static func precedes(_ a: SourceFile, _ b: SourceFile) -> Bool {
        let (x, y) = (a.lastModified ?? .distantPast, b.lastModified ?? .distantPast)
        return x != y ? x < y : a.location < b.location
    }
}
