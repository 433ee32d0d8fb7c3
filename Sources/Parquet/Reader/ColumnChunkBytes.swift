/// The stored bytes of one column chunk, read in one range request.
///
/// The chunk starts at `dictionary_page_offset` when it is set, positive and before `data_page_offset`,
/// else at `data_page_offset` (many writers leave the dictionary offset unset or 0 even though the chunk
/// starts with a dictionary page; the page iterator recognises it by its type). Writers that undercount
/// `total_compressed_size` (PARQUET-816) are tolerated: a page running past the chunk's end is completed
/// from the source, up to the footer.
struct ColumnChunkBytes {
    let source: ByteSource
    /// File offset of `bytes[0]`.
    let start: Int
    var bytes: [UInt8]
    /// Where the page area of the file ends (the footer starts).
    let limit: Int

    init(source: ByteSource, metaData: ColumnMetaData, limit: Int, reusing storage: consuming [UInt8] = []) throws {
        var start = metaData.dataPageOffset
        if let dictionary = metaData.dictionaryPageOffset, dictionary > 0, dictionary < start { start = dictionary }
        let length = metaData.totalCompressedSize
        guard start >= 4, length >= 0, start < Int64(limit), length <= Int64(limit) - start else {
            throw ParquetError(.corrupt, "column chunk at offset \(start) with \(length) bytes lies outside the \(limit)-byte page area")
        }
        self.source = source
        self.start = Int(start)
        self.limit = limit
        try source.read(offset: Int(start), count: Int(length), into: &storage)
        bytes = storage
    }

    /// Makes sure `bytes` holds `end` bytes, reading past the declared chunk size if the file has them.
    mutating func ensure(_ end: Int) throws {
        guard end > bytes.count else { return }
        guard end <= limit - start else {
            throw ParquetError(.corrupt, "page ends at offset \(start + end), past the page area (\(limit) bytes)")
        }
        bytes += try source.read(offset: start + bytes.count, count: end - bytes.count)
    }
}
