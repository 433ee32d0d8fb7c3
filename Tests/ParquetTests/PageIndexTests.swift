import Testing
@testable import Parquet

@Suite(.enabled(if: ParquetTestingCorpus.available, "shared corpus/parquet/parquet-testing not found: corpus tests skipped"))
struct PageIndexCorpusTests {
    struct WalkedPage {
        var offset: Int64
        var size: Int32
        var rows: Int64
    }

    /// The data pages of a flat column chunk, found by walking its page headers.
    static func walk(_ source: MemorySource, _ meta: ColumnMetaData) throws -> [WalkedPage] {
        var offset = Int(meta.dictionaryPageOffset.flatMap { $0 > 0 ? $0 : nil } ?? meta.dataPageOffset)
        let end = offset + Int(meta.totalCompressedSize)
        var pages: [WalkedPage] = []
        while offset < end {
            let (header, length) = try CompactReader.decode(PageHeader.self, from: source.bytes, at: offset)
            let size = length + Int(header.compressedPageSize)
            let rows = header.dataPageHeader.map { Int64($0.numValues) } ?? header.dataPageHeaderV2.map { Int64($0.numRows) }
            if let rows { pages.append(WalkedPage(offset: Int64(offset), size: Int32(size), rows: rows)) }
            offset += size
        }
        return pages
    }

    @Test(arguments: ["data/alltypes_tiny_pages.parquet", "data/int32_with_null_pages.parquet",
                      "data/fixed_length_byte_array.parquet", "data/data_index_bloom_encoding_stats.parquet"])
    func offsetIndexMatchesThePages(file: String) throws {
        let source = try ParquetTestingCorpus.source(file)
        let metadata = try Footer.read(from: source)
        for chunk in metadata.rowGroups[0].columns {
            let meta = try #require(chunk.metaData)
            let index = try #require(try PageIndex.readOffsetIndex(source: source, chunk: chunk))
            let pages = try Self.walk(source, meta)
            #expect(index.pageLocations.map(\.offset) == pages.map(\.offset))
            #expect(index.pageLocations.map(\.compressedPageSize) == pages.map(\.size))
            var firstRow: Int64 = 0
            var expectedFirstRows: [Int64] = []
            for page in pages {
                expectedFirstRows.append(firstRow)
                firstRow += page.rows
            }
            #expect(index.pageLocations.map(\.firstRowIndex) == expectedFirstRows)
        }
    }

    @Test func columnIndexOfTinyPages() throws {
        let source = try ParquetTestingCorpus.source("data/alltypes_tiny_pages.parquet")
        let metadata = try Footer.read(from: source)
        let chunk = metadata.rowGroups[0].columns[0]  // id: int32
        let index = try #require(try PageIndex.readColumnIndex(source: source, chunk: chunk))
        let offsets = try #require(try PageIndex.readOffsetIndex(source: source, chunk: chunk))
        #expect(index.nullPages.count == offsets.pageLocations.count)
        #expect(index.nullPages.count > 100)
        let leaf = metadata.schema[1]
        for (min, max) in zip(index.minValues, index.maxValues) {
            let lo = Statistics.value(min, leaf, .signed), hi = Statistics.value(max, leaf, .signed)
            #expect(lo != nil && hi != nil && lo!.compare(to: hi!) != 1)
        }
        #expect(index.nullCounts?.allSatisfy { $0 == 0 } == true)
    }

    @Test func columnIndexWithNullPages() throws {
        let source = try ParquetTestingCorpus.source("data/int32_with_null_pages.parquet")
        let metadata = try Footer.read(from: source)
        let index = try #require(try PageIndex.readColumnIndex(source: source, chunk: metadata.rowGroups[0].columns[0]))
        #expect(index.nullPages.contains(true))
        for (i, isNull) in index.nullPages.enumerated() where isNull {
            #expect(index.minValues[i].isEmpty && index.maxValues[i].isEmpty)
        }
        #expect(index.nullCounts != nil)
    }

    @Test func chunksWithoutPageIndexGiveNil() throws {
        let source = try ParquetTestingCorpus.source("data/alltypes_plain.parquet")
        let chunk = try Footer.read(from: source).rowGroups[0].columns[0]
        #expect(try PageIndex.readColumnIndex(source: source, chunk: chunk) == nil)
        #expect(try PageIndex.readOffsetIndex(source: source, chunk: chunk) == nil)
    }
}

@Suite struct PageIndexTests {
    @Test func rangesOutsideTheFileAreCorrupt() {
        var chunk = ColumnChunk()
        chunk.offsetIndexOffset = 90
        chunk.offsetIndexLength = 20
        let error = #expect(throws: ParquetError.self) {
            try PageIndex.readOffsetIndex(source: MemorySource(Array(repeating: 0, count: 100)), chunk: chunk)
        }
        #expect(error?.code == .corrupt)
        chunk.offsetIndexOffset = -5
        #expect(throws: ParquetError.self) { try PageIndex.readOffsetIndex(source: MemorySource(Array(repeating: 0, count: 100)), chunk: chunk) }
    }

    @Test func overlappingPagesAreCorrupt() {
        var index = OffsetIndex()
        index.pageLocations = [PageLocation(offset: 4, compressedPageSize: 100, firstRowIndex: 0),
                               PageLocation(offset: 50, compressedPageSize: 100, firstRowIndex: 10)]
        let body = CompactWriter.encode(index)
        var chunk = ColumnChunk()
        chunk.offsetIndexOffset = 4
        chunk.offsetIndexLength = Int32(body.count)
        let error = #expect(throws: ParquetError.self) {
            try PageIndex.readOffsetIndex(source: MemorySource(Array("PAR1".utf8) + body), chunk: chunk)
        }
        #expect(error?.message.contains("overlaps") == true)
    }

    @Test func encryptedChunksAreRejected() {
        var chunk = ColumnChunk()
        chunk.isEncrypted = true
        chunk.columnIndexOffset = 4
        chunk.columnIndexLength = 4
        let error = #expect(throws: ParquetError.self) { try PageIndex.readColumnIndex(source: MemorySource([UInt8](repeating: 0, count: 16)), chunk: chunk) }
        #expect(error?.code == .encrypted)
    }
}
