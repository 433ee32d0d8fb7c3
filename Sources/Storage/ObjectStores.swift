import Foundation

/// Opens a store from a URI: a plain path or `file:///path` (LocalStore), `s3://bucket/prefix` (S3Store,
/// configured from the environment and AWS profile files), `memory://name` (the process-wide MemoryStore).
public enum ObjectStores {
    public static func open(uri: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any ObjectStore {
        if uri.hasPrefix("s3://") {
            let rest = uri.dropFirst("s3://".count)
            let bucket = rest.prefix { $0 != "/" }
            let prefix = rest.dropFirst(bucket.count).drop { $0 == "/" }
            guard !bucket.isEmpty else { throw StorageError(.invalidURI, "no bucket in '\(uri)'") }
            return try S3Store(bucket: String(bucket), prefix: String(prefix),
                               config: S3Config.resolve(environment: environment))
        }
        if uri.hasPrefix("memory://") {
            let name = String(uri.dropFirst("memory://".count))
            guard !name.isEmpty else { throw StorageError(.invalidURI, "no store name in '\(uri)'") }
            return MemoryStore.named(name)
        }
        if uri.hasPrefix("file://") {
            guard let url = URL(string: uri), url.isFileURL, !url.path.isEmpty else {
                throw StorageError(.invalidURI, "invalid file URI '\(uri)'")
            }
            return try LocalStore(root: url.path)
        }
        if let scheme = uri.range(of: "://") {
            throw StorageError(.invalidURI, "unsupported scheme '\(uri[..<scheme.lowerBound])' in '\(uri)'")
        }
        guard !uri.isEmpty else { throw StorageError(.invalidURI, "empty store location") }
        return try LocalStore(root: uri)
    }

    /// Splits an object URI into its store and key: `s3://b/dir/x.parquet` -> (`s3://b/dir`, `x.parquet`).
    public static func open(objectURI: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> (store: any ObjectStore, key: String) {
        guard let slash = objectURI.lastIndex(of: "/"), objectURI.index(after: slash) < objectURI.endIndex else {
            return (try open(uri: "."), objectURI)
        }
        let base = String(objectURI[..<slash])
        let key = String(objectURI[objectURI.index(after: slash)...])
        if base.hasSuffix(":/") || base.hasSuffix("://") {
            throw StorageError(.invalidURI, "no object key in '\(objectURI)'")
        }
        return (try open(uri: base.isEmpty ? "/" : base, environment: environment), key)
    }
}
