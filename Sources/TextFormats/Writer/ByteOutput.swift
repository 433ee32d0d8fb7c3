#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where writers put bytes: a local file, memory, or any sink the caller adapts (an object-store upload).
public protocol ByteOutput: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes and releases; writes after `close` are errors.
    func close() throws
}

/// Collects everything in memory.
public final class MemoryOutput: ByteOutput {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
    public func close() throws {}
}

/// Forwards chunks to a closure (an object-store multipart writer, a socket).
public final class ChunkedOutput: ByteOutput {
    private let sink: ([UInt8]) throws -> Void
    public init(_ sink: @escaping ([UInt8]) throws -> Void) { self.sink = sink }
    public func write(_ bytes: UnsafeRawBufferPointer) throws { try sink(Array(bytes)) }
    public func close() throws {}
}

/// A local file, created or truncated.
public final class FileOutput: ByteOutput {
    private var descriptor: Int32
    public let path: String

    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw TextFormatError.make(.io, "cannot create file '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    deinit { if descriptor >= 0 { _ = Glibc.close(descriptor) } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw TextFormatError.make(.io, "file '\(path)' is closed") }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw TextFormatError.make(.io, "cannot write file '\(path)': \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    public func close() throws {
        guard descriptor >= 0 else { return }
        let status = Glibc.close(descriptor)
        descriptor = -1
        if status != 0 { throw TextFormatError.make(.io, "cannot close file '\(path)': \(String(cString: strerror(errno)))") }
    }
}
