import Dispatch
import Foundation
import Parquet
import SQLExecution
import Testing
@testable import Sluice

/// EXPLAIN ANALYZE's scan lines: files, row groups and bytes read and skipped (by partition values, by
/// statistics) over Parquet files and Hudi tables, next to rows and time.
@Suite struct ExplainAnalyzeTests {
    /// `ids` in row groups of 1,000 rows.
    static func writeFile(_ path: String, ids: Range<Int>) throws {
        let schema = Schema([Field("id", .int64, nullable: false), Field("tag", .string, nullable: false)])
        var options = ParquetWriteOptions()
        options.rowGroupRows = 1_000
        let writer = try ParquetWriter(sink: try FileSink(path: path), schema: schema, options: options)
        let values = ids.map { Value.int(Int64($0)) }, tags = ids.map { Value.string("tag-\($0 % 97)") }
        try writer.write(Batch(schema: schema, columns: [Vector(type: .int64, values: values), Vector(type: .string, values: tags)],
                               count: ids.count))
        _ = try writer.close()
    }

    /// The `key=value` numbers of the first TABLE_SCAN line.
    static func scanCounts(_ engine: SQLEngine, _ sql: String) throws -> [String: Int] {
        let lines = try engine.execute("EXPLAIN ANALYZE " + sql)[0].rows.map { row -> String in
            if case .string(let line) = row[0] { return line }
            return ""
        }
        guard let scan = lines.first(where: { $0.contains("TABLE_SCAN") }) else {
            Issue.record("no TABLE_SCAN in \(lines)")
            return [:]
        }
        var counts: [String: Int] = [:]
        for word in scan.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" }) {
            let parts = word.split(separator: "=")
            if parts.count == 2, let n = Int(parts[1]) { counts[String(parts[0])] = n }
        }
        return counts
    }

    static func directory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "sluice-explain-\(getpid())-\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func parquetScansCountRowGroupsAndFilesSkippedByStatistics() throws {
        let dir = try Self.directory("parquet")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.writeFile(dir + "/a.parquet", ids: 0..<10_000)
        try Self.writeFile(dir + "/b.parquet", ids: 20_000..<25_000)
        let total = try ["a", "b"].reduce(0) { sum, name in
            sum + ((try FileManager.default.attributesOfItem(atPath: dir + "/\(name).parquet")[.size] as? Int) ?? 0)
        }
        let engine = SQLEngine(tableFunctions: FileTableFunctions())
        let c = try Self.scanCounts(engine, "SELECT count(*) FROM read_parquet('\(dir)/*.parquet') WHERE id >= 2500 AND id < 4200")
        #expect(c["rows"] == 1_700)
        #expect(c["files_read"] == 1 && c["files_skipped"] == 1 && c["statistics"] == 1 && c["partition"] == 0)
        #expect(c["row_groups_read"] == 3 && c["row_groups_skipped"] == 12)
        #expect((c["bytes_read"] ?? 0) + (c["bytes_skipped"] ?? 0) == total)
        // Only id is read: the tag chunks of the row groups read count as skipped too.
        #expect((c["bytes_read"] ?? 0) > 0 && (c["bytes_read"] ?? 0) < total / 4)

        let all = try Self.scanCounts(engine, "SELECT count(*), max(tag) FROM read_parquet('\(dir)/*.parquet')")
        #expect(all["files_read"] == 2 && all["files_skipped"] == 0 && all["row_groups_read"] == 15)
        #expect(all["row_groups_skipped"] == 0 && (all["bytes_read"] ?? 0) + (all["bytes_skipped"] ?? 0) == total)
        #expect((all["bytes_read"] ?? 0) > (c["bytes_read"] ?? 0))
    }

    @Test func hudiScansCountPartitionPruning() throws {
        let warehouse = try Self.directory("hudi")
        defer { try? FileManager.default.removeItem(atPath: warehouse) }
        let engine = try SQLWarehouse.engine(uri: warehouse)
        _ = try engine.execute("""
            CREATE TABLE trips (id INT, fare DOUBLE, city STRING) PRIMARY KEY (id) PARTITIONED BY (city);
            INSERT INTO trips VALUES (1, 10.0, 'sf'), (2, 20.0, 'nyc'), (3, 30.0, 'sf'), (4, 40.0, 'la');
            """)
        let city = try Self.scanCounts(engine, "SELECT sum(fare) FROM trips WHERE city = 'sf'")
        #expect(city["rows"] == 2)
        #expect(city["files_read"] == 1 && city["partition"] == 2 && city["statistics"] == 0)
        #expect((city["bytes_skipped"] ?? 0) > 0 && (city["bytes_read"] ?? 0) > 0)

        // No row of the sf file has id > 100: its row group is skipped by statistics, the others by partition.
        let none = try Self.scanCounts(engine, "SELECT count(*) FROM trips WHERE city = 'sf' AND id > 100")
        #expect(none["files_read"] == 0 && none["files_skipped"] == 3 && none["partition"] == 2 && none["statistics"] == 1)
        #expect(none["row_groups_read"] == 0 && none["row_groups_skipped"] == 1)

        let full = try Self.scanCounts(engine, "SELECT count(*) FROM trips")
        #expect(full["files_read"] == 3 && full["files_skipped"] == 0)

        let changes = try Self.scanCounts(engine, "SELECT count(*) FROM hudi_table_changes('trips', 'latest_state', 'earliest')")
        #expect(changes["rows"] == 4 && changes["files_read"] == 3 && changes["row_groups_read"] == 3)
    }

    @Test func memoryTablesShowNoFileCounts() throws {
        let engine = SQLEngine()
        _ = try engine.execute("CREATE TABLE t (x INT); INSERT INTO t VALUES (1), (2)")
        let lines = try engine.execute("EXPLAIN ANALYZE SELECT x FROM t")[0].rows.map { "\($0[0])" }
        #expect(lines.contains { $0.contains("TABLE_SCAN") && $0.contains("rows=2") && !$0.contains("files_read") })
    }

    /// Parallel scan tasks each add their own counts; the merged total is exact.
    @Test func countsFromConcurrentTasksMerge() {
        let metrics = ScanMetrics()
        DispatchQueue.concurrentPerform(iterations: 64) { task in
            for _ in 0..<100 {
                var counts = ScanCounts()
                counts.rowGroupsRead = 1
                counts.bytesRead = task
                metrics.add(counts)
            }
        }
        #expect(metrics.total?.rowGroupsRead == 6_400)
        #expect(metrics.total?.bytesRead == (0..<64).reduce(0, +) * 100)
    }
}
