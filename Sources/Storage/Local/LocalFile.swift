import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file descriptor with positional reads and the fsync/rename/link steps of an atomic publish.
struct LocalFile {
    let fd: Int32
    let path: String

    init(openForReading path: String, key: String, store: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.error(errno, "open", path) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            Glibc.close(fd)
            throw StorageError(.notFound, "object not found: \(path) (not a regular file)")
        }
        self.fd = fd
        self.path = path
    }

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    func close() { Glibc.close(fd) }

    func size() throws -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.error(errno, "fstat", path) }
        return Int(info.st_size)
    }

    func read(offset: Int, count: Int) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    initialized = done
                    if n == 0 { throw StorageError(.io, "short read of \(path) at offset \(offset + done)") }
                    throw Self.error(errno, "pread", path)
                }
                done += n
            }
            initialized = count
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Self.error(errno, "write", path) }
            done += n
        }
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw Self.error(errno, "fsync", path) }
    }

    /// A new, empty temporary file in the directory of `target`, which is created if missing.
    static func createTemporary(next target: String) throws -> LocalFile {
        let directory = (target as NSString).deletingLastPathComponent
        try makeDirectories(directory)
        let path = directory + "/" + LocalStore.temporaryPrefix + UUID().uuidString
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error(errno, "create", path) }
        return LocalFile(fd: fd, path: path)
    }

    /// Writes and fsyncs `bytes` into a new temporary file beside `target`; returns its path.
    static func writeTemporary(next target: String, _ bytes: [UInt8]) throws -> String {
        let file = try createTemporary(next: target)
        defer { file.close() }
        do {
            try bytes.withUnsafeBytes { try file.write($0) }
            try file.sync()
        } catch {
            unlink(file.path)
            throw error
        }
        return file.path
    }

    /// Moves the fsynced `temp` to `target` (link(2) when `exclusive`, so an existing target wins), then
    /// fsyncs the directory so the new name is durable. The temporary file is gone afterwards either way.
    static func publish(_ temp: String, at target: String, exclusive: Bool) throws {
        if exclusive {
            defer { unlink(temp) }
            guard link(temp, target) == 0 else {
                if errno == EEXIST { throw StorageError(.alreadyExists, "object already exists: \(target)") }
                throw error(errno, "link", target)
            }
        } else {
            guard rename(temp, target) == 0 else {
                let code = errno
                unlink(temp)
                throw error(code, "rename", target)
            }
        }
        try syncDirectory((target as NSString).deletingLastPathComponent)
    }

    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, "open directory", path) }
        defer { Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw error(errno, "fsync directory", path) }
    }

    static func makeDirectories(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StorageError(.io, "cannot create directory \(path): \(error.localizedDescription)")
        }
    }

    static func error(_ code: Int32, _ operation: String, _ path: String) -> StorageError {
        let text = String(cString: strerror(code))
        switch code {
        case ENOENT, ENOTDIR: return StorageError(.notFound, "object not found: \(path)")
        case EACCES, EPERM: return StorageError(.accessDenied, "\(operation) \(path): \(text)")
        case EEXIST: return StorageError(.alreadyExists, "object already exists: \(path)")
        default: return StorageError(.io, "\(operation) \(path): \(text) (errno \(code))")
        }
    }
}

/// Streams into a temporary file; `finish()` fsyncs and renames it over the key.
final class LocalObjectWriter: ObjectWriter {
    private let file: LocalFile
    private let target: String
    private var done = false

    init(path: String) throws {
        target = path
        file = try LocalFile.createTemporary(next: path)
    }

    deinit { abort() }

    func write(_ bytes: UnsafeRawBufferPointer) throws { try file.write(bytes) }

    func finish() throws {
        guard !done else { return }
        done = true
        defer { file.close() }
        do { try file.sync() } catch { unlink(file.path); throw error }
        try LocalFile.publish(file.path, at: target, exclusive: false)
    }

    func abort() {
        guard !done else { return }
        done = true
        file.close()
        unlink(file.path)
    }
}
