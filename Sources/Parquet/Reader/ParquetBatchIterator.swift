import Columnar

/// Streams a file's projected columns as batches of at most `ParquetReadOptions.batchSize` rows, one row
/// group at a time (a batch never spans two row groups).
public struct ParquetBatchIterator {
    let reader: ParquetFileReader
    let schema: Schema
    var rowGroup = 0
    var columns: [Vector] = []
    var rows = 0
    var position = 0

    init(reader: ParquetFileReader) {
        self.reader = reader
        schema = reader.projectedSchema
    }

    public mutating func next() throws -> Batch? {
        while position >= rows {
            guard rowGroup < reader.rowGroupCount else { return nil }
            columns = try reader.readRowGroup(rowGroup)
            rows = Int(reader.metadata.rowGroups[rowGroup].numRows)
            position = 0
            rowGroup += 1
        }
        let size = max(1, reader.options.batchSize)
        let range = position..<min(rows, position + size)
        position = range.upperBound
        if range.count == rows { return Batch(schema: schema, columns: columns, count: rows) }
        return Batch(schema: schema, columns: columns.map { $0.slice(range) }, count: range.count)
    }
}

extension ParquetFileReader {
    public func makeBatchIterator() -> ParquetBatchIterator { ParquetBatchIterator(reader: self) }
}
