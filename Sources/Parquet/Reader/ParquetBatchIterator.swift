import Columnar

/// Streams a file's projected columns as batches of at most `ParquetReadOptions.batchSize` rows (fewer when
/// a leaf's byte-array data would overflow Int32 offsets), one row
/// group at a time (a batch never spans two row groups).
public struct ParquetBatchIterator {
    let reader: ParquetFileReader
    let schema: Schema
    var nextRowGroup = 0
    var current: RowGroupReader?

    init(reader: ParquetFileReader) {
        self.reader = reader
        schema = reader.projectedSchema
    }

    public mutating func next() throws -> Batch? {
        while true {
            if current == nil || current!.isFinished {
                guard nextRowGroup < reader.rowGroupCount else { return nil }
                current = nil  // release the previous row group's chunks first
                current = try RowGroupReader(file: reader, index: nextRowGroup)
                nextRowGroup += 1
            }
            let start = current!.rowsRead
            if let columns = try current!.next(reader.options.batchSize) {
                return Batch(schema: schema, columns: columns, count: current!.rowsRead - start)
            }
        }
    }
}

extension ParquetFileReader {
    public func makeBatchIterator() -> ParquetBatchIterator { ParquetBatchIterator(reader: self) }
}
