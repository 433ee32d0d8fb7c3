import Columnar
import Testing
@testable import Parquet

/// Fixed-width leaves are decoded a batch at a time from the current page (`PageValueCursor`): batches that
/// start mid-page, end mid-page and span page boundaries must read back exactly what was written, for
/// dictionary and PLAIN pages, both page versions, compressed and not, with and without nulls.
@Suite struct ReaderPageCursorTests {
    static let schema = Schema([
        Field("i32", .int32, nullable: false), Field("i64", .int64, nullable: true), Field("f64", .float64, nullable: true),
        Field("money", .decimal(precision: 15, scale: 2), nullable: false), Field("day", .date, nullable: true),
        Field("wide", .decimal(precision: 30, scale: 4), nullable: true),
    ])

    func columns(rows: Int) -> [Vector] {
        var random = RandomData(rng: TestRandom(seed: 17))
        var columns = Self.schema.fields.map { Vector.empty($0.type) }
        for row in 0..<rows {
            for (i, field) in Self.schema.fields.enumerated() {
                // Few distinct values in runs, then many: dictionary pages of both shapes.
                let value = row % 3 == 0 && field.type == .int32 ? Value.int(Int64(row / 500)) : random.value(field, nullRate: 5)
                columns[i].append(value)
            }
        }
        return columns
    }

    @Test(arguments: [CompressionCodec.snappy, .uncompressed, .zstd], [true, false])
    func batchesAcrossPagesReadBack(codec: CompressionCodec, dictionary: Bool) throws {
        let rows = 3_000
        let written = columns(rows: rows)
        for version in [1, 2] {
            var options = ParquetWriteOptions()
            options.codec = codec
            options.dictionary = dictionary
            options.dataPageVersion = version
            options.pageSize = 900
            options.rowGroupRows = 1_300
            let bytes = try writeParquet(Self.schema, written, options: options)
            for batchSize in [1, 7, 333, 2_048] {
                var readOptions = ParquetReadOptions()
                readOptions.batchSize = batchSize
                var iterator = try ParquetFileReader(source: MemorySource(bytes), options: readOptions).makeBatchIterator()
                var row = 0
                while let batch = try iterator.next() {
                    for r in 0..<batch.count {
                        let got = batch.columns.map { $0.value(at: r) }, want = written.map { $0.value(at: row + r) }
                        guard got == want else {
                            Issue.record("\(codec) v\(version) dictionary \(dictionary) batch \(batchSize) row \(row + r): got \(got), want \(want)")
                            return
                        }
                    }
                    row += batch.count
                }
                #expect(row == rows)
            }
        }
    }

    @Test func projectionOfOneColumnReadsBack() throws {
        let written = columns(rows: 2_500)
        var options = ParquetWriteOptions()
        options.pageSize = 512
        let bytes = try writeParquet(Self.schema, written, options: options)
        var readOptions = ParquetReadOptions()
        readOptions.columns = ["money"]
        readOptions.batchSize = 100
        var iterator = try ParquetFileReader(source: MemorySource(bytes), options: readOptions).makeBatchIterator()
        var values: [Value] = []
        while let batch = try iterator.next() { values += (0..<batch.count).map { batch.columns[0].value(at: $0) } }
        #expect(values == (0..<2_500).map { written[3].value(at: $0) })
    }
}
