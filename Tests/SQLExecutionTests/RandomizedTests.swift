import Columnar
import Testing
@testable import SQLExecution

/// HashAggregate and HashJoin against naive row-at-a-time references on random data with NULLs,
/// duplicate keys and selections.
@Suite struct RandomizedTests {
    static let schema = Schema([Field("k1", .int32), Field("k2", .string), Field("v", .int64)])

    static func randomRows(_ n: Int, _ rng: inout SplitMix64, keys: Int) -> [[Value]] {
        (0..<n).map { _ in
            let k1: Value = Int.random(in: 0..<10, using: &rng) == 0 ? .null : .int(Int64.random(in: 0..<Int64(keys), using: &rng))
            let k2: Value = Int.random(in: 0..<10, using: &rng) == 0 ? .null : .string(["x", "y", "zz", ""][Int.random(in: 0..<4, using: &rng)])
            let v: Value = Int.random(in: 0..<5, using: &rng) == 0 ? .null : .int(Int64.random(in: -1000...1000, using: &rng))
            return [k1, k2, v]
        }
    }

    /// Batches of random sizes, some with a selection that drops every third row.
    static func source(_ rows: [[Value]], _ rng: inout SplitMix64) -> (PhysicalValues, [[Value]]) {
        var batches: [Batch] = []
        var live: [[Value]] = []
        var start = 0
        while start < rows.count {
            let n = min(rows.count - start, Int.random(in: 1...3000, using: &rng))
            let chunk = Array(rows[start..<start + n])
            let columns = schema.fields.indices.map { c in Vector(type: schema.fields[c].type, values: chunk.map { $0[c] }) }
            var batch = Batch(schema: schema, columns: columns, count: n)
            if Bool.random(using: &rng) {
                let keep = (0..<n).filter { $0 % 3 != 0 }
                batch.selection = SelectionVector(ContiguousArray(keep.map { UInt32($0) }))
                live += keep.map { chunk[$0] }
            } else {
                live += chunk
            }
            batches.append(batch)
            start += n
        }
        return (PhysicalValues(schema: schema, batches: batches), live)
    }

    @Test(arguments: [1, 2, 3])
    func hashAggregateMatchesNaiveGrouping(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (input, live) = Self.source(Self.randomRows(20_000, &rng, keys: 50), &rng)
        let v = col(2, .int64)
        let op = try PhysicalHashAggregate(input, groups: [col(0, .int32), col(1, .string)], aggregates: [
            AggregateExpression(.countStar), AggregateExpression(.count, [v]), AggregateExpression(.sum, [v]),
            AggregateExpression(.min, [v]), AggregateExpression(.max, [v]), AggregateExpression(.count, [v], distinct: true),
        ])
        var got: [String: [Value]] = [:]
        for row in try drain(op) { got["\(row[0])|\(row[1])"] = Array(row[2...]) }

        var expected: [String: [Value]] = [:]
        var grouped: [String: [Value]] = [:]
        for row in live { grouped["\(row[0])|\(row[1])", default: []].append(row[2]) }
        for (key, values) in grouped {
            let ints = values.compactMap { if case .int(let x) = $0 { x } else { nil } }
            expected[key] = [
                .int(Int64(values.count)), .int(Int64(ints.count)), ints.isEmpty ? .null : .int(ints.reduce(0, +)),
                ints.min().map { .int($0) } ?? .null, ints.max().map { .int($0) } ?? .null, .int(Int64(Set(ints).count)),
            ]
        }
        #expect(got == expected)
    }

    @Test(arguments: [JoinType.inner, .left, .right, .full, .semi, .anti], [UInt64(4), 5])
    func hashJoinMatchesNestedLoopReference(type: JoinType, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (probe, probeLive) = Self.source(Self.randomRows(3000, &rng, keys: 200), &rng)
        let (build, buildLive) = Self.source(Self.randomRows(1500, &rng, keys: 200), &rng)
        let residual = try PhysicalExpression.compare(.less, col(2, .int64), col(5, .int64))
        let op = try PhysicalHashJoin(probe: probe, build: build, type: type, probeKeys: [col(0, .int32), col(1, .string)],
                                      buildKeys: [col(0, .int32), col(1, .string)], residual: residual)
        let got = try drain(op).map { "\($0)" }.sorted()

        func matches(_ p: [Value], _ b: [Value]) -> Bool {
            guard p[0] != .null, p[1] != .null, p[0] == b[0], p[1] == b[1] else { return false }
            if case .int(let x) = p[2], case .int(let y) = b[2] { return x < y }
            return false
        }
        var expected: [[Value]] = []
        var buildMatched = Array(repeating: false, count: buildLive.count)
        var byKey: [String: [Int]] = [:]
        for (i, b) in buildLive.enumerated() { byKey["\(b[0])|\(b[1])", default: []].append(i) }
        for p in probeLive {
            let hits = (byKey["\(p[0])|\(p[1])"] ?? []).filter { matches(p, buildLive[$0]) }
            for h in hits { buildMatched[h] = true }
            switch type {
            case .inner, .right: expected += hits.map { p + buildLive[$0] }
            case .left, .full: expected += hits.isEmpty ? [p + [.null, .null, .null]] : hits.map { p + buildLive[$0] }
            case .semi: if !hits.isEmpty { expected.append(p) }
            default: if hits.isEmpty { expected.append(p) }
            }
        }
        if type == .right || type == .full {
            for (i, b) in buildLive.enumerated() where !buildMatched[i] { expected.append([.null, .null, .null] + b) }
        }
        #expect(got == expected.map { "\($0)" }.sorted())
    }
}
