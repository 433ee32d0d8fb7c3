#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local file read with `pread`: positional, so one open descriptor serves every column chunk.
/// Errors name the path.
public struct FileSource: ByteSource {
    /// Owns the descriptor; closes it when the last copy of the source goes away.
    private final class Descriptor: Sendable {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { close(fd) }
    }

    public let path: String
    public let size: Int
    private let handle: Descriptor
    private var descriptor: Int32 { handle.fd }

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ParquetError(.io, "\(path): cannot open: \(FileSource.lastError())") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = FileSource.lastError()
            close(fd)
            throw ParquetError(.io, "\(path): cannot stat: \(message)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ParquetError(.io, "\(path): not a regular file")
        }
        handle = Descriptor(fd)
        size = Int(info.st_size)
    }

    public func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw ParquetError(.io, "\(path): read of \(count) bytes at offset \(offset) is outside the \(size)-byte file")
        }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try readFully(offset: offset, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Reuses `buffer`'s storage when it can hold `count` bytes (only bytes past its current count are
    /// zeroed before the read overwrites them), so reading chunk after chunk does not fault in fresh pages.
    public func read(offset: Int, count: Int, into buffer: inout [UInt8]) throws {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw ParquetError(.io, "\(path): read of \(count) bytes at offset \(offset) is outside the \(size)-byte file")
        }
        guard buffer.capacity >= count else {
            // Room for the next chunks of the column, which are rarely all the same size.
            return buffer = try [UInt8](unsafeUninitializedCapacity: count + count / 8) { fresh, initialized in
                try readFully(offset: offset, into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: fresh[0..<count])))
                initialized = count
            }
        }
        if buffer.count > count {
            buffer.removeLast(buffer.count - count)
        } else if buffer.count < count {
            buffer.append(contentsOf: repeatElement(0, count: count - buffer.count))
        }
        try buffer.withUnsafeMutableBytes { try readFully(offset: offset, into: $0) }
    }

    private func readFully(offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw ParquetError(.io, "\(path): read at offset \(offset + done) failed: \(got == 0 ? "unexpected end of file" : FileSource.lastError())")
            }
            done += got
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
