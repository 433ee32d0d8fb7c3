/// What a `ParquetFileReader` reads and how.
public struct ParquetReadOptions: Sendable {
    /// Top-level field names to read, in the file's order; nil reads every field.
    public var columns: [String]? = nil
    /// Verify page CRCs where the writer stored them.
    public var verifyChecksums = false
    /// Read INT96 columns as their raw 12 bytes (`fixedBinary(12)`: 8-byte little-endian nanoseconds of the
    /// day, then the 4-byte little-endian Julian day) instead of `timestamp(ns)`. The default conversion wraps
    /// values outside Int64 nanoseconds (years before 1677 or after 2262, as Spark and pyarrow do); raw mode
    /// keeps every value exactly.
    public var int96AsFixedBinary = false
    /// Rows per batch from `ParquetBatchIterator`.
    public var batchSize = 2048
    /// Byte-array data per leaf per batch: a batch ends early before a record that would take a leaf past
    /// it (Columnar offsets are Int32). Records are never split. Internal so tests can use a small limit.
    var byteArrayBatchLimit = Int(Int32.max)
    /// Byte-array data one leaf keeps decoded at a time (pages beyond it wait decoded apart). Internal, for tests.
    var byteArrayBufferLimit = Int(Int32.max)

    public init() {}
}
