/// Where a reader's bytes come from: positional reads, so the same reader serves local files (pread) and
/// object stores (range requests, adapted above this layer).
public protocol ByteSource: Sendable {
    /// Total size in bytes.
    var size: Int { get }
    /// Exactly `count` bytes at `offset`; throws if the range is outside the source.
    func read(offset: Int, count: Int) throws -> [UInt8]
    /// The same bytes into `buffer` (replacing its contents), reusing its storage where the source can:
    /// a scan reads each column's chunks of successive row groups into one array.
    func read(offset: Int, count: Int, into buffer: inout [UInt8]) throws
}

extension ByteSource {
    public func read(offset: Int, count: Int, into buffer: inout [UInt8]) throws {
        buffer = try read(offset: offset, count: count)
    }
}

/// Where a writer's bytes go, in order. The writer never seeks back.
public protocol ByteSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// An in-memory source.
public struct MemorySource: ByteSource {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var size: Int { bytes.count }
    public func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            throw ParquetError(.io, "read of \(count) bytes at offset \(offset) is outside the \(bytes.count)-byte source")
        }
        return Array(bytes[offset..<offset + count])
    }
}

/// An in-memory sink.
public struct MemorySink: ByteSink {
    public var bytes: [UInt8] = []
    public init() {}
    public mutating func write(_ chunk: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: chunk) }
}
