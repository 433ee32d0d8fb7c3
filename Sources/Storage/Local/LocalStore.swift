import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory on the local file system; keys are `/`-separated paths below `root`.
///
/// Durability: a put writes a temporary file in the target directory, fsyncs it, renames it over the key and
/// fsyncs the directory, so a completed put survives a crash and readers never see a partial object.
/// put-if-absent publishes the fsynced temporary file with link(2), which fails with EEXIST when the key exists.
public struct LocalStore: ObjectStore {
    public let root: String
    public var uri: String { "file://\(root)" }
    /// Temporary files start with this; listings skip them.
    static let temporaryPrefix = ".sluice-tmp-"

    /// `root` is created if missing.
    public init(root: String) throws {
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        self.root = URL(fileURLWithPath: absolute).standardizedFileURL.path
        try LocalFile.makeDirectories(self.root)
    }

    func path(_ key: String) throws -> String {
        try ObjectKey.validate(key, in: uri)
        if key.split(separator: "/").contains(where: { $0.hasPrefix(Self.temporaryPrefix) }) {
            throw StorageError(.invalidKey, "invalid key '\(key)' in \(uri): reserved temporary-file name")
        }
        return root + "/" + key
    }

    public func get(_ key: String) throws -> [UInt8] {
        let file = try LocalFile(openForReading: path(key), key: key, store: uri)
        defer { file.close() }
        return try file.read(offset: 0, count: file.size())
    }

    public func get(_ key: String, range: Range<Int>) throws -> [UInt8] {
        let file = try LocalFile(openForReading: path(key), key: key, store: uri)
        defer { file.close() }
        let size = try file.size()
        let lower = min(max(range.lowerBound, 0), size)
        return try file.read(offset: lower, count: max(0, min(range.upperBound, size) - lower))
    }

    public func head(_ key: String) throws -> ObjectMeta {
        let path = try path(key)
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw LocalFile.error(errno == 0 ? ENOENT : errno, "stat", path)
        }
        return Self.meta(key, info)
    }

    static func meta(_ key: String, _ info: stat) -> ObjectMeta {
        let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let etag = "\"\(String(info.st_size, radix: 16))-\(String(nanos, radix: 16))-\(String(info.st_ino, radix: 16))\""
        return ObjectMeta(key: key, size: Int(info.st_size), etag: etag,
                          lastModified: Date(timeIntervalSince1970: Double(nanos) / 1e9))
    }

    public func put(_ key: String, _ bytes: [UInt8]) throws {
        let path = try path(key)
        let temp = try LocalFile.writeTemporary(next: path, bytes)
        try LocalFile.publish(temp, at: path, exclusive: false)
    }

    public func putIfAbsent(_ key: String, _ bytes: [UInt8]) throws {
        let path = try path(key)
        if FileManager.default.fileExists(atPath: path) {
            throw StorageError(.alreadyExists, "object already exists: \(path)")
        }
        let temp = try LocalFile.writeTemporary(next: path, bytes)
        try LocalFile.publish(temp, at: path, exclusive: true)
    }

    public func writer(_ key: String) throws -> any ObjectWriter {
        try LocalObjectWriter(path: path(key))
    }

    public func delete(_ key: String) throws {
        let path = try path(key)
        if unlink(path) != 0 && errno != ENOENT { throw LocalFile.error(errno, "unlink", path) }
    }

    public func list(prefix: String, delimiter: String?, maxKeys: Int,
                     continuationToken: String?) throws -> ListPage {
        // Walk only the deepest directory the prefix names; everything else cannot match.
        let directory = prefix.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            .joined(separator: "/")
        var found: [ObjectMeta] = []
        var visited: Set<DirectoryIdentity> = []
        try walk(directory.isEmpty ? "" : directory + "/", visited: &visited, into: &found)
        found.sort { ObjectKey.precedes($0.key, $1.key) }
        return ListPaginator(prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, after: continuationToken)
            .page(found)
    }

    /// A directory's device and inode: symbolic links are followed (users link files and folders into an
    /// ingest source), and a directory already on the walk is not entered twice, so link cycles end.
    private struct DirectoryIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) { device = UInt64(info.st_dev); inode = UInt64(info.st_ino) }
    }

    private func walk(_ keyPrefix: String, visited: inout Set<DirectoryIdentity>,
                      into found: inout [ObjectMeta]) throws {
        let directory = root + "/" + keyPrefix
        guard let dir = opendir(directory) else {
            if errno == ENOENT || errno == ENOTDIR { return }
            throw LocalFile.error(errno, "opendir", directory)
        }
        defer { closedir(dir) }
        var own = stat()
        if stat(directory, &own) == 0, !visited.insert(DirectoryIdentity(own)).inserted { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." || name.hasPrefix(Self.temporaryPrefix) { continue }
            // stat, not lstat: a link reads as what it points to; a dangling link is skipped.
            var info = stat()
            guard stat(directory + name, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try walk(keyPrefix + name + "/", visited: &visited, into: &found)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                found.append(Self.meta(keyPrefix + name, info))
            }
        }
    }
}
