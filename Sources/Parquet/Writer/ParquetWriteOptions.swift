/// How `ParquetWriter` lays out a file. Defaults follow pyarrow: snappy, dictionary on, 1 MiB pages,
/// statistics on, no page index.
public struct ParquetWriteOptions: Sendable {
    public var codec: CompressionCodec = .snappy
    /// Codec level (zstd 1...22, gzip 1...9); nil = the codec's default.
    public var compressionLevel: Int? = nil
    public var dictionary = true
    /// Once a chunk's dictionary holds more PLAIN bytes than this, the rest of the chunk is written PLAIN.
    public var dictionaryPageSizeLimit = 1 << 20
    /// 1 = DATA_PAGE, 2 = DATA_PAGE_V2.
    public var dataPageVersion = 1
    /// Target uncompressed size of a data page.
    public var pageSize = 1 << 20
    public var rowGroupRows = 1_048_576
    /// A row group is also closed once its encoded chunks reach this many bytes.
    public var rowGroupBytes = 128 << 20
    public var writeStatistics = true
    /// BYTE_ARRAY statistics longer than this are truncated (min down, max up); nil keeps them whole.
    public var statisticsTruncateLength: Int? = 64
    public var writePageIndex = false
    public var writePageChecksum = false
    public var keyValueMetadata: [KeyValue] = []
    public var createdBy = "sluice version 0.1.0"
    /// Encode the column chunks of big batches concurrently, on Dispatch's threads (one per core); the file's
    /// bytes are the same either way. Off: everything on the calling thread.
    public var parallelEncoding = false

    public init() {}

    func validate() throws {
        func bad(_ what: String) -> ParquetError { ParquetError(.invalidArgument, "write options: \(what)") }
        guard dataPageVersion == 1 || dataPageVersion == 2 else { throw bad("dataPageVersion must be 1 or 2, not \(dataPageVersion)") }
        guard pageSize > 0 else { throw bad("pageSize must be positive, not \(pageSize)") }
        guard rowGroupRows > 0 else { throw bad("rowGroupRows must be positive, not \(rowGroupRows)") }
        guard rowGroupBytes > 0 else { throw bad("rowGroupBytes must be positive, not \(rowGroupBytes)") }
        guard dictionaryPageSizeLimit > 0 else { throw bad("dictionaryPageSizeLimit must be positive") }
        let supported: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd]
        guard supported.contains(codec) else { throw bad("codec \(codec.name) is not supported for writing") }
    }
}
