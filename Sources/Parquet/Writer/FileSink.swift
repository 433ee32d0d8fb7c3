#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local file as a `ByteSink`: creates or truncates `path`, buffers writes, and on `close()` flushes,
/// fsyncs and closes the descriptor.
public final class FileSink: ByteSink {
    public let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferCapacity = 1 << 20

    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error("cannot create", path) }
        buffer.reserveCapacity(bufferCapacity)
    }

    deinit { if descriptor >= 0 { _ = Glibc.close(descriptor) } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw ParquetError(.io, "\(path): write after close") }
        if buffer.count + bytes.count > bufferCapacity { try flush() }
        if bytes.count >= bufferCapacity {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes out buffered bytes.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs to disk and closes. Further writes throw.
    public func close() throws {
        guard descriptor >= 0 else { return }
        try flush()
        guard fsync(descriptor) == 0 else { throw Self.error("cannot sync", path) }
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw Self.error("cannot close", path) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.error("cannot write", path)
            }
            offset += n
        }
    }

    private static func error(_ what: String, _ path: String) -> ParquetError {
        ParquetError(.io, "\(path): \(what): \(String(cString: strerror(errno)))")
    }
}
