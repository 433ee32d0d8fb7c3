import Columnar
import Testing
@testable import Parquet

/// Writer -> reader over random schemas (every Columnar type, nulls, nesting), for every codec, with the
/// dictionary on and off, and both data page versions.
@Suite struct WriterRoundTripTests {
    static let codecs: [CompressionCodec] = [.uncompressed, .snappy, .zstd, .gzip]

    @Test(arguments: codecs, [true, false])
    func randomSchemas(codec: CompressionCodec, dictionary: Bool) throws {
        for version in [1, 2] {
            for seed in 0..<6 as Range<UInt64> {
                var data = RandomData(rng: TestRandom(seed: seed &* 7919 &+ UInt64(version)))
                let schema = Schema((0..<6).map { data.field("c\($0)", depth: 3) })
                let rows = Int.random(in: 0...700, using: &data.rng)
                var columns = schema.fields.map { Vector.empty($0.type) }
                for _ in 0..<rows { for i in columns.indices { columns[i].append(data.value(schema.fields[i])) } }
                var options = ParquetWriteOptions()
                options.codec = codec
                options.dictionary = dictionary
                options.dataPageVersion = version
                options.pageSize = 700
                options.rowGroupRows = 256
                options.writePageIndex = seed % 2 == 0
                options.writePageChecksum = true
                options.dictionaryPageSizeLimit = 400
                let bytes = try writeParquet(schema, columns, options: options)
                try expectRoundTrip(bytes, schema: schema, columns: columns, context: "seed \(seed) v\(version)")
            }
        }
    }

    @Test func batchSelectionAndRowGroupSplits() throws {
        let schema = Schema([Field("x", .int64), Field("l", .list(Field("element", .string)))])
        var columns = schema.fields.map { Vector.empty($0.type) }
        for i in 0..<100 {
            columns[0].append(i % 10 == 0 ? .null : .int(Int64(i)))
            columns[1].append(.list((0..<(i % 3)).map { .string("s\($0 + i)") }))
        }
        var options = ParquetWriteOptions()
        options.rowGroupRows = 7
        let writer = try ParquetWriter(sink: MemorySink(), schema: schema, options: options)
        let selection = SelectionVector(ContiguousArray((0..<100).filter { $0 % 3 != 1 }.map(UInt32.init)))
        try writer.write(Batch(schema: schema, columns: columns, selection: selection))
        try writer.write(Batch(schema: schema, columns: columns))
        let meta = try writer.close()
        let expected = selection.indices.map { Int($0) } + Array(0..<100)
        #expect(meta.numRows == Int64(expected.count))
        #expect(meta.rowGroups.allSatisfy { $0.numRows <= 7 })
        let reader = try ParquetFileReader(source: MemorySource((writer.sink as! MemorySink).bytes))
        let got = try readAllRows(reader)
        #expect(got == expected.map { row in columns.map { $0.value(at: row) } })
    }

    private func readAllRows(_ reader: ParquetFileReader) throws -> [[Value]] {
        var rows: [[Value]] = []
        for g in 0..<reader.rowGroupCount {
            let vectors = try reader.readRowGroup(g)
            let n = Int(reader.metadata.rowGroups[g].numRows)
            for r in 0..<n { rows.append(vectors.map { $0.value(at: r) }) }
        }
        return rows
    }

    private func expectRoundTrip(_ bytes: [UInt8], schema: Schema, columns: [Vector], context: String) throws {
        var readOptions = ParquetReadOptions()
        readOptions.verifyChecksums = true
        let reader = try ParquetFileReader(source: MemorySource(bytes), options: readOptions)
        #expect(reader.schema == schema, "\(context)")
        let got = try readAllRows(reader)
        let count = columns.first?.count ?? 0
        #expect(got.count == count, "\(context)")
        for r in 0..<min(count, got.count) {
            let want = columns.map { $0.value(at: r) }
            if got[r] != want {
                Issue.record("\(context) row \(r): got \(got[r]) want \(want)")
                return
            }
        }
    }
}
