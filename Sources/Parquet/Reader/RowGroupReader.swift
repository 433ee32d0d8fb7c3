import Columnar

/// The projected column chunks of one row group (their compressed bytes in memory), decoded and
/// assembled a number of rows at a time.
struct RowGroupReader {
    let file: ParquetFileReader
    let index: Int
    let rowCount: Int
    var rowsRead = 0
    var chunks: [Int: ColumnChunkReader] = [:]

    /// `reusing`: buffers of the previous row group's chunk readers, by leaf column.
    init(file: ParquetFileReader, index: Int, reusing buffers: [Int: ChunkBuffers] = [:]) throws {
        self.file = file
        self.index = index
        let rowGroup = file.metadata.rowGroups[index]
        rowCount = Int(rowGroup.numRows)
        guard rowCount > 0 else { return }
        for field in file.projection {
            for column in file.parquetSchema.fieldColumns[field] {
                let descriptor = file.parquetSchema.columns[column]
                chunks[column] = try Self.prefixed(descriptor, rowGroup: index) {
                    try file.makeChunkReader(rowGroup.columns[column], descriptor: descriptor, reusing: buffers[column])
                }
            }
        }
    }

    var isFinished: Bool { rowsRead >= rowCount }

    /// Hands the chunk readers' buffers on (see `ColumnChunkReader.releaseBuffers`); the reader is done.
    mutating func releaseBuffers() -> [Int: ChunkBuffers] {
        var buffers: [Int: ChunkBuffers] = [:]
        for column in Array(chunks.keys) { buffers[column] = chunks[column]!.releaseBuffers() }
        chunks = [:]
        return buffers
    }

    /// The projected top-level vectors of the next `maxRows` rows (fewer at the end or when a leaf's
    /// byte-array data would pass its limit), or nil when done.
    mutating func next(_ maxRows: Int) throws -> [Vector]? {
        guard !isFinished else { return nil }
        var rows = min(max(1, maxRows), rowCount - rowsRead)
        for field in file.projection {
            for column in file.parquetSchema.fieldColumns[field] {
                let descriptor = file.parquetSchema.columns[column]
                rows = try Self.prefixed(descriptor, rowGroup: index) { try min(rows, chunks[column]!.prepareRecords(rows)) }
            }
        }
        guard rows > 0 else {
            throw ParquetError(.corrupt, "row group \(index): the column chunks end after \(rowsRead) of \(rowCount) rows")
        }
        var vectors: [Vector] = []
        for field in file.projection {
            var leaves: [Int: LeafColumnData] = [:]
            for column in file.parquetSchema.fieldColumns[field] {
                let descriptor = file.parquetSchema.columns[column]
                leaves[column] = try Self.prefixed(descriptor, rowGroup: index) { try chunks[column]!.takeRecords(rows) }
            }
            let assembler = RecordAssembler(shape: file.parquetSchema.shapes[field], field: file.schema.fields[field],
                                            columns: file.parquetSchema.columns)
            do {
                vectors.append(try assembler.assemble(leaves, rowCount: rows))
            } catch let error as ParquetError {
                throw error.prefixed("row group \(index), rows \(rowsRead)..<\(rowsRead + rows)")
            }
        }
        rowsRead += rows
        return vectors
    }

    /// Static: a method call would borrow a copy of `self` beside the closure's mutable access, which makes
    /// `chunks` non-unique and copies every chunk reader on each call.
    private static func prefixed<T>(_ descriptor: ColumnDescriptor, rowGroup: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ParquetError {
            throw error.prefixed("column '\(descriptor.dottedPath)', row group \(rowGroup)")
        }
    }
}
