// Executor throughput: filter + sum over 10M int64 rows, and a 1M x 100k hash join.
// Built by run.sh into a scratch package with only Columnar and SQLExecution (public API only).
import Columnar
import SQLExecution

func int64Batches(_ rows: Int, columns: Int, _ value: (Int, Int) -> Int64) -> [Batch] {
    let schema = Schema((0..<columns).map { Field("c\($0)", .int64) })
    return stride(from: 0, to: rows, by: Batch.capacity).map { start in
        let n = min(Batch.capacity, rows - start)
        let vectors = (0..<columns).map { c in
            var buffer = ByteBuffer(capacity: n * 8)
            for i in 0..<n { buffer.append(value(c, start + i)) }
            return Vector(type: .int64, count: n, buffer: buffer)
        }
        return Batch(schema: schema, columns: vectors, count: n)
    }
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

func report(_ label: String, rows: Int, _ elapsed: Duration, _ plan: PhysicalOperator) {
    let s = seconds(elapsed)
    print("\(label): \((s * 1000).rounded() / 1000) s, \(Int((Double(rows) / s / 1e6).rounded())) M rows/s")
    print(plan.explainAnalyze())
}

func filterSum() throws {
    let rows = 10_000_000
    let input = int64Batches(rows, columns: 1) { _, i in Int64((i &* 2_654_435_761) % 1_000_000) }
    let scan = PhysicalValues(schema: input[0].schema, batches: input)
    let filter = try PhysicalFilter(scan, predicate: try .compare(.less, .column(0, .int64), .literal(.int(500_000), .int64)))
    let sum = try PhysicalHashAggregate(filter, groups: [], aggregates: [AggregateExpression(.sum, [.column(0, .int64)])])
    let elapsed = try ContinuousClock().measure { while try sum.next() != nil {} }
    report("filter + sum over \(rows) int64 rows", rows: rows, elapsed, sum)
}

func hashJoin() throws {
    let probeRows = 1_000_000, buildRows = 100_000
    var state: UInt64 = 42
    let keys = (0..<probeRows).map { _ -> Int64 in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int64((state >> 33) % UInt64(buildRows))
    }
    let probe = int64Batches(probeRows, columns: 2) { c, i in c == 0 ? keys[i] : Int64(i) }
    let build = int64Batches(buildRows, columns: 2) { c, i in c == 0 ? Int64(i) : Int64(i * 7) }
    let join = try PhysicalHashJoin(
        probe: PhysicalValues(schema: probe[0].schema, batches: probe),
        build: PhysicalValues(schema: build[0].schema, batches: build),
        type: .inner, probeKeys: [.column(0, .int64)], buildKeys: [.column(0, .int64)])
    var out = 0
    let elapsed = try ContinuousClock().measure { while let b = try join.next() { out += b.rowCount } }
    precondition(out == probeRows, "every probe row has exactly one match")
    report("hash join \(probeRows) x \(buildRows) (inner, int64 key)", rows: probeRows + buildRows, elapsed, join)
}

try filterSum()
try hashJoin()
