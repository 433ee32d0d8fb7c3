/// Row-group statistics, page indexes and bloom filters per leaf, for pruning above this layer.
extension ParquetFileReader {
    /// The chunk of leaf `column` in row group `rowGroup`, checked.
    public func columnChunk(rowGroup: Int, column: Int) throws -> ColumnChunk {
        guard metadata.rowGroups.indices.contains(rowGroup) else {
            throw ParquetError(.invalidArgument, "row group \(rowGroup) does not exist (the file has \(rowGroupCount))")
        }
        guard parquetSchema.columns.indices.contains(column) else {
            throw ParquetError(.invalidArgument, "leaf column \(column) does not exist (the file has \(parquetSchema.columns.count))")
        }
        return metadata.rowGroups[rowGroup].columns[column]
    }

    /// Typed min/max and counts of leaf `column` in row group `rowGroup`, following the file's column order
    /// (bounds the order makes untrustworthy are left out); nil when the chunk has no statistics.
    public func statistics(rowGroup: Int, column: Int) throws -> ColumnStatistics? {
        let chunk = try columnChunk(rowGroup: rowGroup, column: column)
        guard let statistics = chunk.metaData?.statistics else { return nil }
        return statistics.interpreted(for: parquetSchema.columns[column].element,
                                      columnOrder: metadata.columnOrder(leaf: column))
    }

    /// The ColumnIndex of the chunk (per-page min/max/null pages), or nil when it has none.
    public func columnIndex(rowGroup: Int, column: Int) throws -> ColumnIndex? {
        try prefixed(rowGroup, column) { try PageIndex.readColumnIndex(source: source, chunk: $0) }
    }

    /// The OffsetIndex of the chunk (page locations and first rows), or nil when it has none.
    public func offsetIndex(rowGroup: Int, column: Int) throws -> OffsetIndex? {
        try prefixed(rowGroup, column) { try PageIndex.readOffsetIndex(source: source, chunk: $0) }
    }

    /// The chunk's split-block bloom filter, or nil when it has none.
    public func bloomFilter(rowGroup: Int, column: Int) throws -> SplitBlockBloomFilter? {
        try prefixed(rowGroup, column) { try SplitBlockBloomFilter.read(from: source, chunk: $0) }
    }

    private func prefixed<T>(_ rowGroup: Int, _ column: Int, _ body: (ColumnChunk) throws -> T) throws -> T {
        let chunk = try columnChunk(rowGroup: rowGroup, column: column)
        do {
            return try body(chunk)
        } catch let error as ParquetError {
            throw error.prefixed("column '\(parquetSchema.columns[column].dottedPath)', row group \(rowGroup)")
        }
    }
}
