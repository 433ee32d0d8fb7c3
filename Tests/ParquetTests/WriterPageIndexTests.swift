import Columnar
import Testing
@testable import Parquet

/// ColumnIndex and OffsetIndex written after the row groups, read back through the reader.
@Suite struct WriterPageIndexTests {
    @Test(arguments: [1, 2])
    func offsetsPointAtPagesAndBoundsMatch(version: Int) throws {
        let schema = Schema([Field("k", .int64, nullable: false), Field("s", .string), Field("l", .list(Field("element", .int32)))])
        var columns = schema.fields.map { Vector.empty($0.type) }
        for i in 0..<3000 {
            columns[0].append(.int(Int64(i)))
            columns[1].append(i >= 1000 && i < 2000 ? .null : .string("v\(100000 + i)"))
            columns[2].append(.list((0..<(i % 4)).map { .int(Int64($0)) }))
        }
        var options = ParquetWriteOptions()
        options.pageSize = 100
        options.dictionary = false
        options.rowGroupRows = 2000
        options.writePageIndex = true
        options.dataPageVersion = version
        let bytes = try writeParquet(schema, columns, options: options)
        let reader = try ParquetFileReader(source: MemorySource(bytes))
        #expect(reader.rowGroupCount == 2)
        for g in 0..<2 {
            for c in 0..<3 {
                let offsets = try #require(try reader.offsetIndex(rowGroup: g, column: c))
                let index = try #require(try reader.columnIndex(rowGroup: g, column: c))
                let chunk = try #require(reader.metadata.rowGroups[g].columns[c].metaData)
                #expect(offsets.pageLocations.count > 1)
                #expect(offsets.pageLocations.first?.firstRowIndex == 0)
                #expect(index.nullPages.count == offsets.pageLocations.count)
                #expect(offsets.pageLocations.first?.offset == chunk.dataPageOffset)
                for location in offsets.pageLocations {
                    let (header, length) = try CompactReader.decode(PageHeader.self, from: bytes, at: Int(location.offset))
                    #expect(Int(location.compressedPageSize) == length + Int(header.compressedPageSize))
                    #expect(header.type == (version == 1 ? .dataPage : .dataPageV2))
                }
                let firsts = offsets.pageLocations.map(\.firstRowIndex)
                #expect(firsts == firsts.sorted() && Set(firsts).count == firsts.count)
            }
        }
        // k is sorted: ascending boundary order, page bounds follow the rows.
        let k = try #require(try reader.columnIndex(rowGroup: 0, column: 0))
        let kOffsets = try #require(try reader.offsetIndex(rowGroup: 0, column: 0))
        #expect(k.boundaryOrder == .ascending)
        for (i, location) in kOffsets.pageLocations.enumerated() {
            #expect(k.minValues[i] == withUnsafeBytes(of: location.firstRowIndex.littleEndian) { Array($0) })
        }
        // s has a run of 1000 nulls in row group 0: some pages are null pages with empty bounds.
        let s = try #require(try reader.columnIndex(rowGroup: 0, column: 1))
        #expect(s.nullPages.contains(true))
        for i in s.nullPages.indices where s.nullPages[i] { #expect(s.minValues[i].isEmpty && s.maxValues[i].isEmpty) }
        #expect(s.nullCounts?.reduce(0, +) == 1000)
    }

    @Test func noPageIndexByDefault() throws {
        let schema = Schema([Field("k", .int64)])
        let bytes = try writeParquet(schema, [Vector(type: .int64, values: [.int(1)])])
        let reader = try ParquetFileReader(source: MemorySource(bytes))
        #expect(try reader.offsetIndex(rowGroup: 0, column: 0) == nil)
        #expect(reader.metadata.rowGroups[0].columns[0].columnIndexOffset == nil)
    }
}
