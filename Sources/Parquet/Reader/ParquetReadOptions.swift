/// What a `ParquetFileReader` reads and how.
public struct ParquetReadOptions: Sendable {
    /// Top-level field names to read, in the file's order; nil reads every field.
    public var columns: [String]? = nil
    /// Verify page CRCs where the writer stored them.
    public var verifyChecksums = false
    /// Rows per batch from `ParquetBatchIterator`.
    public var batchSize = 2048
    /// Byte-array data per leaf per batch: a batch ends early before a record that would take a leaf past
    /// it (Columnar offsets are Int32). Records are never split. Internal so tests can use a small limit.
    var byteArrayBatchLimit = Int(Int32.max)
    /// Byte-array data one leaf keeps decoded at a time (pages beyond it wait decoded apart). Internal, for tests.
    var byteArrayBufferLimit = Int(Int32.max)

    public init() {}
}
