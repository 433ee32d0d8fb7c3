import Foundation
import Parquet
import SQLExecution
import Testing
import TableFormat
@testable import Sluice

/// SQL filters prune Parquet row groups by statistics: `column op constant` and BETWEEN translate to scan
/// predicates, skipped row groups are never read, and the rows of the kept ones are still filtered exactly.
@Suite struct ScanPruningTests {
    /// 10,000 rows of (id, day) in row groups of 1,000: ids ascend, days are 20000 + id / 10.
    static func writeFile() throws -> String {
        let path = NSTemporaryDirectory() + "sluice-pruning-\(UUID().uuidString).parquet"
        let schema = Schema([Field("id", .int64, nullable: false), Field("day", .date, nullable: false)])
        var options = ParquetWriteOptions()
        options.rowGroupRows = 1_000
        let writer = try ParquetWriter(sink: try FileSink(path: path), schema: schema, options: options)
        for start in stride(from: 0, to: 10_000, by: 2_000) {
            let ids = (start..<start + 2_000).map { Value.int(Int64($0)) }
            let days = (start..<start + 2_000).map { Value.int(Int64(20_000 + $0 / 10)) }
            try writer.write(Batch(schema: schema, columns: [Vector(type: .int64, values: ids), Vector(type: .date, values: days)], count: 2_000))
        }
        _ = try writer.close()
        return path
    }

    static func keptRowGroups(_ path: String, _ filters: [PhysicalExpression]) throws -> [Int] {
        let reader = try ParquetFileReader(source: try FileSource(path: path))
        let predicates = ScanPredicate.pruning(filters, schema: reader.schema)
        return try (0..<reader.rowGroupCount).filter { try ScanPredicate.mayMatch(predicates, reader, rowGroup: $0) }
    }

    @Test func comparisonsAndBetweenPruneRowGroups() throws {
        let path = try Self.writeFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let id = PhysicalExpression.column(0, .int64), day = PhysicalExpression.column(1, .date)
        let range: [PhysicalExpression] = [
            .and([.comparison(.greaterOrEqual, id, .literal(.int(2_500), .int64)),
                  .comparison(.less, id, .literal(.int(4_200), .int64))])]
        #expect(try Self.keptRowGroups(path, range) == [2, 3, 4])
        // Literal on the left: 20150 > day means day < 20150, ids below 1500.
        #expect(try Self.keptRowGroups(path, [.comparison(.greater, .literal(.int(20_150), .date), day)]) == [0, 1])
        let between = PhysicalExpression.between(id, low: .literal(.int(9_000), .int64), high: .literal(.int(12_000), .int64), negated: false)
        #expect(try Self.keptRowGroups(path, [between]) == [9])
        // Shapes that do not translate keep every row group.
        let computed = PhysicalExpression.comparison(.equal, .arithmetic(.add, id, .literal(.int(1), .int64), .int64), .literal(.int(5), .int64))
        #expect(try Self.keptRowGroups(path, [computed]).count == 10)
        #expect(try Self.keptRowGroups(path, [.or([range[0], computed])]).count == 10)
    }

    @Test func prunedScansReturnExactRows() throws {
        let path = try Self.writeFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = SQLEngine(tableFunctions: FileTableFunctions())
        let rows = try engine.execute("""
            SELECT count(*), min(id), max(id) FROM read_parquet('\(path)')
            WHERE id >= 2500 AND id < 4200 AND day BETWEEN DATE '2024-01-01' AND DATE '2030-01-01'
            """)[0].rows
        // Every day (2024-10-04 to 2027-06-30) is in the BETWEEN, so the id range decides.
        #expect(rows == [[.int(1_700), .int(2_500), .int(4_199)]])
        let none = try engine.execute("SELECT count(*) FROM read_parquet('\(path)') WHERE id > 20000")[0].rows
        #expect(none == [[.int(0)]])
    }
}
