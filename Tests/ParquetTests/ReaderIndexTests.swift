import Columnar
import Testing
@testable import Parquet
import TestSupport

/// Statistics, page index, bloom filters and CRC verification through `ParquetFileReader`.
@Suite(.enabled(if: SharedCorpus.has("parquet"), "needs ../shared/corpus/parquet"))
struct ReaderIndexTests {
    static let corpus = SharedCorpus.path("parquet") + "/"

    func open(_ file: String, verify: Bool = false) throws -> ParquetFileReader {
        var options = ParquetReadOptions()
        options.verifyChecksums = verify
        return try ParquetFileReader(source: try FileSource(path: Self.corpus + file), options: options)
    }

    @Test func rowGroupStatisticsAndPageIndex() throws {
        let reader = try open("generated/features/pageindex-bloom-crc.parquet")
        let statistics = try #require(try reader.statistics(rowGroup: 0, column: 0))
        #expect(statistics.min == .int(1))
        #expect(statistics.max == .int(9999))
        #expect(statistics.nullCount == 0)
        let offsets = try #require(try reader.offsetIndex(rowGroup: 0, column: 0))
        #expect(offsets.pageLocations.first?.firstRowIndex == 0)
        let columnIndex = try #require(try reader.columnIndex(rowGroup: 0, column: 0))
        #expect(columnIndex.nullPages.count == offsets.pageLocations.count)
        #expect(throws: ParquetError.self) { try reader.statistics(rowGroup: 5, column: 0) }
    }

    @Test func checksumsAreVerifiedOnlyWhenAsked() throws {
        let file = "parquet-testing/data/datapage_v1-corrupt-checksum.parquet"
        _ = try open(file).readRowGroup(0)
        let error = #expect(throws: ParquetError.self) { try open(file, verify: true).readRowGroup(0) }
        #expect(error?.code == .checksum)
        #expect(error?.message.contains("row group 0") == true)
        #expect(error?.message.contains("page at offset") == true)
        for good in ["parquet-testing/data/datapage_v1-uncompressed-checksum.parquet",
                     "parquet-testing/data/plain-dict-uncompressed-checksum.parquet",
                     "generated/features/pageindex-bloom-crc.parquet"] {
            let reader = try open(good, verify: true)
            for index in 0..<reader.rowGroupCount { _ = try reader.readRowGroup(index) }
        }
    }

    @Test func rowCountsComeFromRowGroups() throws {
        let reader = try open("generated/features/many-row-groups.parquet")
        var rows = 0
        for index in 0..<reader.rowGroupCount {
            let vectors = try reader.readRowGroup(index)
            #expect(vectors.allSatisfy { $0.count == Int(reader.metadata.rowGroups[index].numRows) })
            rows += vectors.first?.count ?? 0
        }
        #expect(rows == reader.rowCount && reader.rowGroupCount > 1)
    }
}
