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
        var done = 0
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else {
                    throw ParquetError(.io, "\(path): read at offset \(offset + done) failed: \(got == 0 ? "unexpected end of file" : FileSource.lastError())")
                }
                done += got
            }
            initialized = count
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
