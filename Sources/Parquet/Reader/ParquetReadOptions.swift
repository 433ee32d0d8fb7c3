/// What a `ParquetFileReader` reads and how.
public struct ParquetReadOptions: Sendable {
    /// Top-level field names to read, in the file's order; nil reads every field.
    public var columns: [String]? = nil
    /// Verify page CRCs where the writer stored them.
    public var verifyChecksums = false
    /// Rows per batch from `ParquetBatchIterator`.
    public var batchSize = 2048

    public init() {}
}
