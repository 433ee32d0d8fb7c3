import Foundation
import Storage

/// What a SOURCE argument names: a local folder, a local glob (`in/*.csv`, `in/**/*.json`), an object prefix
/// (`s3://bucket/landing/`), or one file; listed through an object store, so every kind is read alike.
public struct SourceLocation: Sendable {
    public var store: any ObjectStore
    /// Keys must start with this.
    public var prefix: String
    /// A glob over the key (`*` within one path segment, `**` across segments, `?` one byte); nil: every key
    /// under the prefix.
    public var pattern: String?
    /// Every file takes this format; nil: from each file's name (files of no known format are left out).
    public var format: SourceFormat?

    public init(store: any ObjectStore, prefix: String, pattern: String? = nil, format: SourceFormat? = nil) {
        self.store = store
        self.prefix = prefix
        self.pattern = pattern
        self.format = format
    }

    /// Parses `argument`: a path or `file://` URI (folder, glob or file) or an `s3://` / `memory://` prefix.
    public static func parse(_ argument: String, format: SourceFormat? = nil,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SourceLocation {
        if argument.contains("://"), !argument.hasPrefix("file://") {
            // An object prefix: the bucket (or store name) is the store, the rest is the key prefix.
            let scheme = argument.range(of: "://")!
            let rest = argument[scheme.upperBound...]
            let root = rest.prefix { $0 != "/" }
            let key = String(rest.dropFirst(root.count).drop { $0 == "/" })
            let store = try ObjectStores.open(uri: String(argument[..<scheme.upperBound]) + root, environment: environment)
            let (prefix, pattern) = split(glob: key)
            return SourceLocation(store: store, prefix: prefix, pattern: pattern, format: format)
        }
        var path = argument.hasPrefix("file://") ? String(argument.dropFirst("file://".count)) : argument
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        let (fixed, pattern) = split(glob: path)
        var isDirectory: ObjCBool = false
        if pattern == nil, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            // One file: its folder is the store, its name the only key.
            let url = URL(fileURLWithPath: path)
            let store = try LocalStore(root: url.deletingLastPathComponent().path)
            return SourceLocation(store: store, prefix: url.lastPathComponent, pattern: url.lastPathComponent, format: format)
        }
        // The glob's fixed part up to its last slash is the folder; the store is rooted there.
        let folder = pattern == nil ? fixed : String(fixed[..<(fixed.lastIndex(of: "/") ?? fixed.startIndex)])
        // A mistyped source must fail, not read as empty (nor be created as an empty folder by the store).
        guard folder.isEmpty || FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
              folder.isEmpty || isDirectory.boolValue else {
            throw IngestError(.noSources, "source not found: \(argument) (no such file or folder: \(folder))")
        }
        let store = try LocalStore(root: folder.isEmpty ? "/" : folder)
        let relative = pattern.map { String($0.dropFirst(folder.count).drop { $0 == "/" }) }
        let prefix = relative.map { split(glob: $0).prefix } ?? ""
        return SourceLocation(store: store, prefix: prefix, pattern: relative, format: format)
    }

    /// The text before the first glob character, and the whole text as a pattern when it has one.
    static func split(glob: String) -> (prefix: String, pattern: String?) {
        guard let first = glob.firstIndex(where: { "*?".contains($0) }) else { return (glob, nil) }
        return (String(glob[..<first]), glob)
    }

    /// The source's files of a known format, in ingest order (modification time, then name).
    public func list() throws -> [SourceFile] {
        let page = try store.listAll(prefix: prefix)
        var files: [SourceFile] = []
        for meta in page.objects where pattern.map({ Glob.matches(meta.key, pattern: $0) }) ?? true {
            let name = meta.key.split(separator: "/").last.map(String.init) ?? meta.key
            // Hidden and temporary files (a writer's `.x.csv.tmp`, `_SUCCESS`) are not data.
            if name.hasPrefix(".") || name.hasPrefix("_") { continue }
            guard let format = format ?? SourceFormat.detect(name) else { continue }
            files.append(SourceFile(store: store, meta: meta, format: format))
        }
        return files.sorted(by: SourceFile.precedes)
    }
}

/// Shell-style glob matching over `/`-separated keys.
enum Glob {
    static func matches(_ key: String, pattern: String) -> Bool {
        matches(Array(key.utf8)[...], Array(pattern.utf8)[...])
    }

    private static func matches(_ text: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
        guard let p = pattern.first else { return text.isEmpty }
        let rest = pattern.dropFirst()
        switch p {
        case UInt8(ascii: "*"):
            if rest.first == UInt8(ascii: "*") {
                // `**` matches anything, slashes included; `**/` also matches nothing.
                var after = rest.dropFirst()
                if after.first == UInt8(ascii: "/"), matches(text, after.dropFirst()) { return true }
                after = rest.dropFirst()
                return text.indices.contains { matches(text[$0...], after) } || matches(text[text.endIndex...], after)
            }
            var i = text.startIndex
            while true {
                if matches(text[i...], rest) { return true }
                guard i < text.endIndex, text[i] != UInt8(ascii: "/") else { return false }
                i += 1
            }
        case UInt8(ascii: "?"):
            guard let c = text.first, c != UInt8(ascii: "/") else { return false }
            return matches(text.dropFirst(), rest)
        default:
            guard text.first == p else { return false }
            return matches(text.dropFirst(), rest)
        }
    }
}
