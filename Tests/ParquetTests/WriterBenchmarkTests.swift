import Columnar
import Foundation
import Testing
@testable import Parquet

/// TPC-H lineitem-like columns, written with the default options. Opt-in (SLUICE_BENCH=1, best in -c release):
/// it prints the write time and leaves the file at /tmp/sluice-writer-bench.parquet so
/// scripts/interop/writer_bench.py can time pyarrow's write_table on the same data.
@Suite struct WriterBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SLUICE_BENCH"] != nil))
    func lineitemLikeColumns() throws {
        let rows = 2_000_000
        var rng = TestRandom(seed: 42)
        let schema = Schema([
            Field("l_orderkey", .int64, nullable: false), Field("l_partkey", .int64, nullable: false),
            Field("l_quantity", .decimal(precision: 15, scale: 2), nullable: false),
            Field("l_extendedprice", .decimal(precision: 15, scale: 2), nullable: false),
            Field("l_shipdate", .date, nullable: false),
            Field("l_shipmode", .string, nullable: false), Field("l_comment", .string, nullable: false),
        ])
        let batches = stride(from: 0, to: rows, by: 65_536).map { offset in
            Self.lineitem(rows: min(65_536, rows - offset), firstRow: offset, rng: &rng)
        }
        var best = Double.infinity
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let writer = try ParquetWriter(sink: try FileSink(path: "/tmp/sluice-writer-bench.parquet"), schema: schema)
            for batch in batches { try writer.write(columns: batch) }
            try writer.close()
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        print("sluice write: \(rows) rows in \(String(format: "%.3f", best)) s")
    }

    private static func lineitem(rows: Int, firstRow: Int, rng: inout TestRandom) -> [Vector] {
        var orderkey = ByteBuffer(), partkey = ByteBuffer(), quantity = ByteBuffer(), price = ByteBuffer(), date = ByteBuffer()
        var modeBytes = ByteBuffer(), modeOffsets: ContiguousArray<Int32> = [0]
        var commentBytes = ByteBuffer(), commentOffsets: ContiguousArray<Int32> = [0]
        let modes = ["AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB", "REG AIR"].map { Array($0.utf8) }
        let words = ["furiously", "carefully", "regular", "deposits", "sleep", "quickly", "ironic", "packages", "final", "accounts"].map { Array($0.utf8) }
        for r in 0..<rows {
            let i = firstRow + r
            orderkey.append(Int64(i / 4 + 1))
            partkey.append(Int64.random(in: 1...200_000, using: &rng))
            quantity.append(Int64.random(in: 1...50, using: &rng) * 100)
            price.append(Int64.random(in: 90_000...10_000_000, using: &rng))
            date.append(Int32.random(in: 8000...10_500, using: &rng))
            modeBytes.append(contentsOf: modes[Int(rng.next() % 7)])
            modeOffsets.append(Int32(modeBytes.count))
            for w in 0..<Int.random(in: 2...5, using: &rng) {
                if w > 0 { commentBytes.append(UInt8(0x20)) }
                commentBytes.append(contentsOf: words[Int(rng.next() % 10)])
            }
            commentOffsets.append(Int32(commentBytes.count))
        }
        return [
            Vector(type: .int64, count: rows, buffer: orderkey), Vector(type: .int64, count: rows, buffer: partkey),
            Vector(type: .decimal(precision: 15, scale: 2), count: rows, buffer: quantity),
            Vector(type: .decimal(precision: 15, scale: 2), count: rows, buffer: price),
            Vector(type: .date, count: rows, buffer: date),
            Vector(type: .string, count: rows, buffer: modeBytes, offsets: modeOffsets),
            Vector(type: .string, count: rows, buffer: commentBytes, offsets: commentOffsets),
        ]
    }
}
