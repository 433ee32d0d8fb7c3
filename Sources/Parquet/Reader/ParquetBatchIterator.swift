import Columnar

/// Streams a file's projected columns as batches of at most `ParquetReadOptions.batchSize` rows (fewer when
/// a leaf's byte-array data would overflow Int32 offsets), one row
/// group at a time (a batch never spans two row groups).
public struct ParquetBatchIterator {
    let reader: ParquetFileReader
    let schema: Schema
    /// The row groups to read, in order.
    let rowGroups: [Int]
    var nextRowGroup = 0
    var current: RowGroupReader?

    init(reader: ParquetFileReader, rowGroups: [Int]? = nil) {
        self.reader = reader
        schema = reader.projectedSchema
        self.rowGroups = rowGroups ?? Array(0..<reader.rowGroupCount)
    }

    public mutating func next() throws -> Batch? {
        while true {
            if current == nil || current!.isFinished {
                guard nextRowGroup < rowGroups.count else { return nil }
                // The previous row group's chunks go, their buffers serve the next one.
                let buffers = current?.releaseBuffers() ?? [:]
                current = nil
                current = try RowGroupReader(file: reader, index: rowGroups[nextRowGroup], reusing: buffers)
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

    /// Reads only `rowGroups` (pruned by statistics above this layer), in the order given; each must exist.
    public func makeBatchIterator(rowGroups: [Int]) throws -> ParquetBatchIterator {
        if let bad = rowGroups.first(where: { !(0..<rowGroupCount).contains($0) }) {
            throw ParquetError(.invalidArgument, "row group \(bad) does not exist (the file has \(rowGroupCount))")
        }
        return ParquetBatchIterator(reader: self, rowGroups: rowGroups)
    }
}
