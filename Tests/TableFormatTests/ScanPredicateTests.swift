import Columnar
import Foundation
import Parquet
import Storage
import Testing
@testable import TableFormat

/// `--where` conditions: parsing against the schema, partition and row-group pruning, and row filtering, each
/// checked against a naive filter of the full snapshot.
@Suite("Scan predicates")
struct ScanPredicateTests {
    static let schema = Schema([Field("id", .int64), Field("name", .string), Field("price", .decimal(precision: 10, scale: 2)),
                                Field("day", .date), Field("at", .timestamp(.microsecond, utc: true)), Field("ok", .boolean)])

    @Test("parses column, operator and a literal typed by the column", arguments: [
        ("id >= 10", "id", ScanPredicate.Operator.greaterOrEqual, ScanLiteral.int(10)),
        ("name = 'a<b = c'", "name", .equal, .bytes(Array("a<b = c".utf8))),
        ("name<>\"x\"", "name", .notEqual, .bytes(Array("x".utf8))),
        ("price < -12.5", "price", .less, .int(-1250)),
        ("day <= 1970-01-11", "day", .lessOrEqual, .int(10)),
        ("at > '1970-01-01 00:00:01.5'", "at", .greater, .int(1_500_000)),
        ("ok != true", "ok", .notEqual, .bool(true)),
    ])
    func parses(_ text: String, _ column: String, _ op: ScanPredicate.Operator, _ literal: ScanLiteral) throws {
        let predicate = try ScanPredicate.parse(text, schema: Self.schema)
        #expect(predicate.column == column)
        #expect(predicate.op == op)
        #expect(predicate.literal == literal)
    }

    @Test("bad conditions name the problem", arguments: [
        ("nope = 1", "no column 'nope'"), ("id = 1.5", "is not an integer"), ("price > 1.005", "at most 2 fraction digits"),
        ("id", "expected 'column op value'"), ("id =", "expected 'column op value'"), ("day = 2024-13-01", "is not a date"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect {
            _ = try ScanPredicate.parse(text, schema: Self.schema)
        } throws: { error in
            (error as? TableFormatError)?.message.contains(message) == true
        }
    }

    @Test("row-group pruning by statistics keeps every group that may match")
    func statistics() throws {
        var stats = ColumnStatistics()
        stats.min = .int(10)
        stats.max = .int(20)
        stats.nullCount = 0
        let cases: [(String, Bool)] = [("id = 9", false), ("id = 10", true), ("id = 21", false), ("id < 10", false),
                                       ("id <= 10", true), ("id > 20", false), ("id >= 20", true), ("id != 15", true)]
        for (text, expected) in cases {
            #expect(try ScanPredicate.parse(text, schema: Self.schema).mayMatch(stats, rowCount: 5) == expected, "\(text)")
        }
        var same = ColumnStatistics()
        (same.min, same.max) = (.int(7), .int(7))
        #expect(try !ScanPredicate.parse("id != 7", schema: Self.schema).mayMatch(same, rowCount: 3))
        same.nullCount = 3
        #expect(try !ScanPredicate.parse("id = 7", schema: Self.schema).mayMatch(same, rowCount: 3), "all NULL")
    }

    @Test("a written table: partitions pruned, rows filtered, NULLs never match")
    func writtenTable() throws {
        let store = MemoryStore(name: "scan-predicates-\(UUID().uuidString)")
        _ = try HudiTable.create(store: store, path: "t", options: WriteFixtures.options())
        let rows: [(Int64, String?, Int64, String)] = (1...60).map { ($0, $0 % 7 == 0 ? nil : "n\($0 % 5)", $0 % 9, ["sf", "nyc", "la"][Int($0) % 3]) }
        try HudiWriteClient(store: store, basePath: "t").write([WriteFixtures.batch(rows)], operation: .insert)
        let table = try HudiTable.open(store: store, path: "t")
        let all = WriteFixtures.expected(rows)
        let cases: [(String, ([Value]) -> Bool)] = [
            ("city = 'sf'", { $0[3] == .string("sf") }), ("id > 40", { if case .int(let v) = $0[0] { v > 40 } else { false } }),
            ("name != 'n1'", { $0[1] != .null && $0[1] != .string("n1") }), ("ts <= 3", { if case .int(let v) = $0[2] { v <= 3 } else { false } }),
        ]
        for (text, keep) in cases {
            let options = HudiReadOptions(filters: [try ScanPredicate.parse(text, schema: table.schema)])
            let scan = try table.snapshot(options: options)
            #expect(try WriteFixtures.rows(scan) == all.filter(keep), "\(text)")
            if text.hasPrefix("city") { #expect(scan.fileSlices.allSatisfy { $0.partitionPath == "sf" }) }
        }
    }

    @Test("a Spark table: hive-style partitions and row groups pruned", .enabled(if: HudiCorpus.available, "needs ../shared/corpus/hudi"))
    func sparkTable() throws {
        let path = try HudiCorpus.unzip("sample_table_cow_v6_complexkeygen_hivestyle")
        let table = try HudiTable.open(store: try LocalStore(root: path.path), path: "")
        func ids(_ text: String) throws -> (ids: [Int32], scan: HudiScan) {
            var scan = try table.snapshot(options: HudiReadOptions(columns: ["id"], filters: [try ScanPredicate.parse(text, schema: table.schema)]))
            var ids: [Int32] = []
            for batch in try scan.collect() {
                for i in 0..<batch.rowCount { if case .int(let v) = batch.columns[0].value(at: batch.physicalRow(i)) { ids.append(Int32(v)) } }
            }
            return (ids.sorted(), scan)
        }
        #expect(try ids("byteField = 10").ids == [1, 3])
        #expect(try ids("byteField = 10").scan.fileSlices.count == 1)
        let late = try ids("timestampField >= '2023-10-01 00:00:00'")
        #expect(late.ids.isEmpty && late.scan.rowGroupsRead == 0 && late.scan.rowGroupsSkipped == 3)
        let low = try ids("id <= 2")
        #expect(low.ids == [1, 2] && low.scan.rowGroupsSkipped == 1)
    }
}
