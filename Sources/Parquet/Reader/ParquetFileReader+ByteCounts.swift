/// Byte counts from the footer, for scans that report what they read and what they skipped.
extension ParquetFileReader {
    /// The compressed bytes of the projected fields' column chunks in row group `index` (0 for a row group
    /// that does not exist): what reading it fetches.
    public func projectedChunkBytes(rowGroup index: Int) -> Int {
        guard metadata.rowGroups.indices.contains(index) else { return 0 }
        var total = 0
        for field in projection where parquetSchema.fieldColumns.indices.contains(field) {
            for leaf in parquetSchema.fieldColumns[field] { total += chunkBytes(rowGroup: index, leaf: leaf) }
        }
        return total
    }

    /// The compressed bytes of every column chunk in the file.
    public var allChunkBytes: Int {
        var total = 0
        for (index, rowGroup) in metadata.rowGroups.enumerated() {
            for leaf in rowGroup.columns.indices { total += chunkBytes(rowGroup: index, leaf: leaf) }
        }
        return total
    }

    private func chunkBytes(rowGroup: Int, leaf: Int) -> Int {
        let chunks = metadata.rowGroups[rowGroup].columns
        guard chunks.indices.contains(leaf) else { return 0 }
        // A chunk lies inside the file: bounding it by the file's size keeps a corrupt footer from overflowing.
        return min(max(0, Int(chunks[leaf].metaData?.totalCompressedSize ?? 0)), source.size)
    }
}
