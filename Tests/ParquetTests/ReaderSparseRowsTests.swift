import Columnar
import Testing
@testable import Parquet

/// `ParquetFileReader.values(ofField:rowGroup:rows:)` picks a few rows out of a column chunk without decoding
/// the rest: its values must equal a full decode's at those rows, for PLAIN and dictionary pages, both page
/// versions, compressed and not, with nulls; a corrupt page throws.
@Suite struct ReaderSparseRowsTests {
    static let schema = Schema([
        Field("s", .string, nullable: true), Field("i64", .int64, nullable: true), Field("b", .boolean, nullable: true),
        Field("f64", .float64, nullable: false), Field("day", .date, nullable: true),
        Field("money", .decimal(precision: 15, scale: 2), nullable: true), Field("fixed", .fixedBinary(5), nullable: true),
        Field("i8", .int8, nullable: false),
    ])

    func columns(rows: Int) -> [Vector] {
        var random = RandomData(rng: TestRandom(seed: 23))
        var columns = Self.schema.fields.map { Vector.empty($0.type) }
        for row in 0..<rows {
            for (i, field) in Self.schema.fields.enumerated() {
                // Runs of few distinct values, then many: dictionary pages, and PLAIN once the dictionary is full.
                let value = row < rows / 2 && field.type == .string ? Value.string("v\(row / 97)") : random.value(field, nullRate: 4)
                columns[i].append(value)
            }
        }
        return columns
    }

    @Test(arguments: [CompressionCodec.snappy, .uncompressed], [true, false])
    func pickedRowsEqualAFullDecode(codec: CompressionCodec, dictionary: Bool) throws {
        let rows = 4_000
        let written = columns(rows: rows)
        var rng = TestRandom(seed: 5)
        for version in [1, 2] {
            var options = ParquetWriteOptions()
            options.codec = codec
            options.dictionary = dictionary
            options.dictionaryPageSizeLimit = 600
            options.dataPageVersion = version
            options.pageSize = 700
            options.rowGroupRows = 2_500
            let reader = try ParquetFileReader(source: MemorySource(try writeParquet(Self.schema, written, options: options)))
            #expect(reader.rowGroupCount == 2)
            for group in 0..<reader.rowGroupCount {
                let full = try reader.readRowGroup(group)
                let count = full[0].count
                let picks = [[], [0], [count - 1], Array(0..<count),
                             (0..<count).filter { _ in Int.random(in: 0..<40, using: &rng) == 0 }]
                for rows in picks {
                    for field in Self.schema.fields.indices {
                        let got = try reader.values(ofField: field, rowGroup: group, rows: rows)
                        #expect(got.count == rows.count)
                        for (i, row) in rows.enumerated() where got.value(at: i) != full[field].value(at: row) {
                            Issue.record("\(codec) v\(version) dictionary \(dictionary) group \(group) field \(Self.schema.fields[field].name) row \(row): got \(got.value(at: i)), want \(full[field].value(at: row))")
                            return
                        }
                    }
                }
            }
        }
    }

    @Test func rowsOutOfOrderOrRangeAreRejected() throws {
        let reader = try ParquetFileReader(source: MemorySource(try writeParquet(Self.schema, columns(rows: 50))))
        #expect(throws: ParquetError.self) { try reader.values(ofField: 0, rowGroup: 0, rows: [3, 2]) }
        #expect(throws: ParquetError.self) { try reader.values(ofField: 0, rowGroup: 0, rows: [50]) }
        #expect(throws: ParquetError.self) { try reader.values(ofField: 0, rowGroup: 1, rows: [0]) }
        #expect(throws: ParquetError.self) { try reader.values(ofField: 99, rowGroup: 0, rows: [0]) }
    }

    /// A dictionary-encoded page whose index bit width byte is out of range, and a page header overwritten
    /// with garbage: both throw.
    @Test func corruptPagesThrow() throws {
        let schema = Schema([Field("k", .int64, nullable: false)])
        let values = Vector(type: .int64, values: (0..<1_000).map { .int(Int64($0 % 10)) })
        var options = ParquetWriteOptions()
        options.codec = .uncompressed
        let bytes = try writeParquet(schema, [values], options: options)
        let meta = try #require(try ParquetFileReader(source: MemorySource(bytes)).metadata.rowGroups[0].columns[0].metaData)
        let pageStart = Int(meta.dataPageOffset)
        let (header, length) = try CompactReader.decode(PageHeader.self, from: bytes, at: pageStart, baseOffset: 0)
        #expect(header.type == .dataPage)
        var badWidth = bytes
        badWidth[pageStart + length] = 0xFF
        let reader = try ParquetFileReader(source: MemorySource(badWidth))
        #expect(throws: ParquetError.self) { try reader.values(ofField: 0, rowGroup: 0, rows: [7]) }
        var badHeader = bytes
        for i in pageStart..<pageStart + length { badHeader[i] = 0xFF }
        let garbled = try ParquetFileReader(source: MemorySource(badHeader))
        #expect(throws: ParquetError.self) { try garbled.values(ofField: 0, rowGroup: 0, rows: [7]) }
    }
}
