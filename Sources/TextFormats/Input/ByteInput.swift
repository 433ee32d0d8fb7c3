#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward-only source of bytes: a local file, memory, or a chunked stream (an object-store body).
/// Readers pull from it into their own buffer, so memory stays bounded whatever the input's size.
public protocol ByteInput: AnyObject {
    /// Copies up to `buffer.count` bytes into `buffer` and returns how many; 0 only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Bytes already in memory.
public final class MemoryInput: ByteInput {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + n])) }
        position += n
        return n
    }
}

/// A stream of chunks from a closure (nil at the end): how callers adapt object-store readers without this
/// module importing Storage.
public final class ChunkedInput: ByteInput {
    private let nextChunk: () throws -> [UInt8]?
    private var chunk: [UInt8] = []
    private var position = 0
    private var finished = false

    public init(_ nextChunk: @escaping () throws -> [UInt8]?) { self.nextChunk = nextChunk }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while position == chunk.count {
            if finished { return 0 }
            guard let next = try nextChunk() else {
                finished = true
                return 0
            }
            chunk = next
            position = 0
        }
        let n = min(buffer.count, chunk.count - position)
        chunk.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + n])) }
        position += n
        return n
    }
}

/// A local file read with `read(2)` straight into the reader's window.
public final class FileInput: ByteInput {
    private let descriptor: Int32
    public let path: String
    /// Bytes still to read: the file's size when it was listed, so a file that grows is read as it was.
    private var left: Int

    /// Opens `path` at byte `offset`; `limit` caps how many bytes are read (nil: to the end of the file).
    public init(path: String, offset: Int = 0, limit: Int? = nil) throws {
        self.path = path
        left = limit ?? Int.max
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw TextFormatError.make(.io, "cannot open file '\(path)': \(String(cString: strerror(errno)))")
        }
        if offset > 0, lseek(descriptor, off_t(offset), SEEK_SET) < 0 {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw TextFormatError.make(.io, "cannot seek to byte \(offset) of file '\(path)': \(reason)")
        }
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, left > 0 else { return 0 }
        while true {
            let n = systemRead(descriptor, base, min(buffer.count, left))
            if n >= 0 {
                left -= n
                return n
            }
            if errno == EINTR { continue }
            throw TextFormatError.make(.io, "cannot read file '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

extension ByteInput {
    /// Reads until `buffer` is full or the input ends; returns the bytes read.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var total = 0
        while total < buffer.count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
            if n == 0 { break }
            total += n
        }
        return total
    }

    /// Everything left, as one array (for tests and small inputs).
    public func readAll() throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }
}
