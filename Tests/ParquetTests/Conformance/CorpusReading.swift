import Parquet

extension ConformanceRunner {
    /// The real reader: `ParquetFileReader` over a `FileSource`, every batch of the batch iterator summarized.
    static let parquetReader: CorpusFileReader = { path, verifyChecksums, int96Leaves, rawInt96 in
        var options = ParquetReadOptions()
        options.verifyChecksums = verifyChecksums
        options.int96AsFixedBinary = rawInt96
        let reader = try ParquetFileReader(source: try FileSource(path: path), options: options)
        let builder = FileSummaryBuilder(schema: reader.projectedSchema, int96Leaves: int96Leaves)
        var batches = reader.makeBatchIterator()
        while let batch = try batches.next() { try builder.add(batch) }
        return builder.finish()
    }
}
