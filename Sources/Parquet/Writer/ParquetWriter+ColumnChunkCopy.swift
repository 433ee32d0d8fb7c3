/// A column chunk of another Parquet file, to be written again verbatim (parquet-mr's `appendColumnChunk`):
/// its pages, dictionary page first if it has one, and its `ColumnMetaData`, whose page offsets are positions
/// in the source file.
public struct ColumnChunkCopy: Sendable {
    /// The chunk's bytes: `metaData.totalCompressedSize` of them.
    public var pages: [UInt8]
    public var metaData: ColumnMetaData

    public init(pages: [UInt8], metaData: ColumnMetaData) {
        self.pages = pages
        self.metaData = metaData
    }

    /// Where the chunk starts in its source file: its dictionary page, else its first data page.
    public var sourceOffset: Int64 { metaData.dictionaryPageOffset.map { Swift.min($0, metaData.dataPageOffset) } ?? metaData.dataPageOffset }

    /// The byte range of the chunk in its source file, checked against the source's size.
    public static func range(of metaData: ColumnMetaData, fileSize: Int) throws -> Range<Int> {
        let start = metaData.dictionaryPageOffset.map { Swift.min($0, metaData.dataPageOffset) } ?? metaData.dataPageOffset
        let (end, overflow) = start.addingReportingOverflow(metaData.totalCompressedSize)
        guard start >= 4, metaData.totalCompressedSize >= 0, !overflow, end <= Int64(fileSize) else {
            throw ParquetError(.corrupt, "column \(metaData.pathInSchema.joined(separator: ".")): chunk at \(start) of \(metaData.totalCompressedSize) bytes lies outside the \(fileSize)-byte file")
        }
        return Int(start)..<Int(end)
    }

    /// The column chunks of row group `rowGroup` of a whole file held in memory (one a writer just wrote into a
    /// `MemorySink`), in leaf order.
    public static func chunks(of file: [UInt8], metadata: FileMetaData, rowGroup: Int) throws -> [ColumnChunkCopy] {
        guard metadata.rowGroups.indices.contains(rowGroup) else {
            throw ParquetError(.invalidArgument, "row group \(rowGroup) does not exist (the file has \(metadata.rowGroups.count))")
        }
        return try metadata.rowGroups[rowGroup].columns.map { column in
            guard let meta = column.metaData else { throw ParquetError(.corrupt, "a column chunk has no meta_data") }
            return ColumnChunkCopy(pages: Array(file[try range(of: meta, fileSize: file.count)]), metaData: meta)
        }
    }
}

extension ParquetWriter {
    /// Writes a row group of `rowCount` rows made of copied column chunks, one per leaf in schema order, after
    /// flushing the rows buffered so far. The pages are not decoded: the caller vouches that they hold
    /// `rowCount` rows of the leaf. Offsets are moved to this file; a source's column bloom filter and page
    /// index are not carried over, so a writer with `writePageIndex` refuses.
    public func appendRowGroup(rowCount: Int, chunks: [ColumnChunkCopy]) throws {
        guard !closed else { throw ParquetError(.invalidArgument, "appendRowGroup after close") }
        guard !options.writePageIndex else {
            throw ParquetError(.unsupported, "copied column chunks carry no page index; the writer writes one")
        }
        guard chunks.count == parquetSchema.leaves.count else {
            throw ParquetError(.invalidArgument, "got \(chunks.count) column chunks for a schema of \(parquetSchema.leaves.count) leaves")
        }
        guard rowCount > 0, rowCount <= Int(Int32.max) else { throw ParquetError(.invalidArgument, "row group of \(rowCount) rows") }
        try flushRowGroup()
        var group = RowGroup()
        group.numRows = Int64(rowCount)
        group.fileOffset = Int64(offset)
        group.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        var compressed: Int64 = 0
        for (chunk, leaf) in zip(chunks, parquetSchema.leaves) {
            group.columns.append(try check(chunk, leaf: leaf, rowCount: rowCount))
            group.totalByteSize &+= chunk.metaData.totalUncompressedSize
            compressed &+= chunk.metaData.totalCompressedSize
            try emit(chunk.pages)
        }
        group.totalCompressedSize = compressed
        rowGroups.append(group)
        pageIndexes.append([])
        totalRows &+= Int64(rowCount)
    }

    /// The chunk's metadata at the current offset, once its type, path and value count match the leaf.
    private func check(_ chunk: ColumnChunkCopy, leaf: LeafDescriptor, rowCount: Int) throws -> ColumnChunk {
        var meta = chunk.metaData
        let column = leaf.pathString
        guard meta.type == leaf.physicalType, meta.pathInSchema == leaf.path else {
            throw ParquetError(.invalidArgument, "copied chunk \(meta.pathInSchema.joined(separator: ".")) (\(meta.type.name)) for column \(column) (\(leaf.physicalType.name))")
        }
        guard leaf.maxRepetitionLevel > 0 || meta.numValues == Int64(rowCount) else {
            throw ParquetError(.invalidArgument, "copied chunk of column \(column) holds \(meta.numValues) values for \(rowCount) rows")
        }
        guard Int64(chunk.pages.count) == meta.totalCompressedSize else {
            throw ParquetError(.invalidArgument, "copied chunk of column \(column): \(chunk.pages.count) bytes, its metadata says \(meta.totalCompressedSize)")
        }
        let shift = Int64(offset) &- chunk.sourceOffset
        meta.dataPageOffset &+= shift
        meta.dictionaryPageOffset = meta.dictionaryPageOffset.map { $0 &+ shift }
        meta.indexPageOffset = nil
        meta.bloomFilterOffset = nil
        meta.bloomFilterLength = nil
        var columnChunk = ColumnChunk()
        columnChunk.fileOffset = Int64(offset)
        columnChunk.metaData = meta
        return columnChunk
    }
}
