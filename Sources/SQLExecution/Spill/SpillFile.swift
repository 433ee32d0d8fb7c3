#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Columnar

/// A temporary file of batches in a compact raw format: per batch a row count, then per column its vector
/// (`Vector+Spill`). Written once, then read back front to back; the reader deletes the file when done.
final class SpillWriter {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var scratch = ByteBuffer()
    private(set) var batchCount = 0
    private(set) var byteCount = 0

    init(path: String) throws {
        guard let file = fopen(path, "wb") else {
            throw ExecutionError(.io, "cannot create spill file \(path) (errno \(errno))")
        }
        self.path = path
        self.file = file
    }

    deinit { fclose(file) }

    func write(_ batch: Batch) throws {
        let compact = batch.compacted()
        scratch.removeAll()
        scratch.append(Int64(compact.count))
        for column in compact.columns { column.serialize(into: &scratch) }
        let written = scratch.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == scratch.count else {
            throw ExecutionError(.io, "cannot write spill file \(path) (errno \(errno))")
        }
        batchCount += 1
        byteCount += written
    }

    /// Flushes and hands the file to a reader.
    func finish(schema: Schema) throws -> SpillReader {
        guard fflush(file) == 0 else { throw ExecutionError(.io, "cannot flush spill file \(path) (errno \(errno))") }
        return try SpillReader(path: path, schema: schema, batches: batchCount)
    }
}

/// Reads a `SpillWriter`'s batches back in order; deletes the file at the end or when dropped.
final class SpillReader {
    let path: String
    let schema: Schema
    private let file: UnsafeMutablePointer<FILE>
    private var remaining: Int

    init(path: String, schema: Schema, batches: Int) throws {
        guard let file = fopen(path, "rb") else {
            throw ExecutionError(.io, "cannot open spill file \(path) (errno \(errno))")
        }
        self.path = path
        self.schema = schema
        self.file = file
        remaining = batches
    }

    deinit {
        fclose(file)
        unlink(path)
    }

    func next() throws -> Batch? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        var source = SpillSource(file: file, path: path)
        let count = try source.count()
        let columns = try schema.fields.map { try Vector.deserialize($0.type, from: &source) }
        guard columns.allSatisfy({ $0.count == count }) else {
            throw ExecutionError(.io, "spill file \(path): column lengths differ from the batch's \(count) rows")
        }
        return Batch(schema: schema, columns: columns, count: count)
    }
}

/// Bounded reads from a spill file: every length is checked before it allocates.
struct SpillSource {
    let file: UnsafeMutablePointer<FILE>
    let path: String
    static let maxLength = 1 << 40

    mutating func count() throws -> Int {
        var n: Int64 = 0
        guard fread(&n, 8, 1, file) == 1 else { throw truncated() }
        guard n >= 0, n < Self.maxLength else {
            throw ExecutionError(.io, "spill file \(path): bad length \(n)")
        }
        return Int(n)
    }

    mutating func bytes(_ n: Int, into buffer: inout ByteBuffer) throws {
        var got = 0
        buffer.appendUninitialized(capacity: n) { target in
            got = n == 0 ? 0 : fread(target.baseAddress, 1, n, file)
            return got
        }
        guard got == n else { throw truncated() }
    }

    mutating func array<T: BitwiseCopyable>(_ n: Int, of _: T.Type) throws -> ContiguousArray<T> {
        var got = 0
        let values = ContiguousArray<T>(unsafeUninitializedCapacity: n) { target, initialized in
            got = n == 0 ? 0 : fread(target.baseAddress, MemoryLayout<T>.stride, n, file)
            initialized = got
        }
        guard got == n else { throw truncated() }
        return values
    }

    private func truncated() -> ExecutionError { ExecutionError(.io, "spill file \(path) is truncated") }
}
