import Columnar

/// Reads a Parquet file into Columnar vectors, row group by row group.
///
/// `init` reads and validates the footer and the schema. Projection is by top-level field: only the byte
/// ranges of the projected fields' column chunks are read. Row counts come from the row groups (the
/// footer's `num_rows` can be wrong). A row group is decoded whole, so memory is bounded by one row
/// group's projected chunks and their decoded vectors.
///
/// Immutable once opened, over a thread-safe `ByteSource`: threads may read different row groups of one
/// reader at once (each through its own iterator).
public final class ParquetFileReader: Sendable {
    public let source: ByteSource
    public let options: ParquetReadOptions
    public let metadata: FileMetaData
    /// Columnar schema of all top-level fields.
    public let schema: Schema
    public let parquetSchema: ParquetSchema
    /// The projected top-level fields (indices into `schema.fields`), in file order.
    public let projection: [Int]
    /// Where the footer starts: column chunks must lie before it.
    let pageAreaEnd: Int

    public init(source: ByteSource, options: ParquetReadOptions = .init()) throws {
        self.source = source
        self.options = options
        metadata = try Footer.read(from: source)
        try metadata.requireUnencrypted()
        parquetSchema = try ParquetSchema(elements: metadata.schema, int96AsFixedBinary: options.int96AsFixedBinary)
        schema = parquetSchema.schema
        projection = try ParquetFileReader.resolve(options.columns, in: schema)
        pageAreaEnd = source.size - 8
        try validateRowGroups()
    }

    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// The Columnar schema of the projected fields.
    public var projectedSchema: Schema { Schema(projection.map { schema.fields[$0] }) }

    /// Rows in all row groups.
    public var rowCount: Int { metadata.rowGroups.reduce(0) { $0 + Int($1.numRows) } }

    private static func resolve(_ names: [String]?, in schema: Schema) throws -> [Int] {
        guard let names else { return Array(schema.fields.indices) }
        var indices: [Int] = []
        for name in names {
            guard let index = schema.index(of: name) else {
                let known = schema.fields.map(\.name).joined(separator: ", ")
                throw ParquetError(.invalidArgument, "no column '\(name)' (columns: \(known))")
            }
            if !indices.contains(index) { indices.append(index) }
        }
        return indices.sorted()
    }

    /// Every row group has one chunk per leaf, of the leaf's physical type, and a sane row count.
    private func validateRowGroups() throws {
        for (index, rowGroup) in metadata.rowGroups.enumerated() {
            guard rowGroup.numRows >= 0, rowGroup.numRows <= Int64(Int32.max) else {
                throw ParquetError(.corrupt, "row group \(index) has num_rows \(rowGroup.numRows)")
            }
            guard rowGroup.columns.count == parquetSchema.columns.count else {
                throw ParquetError(.corrupt, "row group \(index) has \(rowGroup.columns.count) column chunks for \(parquetSchema.columns.count) leaves")
            }
        }
    }

    /// The projected top-level columns of row group `index`, whole.
    public func readRowGroup(_ index: Int) throws -> [Vector] {
        guard metadata.rowGroups.indices.contains(index) else {
            throw ParquetError(.invalidArgument, "row group \(index) does not exist (the file has \(rowGroupCount))")
        }
        var rowGroup = try RowGroupReader(file: self, index: index)
        guard let vectors = try rowGroup.next(rowGroup.rowCount) else {
            return projection.map { Vector.empty(schema.fields[$0].type) }
        }
        guard rowGroup.isFinished else {
            throw ParquetError(.unsupported, "row group \(index): byte array data of its \(rowGroup.rowCount) rows exceeds one vector; read it with makeBatchIterator")
        }
        return vectors
    }

    func makeChunkReader(_ chunk: ColumnChunk, descriptor: ColumnDescriptor,
                         reusing buffers: ChunkBuffers? = nil) throws -> ColumnChunkReader {
        guard !chunk.isEncrypted else { throw ParquetError(.encrypted, "the column chunk is encrypted") }
        guard chunk.filePath == nil else {
            throw ParquetError(.unsupported, "the column chunk lives in another file ('\(chunk.filePath!)')")
        }
        guard let metaData = chunk.metaData else { throw ParquetError(.corrupt, "the column chunk has no meta_data") }
        guard metaData.type == descriptor.physicalType else {
            throw ParquetError(.corrupt, "the column chunk is \(metaData.type.name), the schema says \(descriptor.physicalType.name)")
        }
        return try ColumnChunkReader(column: descriptor, metaData: metaData, source: source, limit: pageAreaEnd,
                                     verifyChecksums: options.verifyChecksums, byteLimit: options.byteArrayBatchLimit,
                                     bufferLimit: options.byteArrayBufferLimit, reusing: buffers)
    }
}
