import Columnar

/// Writes Columnar batches as a Parquet file, streaming: each row group is encoded in memory (pages
/// compressed as they fill) and written to the sink once it is full, so memory is bounded by one row group's
/// encoded chunks. The page index, if asked for, and the footer follow the last row group.
public final class ParquetWriter {
    public let schema: Schema
    public let options: ParquetWriteOptions
    /// The sink, for callers that hand in a value type (e.g. `MemorySink`) and want its bytes back.
    public private(set) var sink: any ByteSink
    /// The footer's key-value metadata: `options.keyValueMetadata` unless changed before `close` (by a writer
    /// whose entries summarize the rows written, such as a bloom filter of their keys).
    public var keyValueMetadata: [KeyValue]
    let parquetSchema: WriterSchema
    /// The Parquet schema the footer lists (what a file must have for its chunks to be copied in).
    public var schemaElements: [SchemaElement] { parquetSchema.elements }
    private let columns: ColumnChunkSlots
    // Internal rather than private for `appendRowGroup` (ParquetWriter+ColumnChunkCopy.swift).
    var offset = 0
    var rowGroups: [RowGroup] = []
    /// Per row group, per leaf: the encoded chunk's page index parts, written at close.
    var pageIndexes: [[(ColumnIndex?, OffsetIndex)]] = []
    private var rowsInGroup = 0
    var totalRows: Int64 = 0
    var closed = false

    public init(sink: any ByteSink, schema: Schema, options: ParquetWriteOptions = .init()) throws {
        try options.validate()
        self.sink = sink
        self.schema = schema
        self.options = options
        keyValueMetadata = options.keyValueMetadata
        parquetSchema = try WriterSchema(schema)
        columns = ColumnChunkSlots(parquetSchema.leaves.map { ColumnChunkWriter(descriptor: $0, options: options) })
        try emit(Array("PAR1".utf8))
    }

    /// Appends the batch's live rows (its selection, if any).
    public func write(_ batch: Batch) throws {
        let rows = batch.selection.map { $0.indices.withUnsafeBufferPointer { ContiguousArray($0.lazy.map { Int32(bitPattern: $0) }) } }
        if let rows {
            for row in rows where row < 0 || Int(row) >= batch.count {
                throw ParquetError(.invalidArgument, "batch selection row \(row) is outside the batch's \(batch.count) rows")
            }
        }
        try write(columns: batch.columns, count: batch.count, rows: rows)
    }

    /// Appends one vector per schema field, all of the same length.
    public func write(columns vectors: [Vector]) throws {
        try write(columns: vectors, count: vectors.first?.count ?? 0, rows: nil)
    }

    private func write(columns vectors: [Vector], count: Int, rows: ContiguousArray<Int32>?) throws {
        guard !closed else { throw ParquetError(.invalidArgument, "write after close") }
        try check(vectors, count: count)
        let total = rows?.count ?? count
        var start = 0
        while start < total {
            let take = Swift.min(total &- start, options.rowGroupRows &- rowsInGroup)
            let slice: ContiguousArray<Int32>?
            if start == 0 && take == total {
                slice = rows
            } else if let rows {
                slice = ContiguousArray(rows[start..<(start &+ take)])
            } else {
                slice = ContiguousArray((start..<(start &+ take)).lazy.map { Int32($0) })
            }
            try append(vectors, rows: slice, count: take)
            start &+= take
        }
    }

    private func check(_ vectors: [Vector], count: Int) throws {
        guard vectors.count == schema.fields.count else {
            throw ParquetError(.invalidArgument, "got \(vectors.count) columns for a schema of \(schema.fields.count) fields")
        }
        for (vector, field) in zip(vectors, schema.fields) {
            guard vector.type == field.type else {
                throw ParquetError(.invalidArgument, "column \(field.name): vector of type \(vector.type) for a field of type \(field.type)")
            }
            guard vector.count >= count else {
                throw ParquetError(.invalidArgument, "column \(field.name): \(vector.count) rows, expected \(count)")
            }
        }
    }

    private func append(_ vectors: [Vector], rows: ContiguousArray<Int32>?, count: Int) throws {
        var shredder = Shredder(descriptors: parquetSchema.leaves)
        for (vector, field) in zip(vectors, schema.fields) {
            try shredder.shred(vector, field: field, rows: rows)
        }
        try encode(shredder.leaves, rows: count)
        rowsInGroup &+= count
        if rowsInGroup >= options.rowGroupRows || columns.estimatedSize >= options.rowGroupBytes {
            try flushRowGroup()
        }
    }

    /// Batches this big or bigger have their leaves encoded on parallel threads; smaller ones would spend more
    /// on the hand-off than they save.
    static let parallelEncodingRows = 1024

    /// Appends each leaf to its chunk writer; with `parallelEncoding` a big batch's leaves are encoded (and their
    /// full pages compressed) concurrently, each by the worker that holds its writer.
    private func encode(_ leaves: [ShreddedLeaf], rows: Int) throws {
        _ = try columns.map(parallel: options.parallelEncoding && rows >= Self.parallelEncodingRows) { try $1.write(leaves[$0]) }
    }

    /// Writes the buffered rows as a row group now (nothing if none are buffered).
    public func flushRowGroup() throws {
        guard rowsInGroup > 0 else { return }
        var group = RowGroup()
        group.numRows = Int64(rowsInGroup)
        group.fileOffset = Int64(offset)
        group.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        var indexes: [(ColumnIndex?, OffsetIndex)] = []
        var uncompressed: Int64 = 0, compressed: Int64 = 0
        let chunks = try columns.map(parallel: options.parallelEncoding && rowsInGroup >= Self.parallelEncodingRows) { try $1.finish() }
        for (i, chunk) in chunks.enumerated() {
            let chunkOffset = offset
            if let dictionaryPage = chunk.dictionaryPage { try emit(dictionaryPage) }
            try emit(chunk.data)
            var meta = chunk.metaData
            if chunk.dictionaryPage != nil { meta.dictionaryPageOffset = Int64(chunkOffset) }
            meta.dataPageOffset = Int64(chunkOffset &+ (chunk.dictionaryPage?.count ?? 0))
            var column = ColumnChunk()
            column.fileOffset = Int64(chunkOffset)
            column.metaData = meta
            group.columns.append(column)
            uncompressed &+= meta.totalUncompressedSize
            compressed &+= meta.totalCompressedSize
            if options.writePageIndex {
                let d = parquetSchema.leaves[i]
                indexes.append((
                    chunk.columnIndex(order: d.order, physicalType: d.physicalType, truncateLength: options.statisticsTruncateLength),
                    chunk.offsetIndex(chunkOffset: chunkOffset)))
            }
        }
        group.totalByteSize = uncompressed
        group.totalCompressedSize = compressed
        rowGroups.append(group)
        pageIndexes.append(indexes)
        totalRows &+= Int64(rowsInGroup)
        rowsInGroup = 0
    }

    /// Flushes the last row group, writes the page index and the footer, and closes a `FileSink`.
    @discardableResult
    public func close() throws -> FileMetaData {
        guard !closed else { throw ParquetError(.invalidArgument, "close called twice") }
        try flushRowGroup()
        if options.writePageIndex { try writePageIndexes() }
        var meta = FileMetaData()
        meta.version = 2
        meta.schema = parquetSchema.elements
        meta.numRows = totalRows
        meta.rowGroups = rowGroups
        meta.keyValueMetadata = keyValueMetadata.isEmpty ? nil : keyValueMetadata
        meta.createdBy = options.createdBy
        meta.columnOrders = Array(repeating: .typeDefinedOrder, count: parquetSchema.leaves.count)
        try emit(Footer.serialize(meta))
        closed = true
        if let file = sink as? FileSink { try file.close() }
        return meta
    }

    /// Column indexes of every chunk, then offset indexes, as arrow writes them; ColumnChunk 4-7 point at them.
    private func writePageIndexes() throws {
        for g in rowGroups.indices {
            for c in rowGroups[g].columns.indices {
                guard let columnIndex = pageIndexes[g][c].0 else { continue }
                let bytes = CompactWriter.encode(columnIndex)
                rowGroups[g].columns[c].columnIndexOffset = Int64(offset)
                rowGroups[g].columns[c].columnIndexLength = Int32(bytes.count)
                try emit(bytes)
            }
        }
        for g in rowGroups.indices {
            for c in rowGroups[g].columns.indices {
                let bytes = CompactWriter.encode(pageIndexes[g][c].1)
                rowGroups[g].columns[c].offsetIndexOffset = Int64(offset)
                rowGroups[g].columns[c].offsetIndexLength = Int32(bytes.count)
                try emit(bytes)
            }
        }
    }

    func emit(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try sink.write($0) }
        offset &+= bytes.count
    }

    private func emit(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeBytes { try sink.write($0) }
        offset &+= buffer.count
    }
}
