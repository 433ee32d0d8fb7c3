import Parquet
import Storage

/// A Parquet `ByteSource` over one base file that fetches the file's tail once, large enough for a Hudi footer
/// (whose bloom filter alone is ~430 KB at the default 60,000 entries), and serves every later read inside it
/// from memory. Reading a footer costs one ranged GET, or two when the footer outgrows the first guess; a
/// small file is read whole by that one GET. `prefetchHead` adds the file's first bytes (the leading magic
/// and, in Hudi files, the record key column). Other reads are ranged GETs.
final class BaseFileFooterSource: ByteSource, @unchecked Sendable {
    /// The first tail guess: the default dynamic filter (431,380 base64 bytes) plus schema and row groups.
    static let initialTail = 512 * 1024

    let store: any ObjectStore
    let key: String
    let size: Int
    /// Bytes `tailStart..<size`.
    private let tail: [UInt8]
    private let tailStart: Int
    let metadata: FileMetaData
    /// Bytes `0..<head.count`, once `prefetchHead` ran; guarded by `lock`.
    private var head: [UInt8] = []
    private let lock = Lock()

    init(store: any ObjectStore, key: String, size: Int?) throws {
        self.store = store
        self.key = key
        do {
            self.size = try size ?? store.head(key).size
        } catch {
            throw TableFormatError(.io, "\(store.uri)/\(key): \(error)")
        }
        var tail: [UInt8] = []
        var tailStart = max(0, self.size - BaseFileFooterSource.initialTail)
        metadata = try BaseFileFooterSource.readFooter(store: store, key: key, size: self.size, tail: &tail, tailStart: &tailStart)
        self.tail = tail
        self.tailStart = tailStart
    }

    /// Fetches the tail, extends it once if the footer starts before it, and decodes the footer.
    private static func readFooter(store: any ObjectStore, key: String, size: Int, tail: inout [UInt8],
                                   tailStart: inout Int) throws -> FileMetaData {
        guard size >= 12 else {
            throw TableFormatError(.io, "base file '\(key)' has \(size) bytes, too short for Parquet")
        }
        tail = try fetch(store: store, key: key, tailStart..<size)
        let n = tail.count
        guard Array(tail[(n - 4)...]) == Array("PAR1".utf8) else {
            throw TableFormatError(.io, "base file '\(key)' does not end in the PAR1 magic")
        }
        let length = Int(UInt32(tail[n - 8]) | UInt32(tail[n - 7]) << 8 | UInt32(tail[n - 6]) << 16 | UInt32(tail[n - 5]) << 24)
        guard length <= size - 12 else {
            throw TableFormatError(.io, "base file '\(key)': footer length \(length) exceeds the \(size)-byte file")
        }
        let footerStart = size - 8 - length
        if footerStart < tailStart {
            tail = try fetch(store: store, key: key, footerStart..<tailStart) + tail
            tailStart = footerStart
        }
        do {
            return try Footer.decode(Array(tail[(footerStart - tailStart)..<(tail.count - 8)]), fileOffset: footerStart)
        } catch let error as ParquetError {
            throw TableFormatError(.io, "base file '\(key)': footer at offset \(footerStart): \(error.message)")
        }
    }

    private static func fetch(store: any ObjectStore, key: String, _ range: Range<Int>) throws -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try store.get(key, range: range)
        } catch {
            throw TableFormatError(.io, "\(store.uri)/\(key): \(error)")
        }
        guard bytes.count == range.count else {
            throw TableFormatError(.io, "\(store.uri)/\(key): \(bytes.count) bytes returned for a \(range.count)-byte read at offset \(range.lowerBound)")
        }
        return bytes
    }

    /// Fetches bytes `0..<end` (clamped to where the tail starts) in one GET, for the reads that follow.
    func prefetchHead(through end: Int) throws {
        let end = min(end, tailStart)
        guard end > 0 else { return }
        let bytes = try BaseFileFooterSource.fetch(store: store, key: key, 0..<end)
        lock.withLock { head = bytes }
    }

    func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw ParquetError(.io, "read of \(count) bytes at offset \(offset) is outside \(key) (\(size) bytes)")
        }
        if offset >= tailStart {
            return Array(tail[(offset - tailStart)..<(offset - tailStart + count)])
        }
        if let bytes = lock.withLock({ offset + count <= head.count ? Array(head[offset..<(offset + count)]) : nil }) {
            return bytes
        }
        do {
            return try BaseFileFooterSource.fetch(store: store, key: key, offset..<offset + count)
        } catch let error as TableFormatError {
            throw ParquetError(.io, error.message)
        }
    }
}
