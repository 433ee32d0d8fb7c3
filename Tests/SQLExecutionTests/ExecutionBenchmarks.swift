import Columnar
import Testing
@testable import SQLExecution

/// Throughput figures, run only with SLUICE_BENCH=1 (they measure, they do not check):
/// `SLUICE_BENCH=1 swift test [-c release] --filter ExecutionBenchmarks`.
@Suite(.enabled(if: Environment.benchmarks), .serialized)
struct ExecutionBenchmarks {
    /// Batches of `count` rows of int64 columns filled by `value(column, row)`.
    static func batches(_ rows: Int, columns: Int, _ value: (Int, Int) -> Int64) -> [Batch] {
        let schema = Schema((0..<columns).map { Field("c\($0)", .int64) })
        return stride(from: 0, to: rows, by: Batch.capacity).map { start in
            let n = min(Batch.capacity, rows - start)
            let vectors = (0..<columns).map { c in
                Vector.makeFixed(.int64, count: n, validity: nil, as: Int64.self) { out in
                    for i in 0..<n { out[i] = value(c, start + i) }
                }
            }
            return Batch(schema: schema, columns: vectors, count: n)
        }
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    @Test func filterSum10MInt64() throws {
        let rows = 10_000_000
        let input = Self.batches(rows, columns: 1) { _, i in Int64((i &* 2_654_435_761) % 1_000_000) }
        let scan = PhysicalValues(schema: input[0].schema, batches: input)
        let filter = try PhysicalFilter(scan, predicate: try .compare(.less, col(0, .int64), lit(500_000)))
        let sum = try PhysicalHashAggregate(filter, groups: [], aggregates: [AggregateExpression(.sum, [col(0, .int64)])])
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try drain(sum) }
        let s = Self.seconds(elapsed)
        print("filter+sum over \(rows) int64 rows: \(String(format3(s))) s, \(Int(Double(rows) / s / 1e6)) M rows/s")
        print(sum.explainAnalyze())
    }

    @Test func hashJoin1Mx100k() throws {
        let probeRows = 1_000_000, buildRows = 100_000
        var rng = SplitMix64(seed: 42)
        let keys = (0..<probeRows).map { _ in Int64.random(in: 0..<Int64(buildRows), using: &rng) }
        let probe = Self.batches(probeRows, columns: 2) { c, i in c == 0 ? keys[i] : Int64(i) }
        let build = Self.batches(buildRows, columns: 2) { c, i in c == 0 ? Int64(i) : Int64(i * 7) }
        let join = try PhysicalHashJoin(
            probe: PhysicalValues(schema: probe[0].schema, batches: probe),
            build: PhysicalValues(schema: build[0].schema, batches: build),
            type: .inner, probeKeys: [col(0, .int64)], buildKeys: [col(0, .int64)])
        let clock = ContinuousClock()
        var out = 0
        let elapsed = try clock.measure { while let b = try join.next() { out += b.rowCount } }
        let s = Self.seconds(elapsed)
        #expect(out == probeRows)
        print("hash join \(probeRows) x \(buildRows): \(format3(s)) s, \(Int(Double(probeRows + buildRows) / s / 1e6)) M input rows/s")
        print(join.explainAnalyze())
    }
}

func format3(_ x: Double) -> String {
    let scaled = Int((x * 1000).rounded())
    return "\(scaled / 1000).\(String(scaled % 1000).leftPadded(3))"
}

enum Environment {
    static var benchmarks: Bool {
        #if canImport(Glibc)
        return getenv("SLUICE_BENCH") != nil
        #else
        return false
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
