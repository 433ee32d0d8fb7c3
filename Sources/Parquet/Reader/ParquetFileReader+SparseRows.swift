import Columnar

extension ParquetFileReader {
    /// Whether top-level field `field` is a primitive column (one leaf, not repeated): what `values(ofField:)` reads.
    public func isFlatPrimitive(field: Int) -> Bool {
        guard parquetSchema.shapes.indices.contains(field), case .leaf(let column, _) = parquetSchema.shapes[field] else { return false }
        return parquetSchema.columns[column].maxRepetitionLevel == 0
    }

    /// The values of top-level primitive field `field` in row group `rowGroup` at `rows` (ascending, distinct),
    /// one per row, in `rows` order. Only the pages holding those rows are decompressed and only their values
    /// are decoded (see `ColumnChunkReader.sparseValues`), so checking a few thousand rows of a million-row
    /// column costs a fraction of reading it.
    public func values(ofField field: Int, rowGroup: Int, rows: [Int]) throws -> Vector {
        guard metadata.rowGroups.indices.contains(rowGroup) else {
            throw ParquetError(.invalidArgument, "row group \(rowGroup) does not exist (the file has \(rowGroupCount))")
        }
        guard parquetSchema.shapes.indices.contains(field), case .leaf(let column, _) = parquetSchema.shapes[field] else {
            throw ParquetError(.invalidArgument, "field \(field) is not a top-level primitive column")
        }
        let rowCount = Int(metadata.rowGroups[rowGroup].numRows)
        for (i, row) in rows.enumerated() where row < 0 || row >= rowCount || (i > 0 && rows[i - 1] >= row) {
            throw ParquetError(.invalidArgument, "row \(row) is out of order or outside the row group's \(rowCount) rows")
        }
        let descriptor = parquetSchema.columns[column]
        do {
            var chunk = try makeChunkReader(metadata.rowGroups[rowGroup].columns[column], descriptor: descriptor)
            guard chunk.expectedLevels == rowCount else {
                throw ParquetError(.corrupt, "the chunk holds \(chunk.expectedLevels) values for \(rowCount) rows")
            }
            let (values, validity) = try chunk.sparseValues(at: rows)
            guard values.count == rows.count - validity.nullCount else {
                throw ParquetError(.corrupt, "picked \(values.count) values for \(rows.count - validity.nullCount) non-null rows")
            }
            return try values.vector(as: descriptor).spread(into: validity)
        } catch let error as ParquetError {
            throw error.prefixed("column '\(descriptor.dottedPath)', row group \(rowGroup)")
        }
    }
}
