import Columnar
import Foundation
import Testing
@testable import Parquet

/// A batch iterator hands each column's chunk bytes, dictionary storage and page buffer on to the next row
/// group: row groups of different sizes, dictionaries that shrink and grow, and chunks read from a file into
/// a reused array must read back exactly what was written, and must not share memory with earlier batches.
@Suite struct ReaderBufferReuseTests {
    static let schema = Schema([
        Field("id", .int64, nullable: false), Field("price", .decimal(precision: 15, scale: 2), nullable: true),
        Field("day", .date, nullable: false), Field("flag", .string, nullable: false), Field("note", .string, nullable: true),
    ])

    /// Row group g holds values from a range that widens and narrows, so dictionaries change size.
    static func columns(rows: Int) -> [Vector] {
        var columns = schema.fields.map { Vector.empty($0.type) }
        var random = TestRandom(seed: 5)
        for row in 0..<rows {
            let spread = [7, 5_000, 3, 900][(row / 1_000) % 4]
            let pick = Int64(random.next() % UInt64(spread))
            columns[0].append(.int(Int64(row)))
            columns[1].append(row % 13 == 0 ? .null : .decimal(Int128(pick * 101)))
            columns[2].append(.int(9_000 + pick))
            columns[3].append(.string(["A", "N", "R"][Int(pick % 3)]))
            columns[4].append(row % 9 == 0 ? .null : .string("note \(pick)"))
        }
        return columns
    }

    @Test(arguments: [CompressionCodec.snappy, .uncompressed])
    func rowGroupsReadBackFromAFile(codec: CompressionCodec) throws {
        let rows = 6_000
        let written = Self.columns(rows: rows)
        var options = ParquetWriteOptions()
        options.codec = codec
        options.rowGroupRows = 1_000
        options.pageSize = 2_048
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-reuse-\(UUID().uuidString).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ParquetWriter(sink: try FileSink(path: path), schema: Self.schema, options: options)
        try writer.write(columns: written)
        _ = try writer.close()
        var readOptions = ParquetReadOptions()
        readOptions.batchSize = 700
        let reader = try ParquetFileReader(source: try FileSource(path: path), options: readOptions)
        #expect(reader.rowGroupCount == 6)
        var iterator = reader.makeBatchIterator()
        var batches: [Batch] = []
        while let batch = try iterator.next() { batches.append(batch) }
        // Checked after the whole read: a batch sharing a recycled buffer would have been overwritten.
        var row = 0
        for batch in batches {
            for r in 0..<batch.count {
                let got = batch.columns.map { $0.value(at: r) }, want = written.map { $0.value(at: row + r) }
                guard got == want else {
                    Issue.record("\(codec) row \(row + r): got \(got), want \(want)")
                    return
                }
            }
            row += batch.count
        }
        #expect(row == rows)
    }

    @Test func fileSourceReadsIntoAReusedArray() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-reuse-\(UUID().uuidString).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let content = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(content)))
        let source = try FileSource(path: path)
        var buffer: [UInt8] = []
        for (offset, count) in [(0, 5_000), (100, 4_000), (3, 5_500), (9_000, 1_000), (0, 0), (1, 9_999)] {
            try source.read(offset: offset, count: count, into: &buffer)
            #expect(buffer == Array(content[offset..<offset + count]))
        }
        #expect(throws: ParquetError.self) { try source.read(offset: 9_000, count: 1_001, into: &buffer) }
    }
}
