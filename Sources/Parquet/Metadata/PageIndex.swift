/// Reading the page index (ColumnIndex, OffsetIndex) of a column chunk. Writers put it after the row groups
/// and before the footer; `ColumnChunk` fields 4-7 locate it.
public enum PageIndex {
    /// The chunk's ColumnIndex, or nil when it has none.
    public static func readColumnIndex(source: ByteSource, chunk: ColumnChunk) throws -> ColumnIndex? {
        guard let bytes = try readRange(source, chunk, chunk.columnIndexOffset, chunk.columnIndexLength, "column index")
        else { return nil }
        return try decode(ColumnIndex.self, bytes, at: chunk.columnIndexOffset ?? 0, "column index").0
    }

    /// The chunk's OffsetIndex, or nil when it has none. Page offsets and first rows must increase.
    public static func readOffsetIndex(source: ByteSource, chunk: ColumnChunk) throws -> OffsetIndex? {
        guard let bytes = try readRange(source, chunk, chunk.offsetIndexOffset, chunk.offsetIndexLength, "offset index")
        else { return nil }
        let index = try decode(OffsetIndex.self, bytes, at: chunk.offsetIndexOffset ?? 0, "offset index").0
        var previous: PageLocation?
        for page in index.pageLocations {
            if let p = previous, page.offset < p.offset + Int64(p.compressedPageSize) || page.firstRowIndex < p.firstRowIndex {
                throw ParquetError(.corrupt, "offset index at \(chunk.offsetIndexOffset ?? 0): page at \(page.offset) "
                    + "(first row \(page.firstRowIndex)) overlaps or precedes the page at \(p.offset) (first row \(p.firstRowIndex))")
            }
            previous = page
        }
        return index
    }

    private static func readRange(
        _ source: ByteSource, _ chunk: ColumnChunk, _ offset: Int64?, _ length: Int32?, _ what: String
    ) throws -> [UInt8]? {
        guard let offset, let length else { return nil }
        if chunk.isEncrypted { throw ParquetError(.encrypted, "\(what) of an encrypted column is not supported") }
        guard offset >= 4, length > 0, offset <= Int64(source.size) - Int64(length) else {
            throw ParquetError(.corrupt, "\(what) at offset \(offset) of \(length) bytes is outside the \(source.size)-byte file")
        }
        return try source.read(offset: Int(offset), count: Int(length))
    }

    static func decode<T: ThriftStruct>(
        _ type: T.Type, _ bytes: [UInt8], at offset: Int64, _ what: String
    ) throws -> (T, Int) {
        do {
            return try CompactReader.decode(T.self, from: bytes, baseOffset: Int(offset))
        } catch let error as ParquetError {
            throw error.prefixed("\(what) at \(offset)")
        }
    }
}
