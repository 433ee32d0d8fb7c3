import Columnar
import Testing
@testable import Parquet

/// Dictionary-encoded byte-array pages take their bounds from the distinct entries they use: every page's
/// bounds must still be those of its own values, with entries first seen in earlier pages and fallback to PLAIN.
@Suite struct WriterDictionaryStatisticsTests {
    /// Strings from a pool, in an order whose page bounds differ page to page; some long ones share 8-byte
    /// prefixes so the comparison past the prefix decides.
    private func values(_ n: Int, pool: Int, seed: UInt64) -> [String] {
        var rng = seed
        return (0..<n).map { i in
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let pick = Int((rng >> 33) % UInt64(pool))
            return i % 3 == 0 ? "commonprefix-\(pick)" : "v\(pick % (7 + i / 500))"
        }
    }

    private func pageBounds(_ strings: [String], dictionary: Bool, limit: Int) throws -> [(min: [UInt8], max: [UInt8], first: Int64)] {
        let schema = Schema([Field("s", .string, nullable: false)])
        var options = ParquetWriteOptions()
        options.pageSize = 256
        options.dictionary = dictionary
        options.dictionaryPageSizeLimit = limit
        options.writePageIndex = true
        options.statisticsTruncateLength = nil
        let bytes = try writeParquet(schema, [Vector(type: .string, values: strings.map { .string($0) })], options: options)
        let reader = try ParquetFileReader(source: MemorySource(bytes))
        let index = try #require(try reader.columnIndex(rowGroup: 0, column: 0))
        let offsets = try #require(try reader.offsetIndex(rowGroup: 0, column: 0))
        return offsets.pageLocations.indices.map { (index.minValues[$0], index.maxValues[$0], offsets.pageLocations[$0].firstRowIndex) }
    }

    @Test(arguments: [1 << 20, 300])
    func pageBoundsAreThoseOfThePageValues(dictionaryLimit: Int) throws {
        let strings = values(6000, pool: 40, seed: 7)
        let pages = try pageBounds(strings, dictionary: true, limit: dictionaryLimit)
        #expect(pages.count > 3)
        for (i, page) in pages.enumerated() {
            let end = i + 1 < pages.count ? Int(pages[i + 1].first) : strings.count
            let rows = strings[Int(page.first)..<end].map { Array($0.utf8) }
            #expect(page.min == rows.min { $0.lexicographicallyPrecedes($1) })
            #expect(page.max == rows.max { $0.lexicographicallyPrecedes($1) })
        }
        let all = strings.map { Array($0.utf8) }
        #expect(pages.map(\.min).min { $0.lexicographicallyPrecedes($1) } == all.min { $0.lexicographicallyPrecedes($1) })
        #expect(pages.map(\.max).max { $0.lexicographicallyPrecedes($1) } == all.max { $0.lexicographicallyPrecedes($1) })
    }
}
