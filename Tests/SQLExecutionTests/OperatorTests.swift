import Columnar
import Testing
@testable import SQLExecution

/// Counts how many batches were pulled, to prove LIMIT stops early.
final class CountingSource: BatchSource {
    let schema = Schema([Field("x", .int64)])
    var pulled = 0
    let batches: Int
    init(batches: Int) { self.batches = batches }
    func next() throws -> Batch? {
        guard pulled < batches else { return nil }
        let base = Int64(pulled * 100)
        pulled += 1
        return Batch(schema: schema, columns: [Vector(type: .int64, values: (0..<100).map { .int(base + Int64($0)) })])
    }
}

@Suite struct OperatorTests {
    static let schema = Schema([Field("k", .string), Field("v", .int64)])
    static func values(_ rows: [[Value]]) -> PhysicalValues { PhysicalValues(schema: schema, rows: rows) }

    @Test func filterSelectsWithoutCopyingAndProjectionKeepsSelection() throws {
        let input = Self.values([[.string("a"), .int(1)], [.string("b"), .int(5)], [.null, .int(7)], [.string("d"), .null]])
        let filter = try PhysicalFilter(input, predicate: try .compare(.greater, col(1, .int64), lit(2)))
        let projection = try PhysicalProjection(filter, [try .arithmetic(.multiply, col(1, .int64), lit(10)), col(0, .string)])
        let batch = try #require(try projection.next())
        #expect(batch.selection?.indices == [1, 2])
        #expect(batch.rows == [[.int(50), .string("b")], [.int(70), .null]])
        #expect(try projection.next() == nil)
    }

    @Test func limitStopsPullingUpstream() throws {
        let source = CountingSource(batches: 1000)
        let limit = try PhysicalLimit(PhysicalTableScan(source), limit: 150, offset: 20)
        let rows = try drain(limit)
        #expect(rows.count == 150)
        #expect(rows.first == [.int(20)])
        #expect(rows.last == [.int(169)])
        #expect(source.pulled == 2)
    }

    @Test func sortIsMultiKeyStableWithNullPlacement() throws {
        let rows: [[Value]] = [[.string("b"), .int(2)], [.null, .int(1)], [.string("a"), .int(2)], [.string("c"), .null], [.string("a"), .int(9)]]
        let desc = try PhysicalOrder(Self.values(rows), keys: [
            SortKey(col(1, .int64), SortOrder(descending: true, nullsFirst: true)), SortKey(col(0, .string)),
        ])
        #expect(try drain(desc) == [rows[3], rows[4], rows[2], rows[0], rows[1]])
        let nullsLast = try PhysicalOrder(Self.values(rows), keys: [SortKey(col(0, .string))])
        #expect(try drain(nullsLast).map { $0[0] } == [.string("a"), .string("a"), .string("b"), .string("c"), .null])
        // Stability: equal keys keep input order.
        let stable = try PhysicalOrder(Self.values(rows), keys: [SortKey(col(1, .int64))])
        #expect(try drain(stable).map { $0[0] } == [.null, .string("b"), .string("a"), .string("a"), .string("c")])
    }

    @Test func sortOrdersNegativeNumbersFloatsAndStringsPrefixes() throws {
        let schema = Schema([Field("i", .int32), Field("f", .float64), Field("s", .string)])
        let rows: [[Value]] = [[.int(-1), .float(-0.5), .string("ab")], [.int(3), .float(.nan), .string("a")],
                               [.int(-300), .float(-1e300), .string("a\u{0}")], [.int(0), .float(2), .string("")]]
        func order(_ c: Int, _ t: DataType) throws -> [Int] {
            try drain(try PhysicalOrder(PhysicalValues(schema: schema, rows: rows), keys: [SortKey(col(c, t))]))
                .map { row in rows.firstIndex { $0 == row }! }
        }
        #expect(try order(0, .int32) == [2, 0, 3, 1])
        #expect(try order(1, .float64) == [2, 0, 3, 1])
        #expect(try order(2, .string) == [3, 1, 2, 0])
    }

    @Test func topNMatchesSortThenLimit() throws {
        var rng = SplitMix64(seed: 7)
        let rows = (0..<10_000).map { _ in [Value.string("k"), Value.int(Int64.random(in: 0..<1000, using: &rng))] }
        let top = try PhysicalTopN(Self.values(rows), keys: [SortKey(col(1, .int64), SortOrder(descending: true))], limit: 25, offset: 5)
        let expected = rows.map { $0[1] }.sorted { a, b in if case .int(let x) = a, case .int(let y) = b { return x > y }; return false }
        #expect(try drain(top).map { $0[1] } == Array(expected[5..<30]))
    }

    @Test func unionDistinctIntersectExcept() throws {
        let a = [[Value.string("x"), .int(1)], [.string("x"), .int(1)], [.null, .null], [.string("y"), .int(2)]]
        let b = [[Value.string("x"), .int(1)], [.null, .null], [.string("z"), .int(3)]]
        let union = try PhysicalDistinct(try PhysicalUnion([Self.values(a), Self.values(b)]))
        #expect(try drain(union).count == 4)
        let intersect = try PhysicalSetOperation(Self.values(a), Self.values(b), kind: .intersect)
        #expect(try drain(intersect) == [a[0], a[2]])
        let except = try PhysicalSetOperation(Self.values(a), Self.values(b), kind: .except)
        #expect(try drain(except) == [a[3]])
        let exceptAll = try PhysicalSetOperation(Self.values(a), Self.values(b), kind: .except, all: true)
        #expect(try drain(exceptAll) == [a[1], a[3]])
        let intersectAll = try PhysicalSetOperation(Self.values(a), Self.values(b), kind: .intersect, all: true)
        #expect(try drain(intersectAll) == [a[0], a[2]])
    }

    @Test func explainAnalyzeCountsRowsPerOperator() throws {
        let input = Self.values((0..<5000).map { [.string("k"), .int(Int64($0))] })
        let filter = try PhysicalFilter(input, predicate: try .compare(.less, col(1, .int64), lit(1234)))
        let aggregate = try PhysicalHashAggregate(filter, groups: [], aggregates: [AggregateExpression(.countStar)])
        #expect(try drain(aggregate) == [[.int(1234)]])
        #expect(aggregate.profileTree.map(\.rows) == [1, 1234, 5000])
        let text = aggregate.explainAnalyze()
        #expect(text.contains("HASH_GROUP_BY"))
        #expect(text.contains("  FILTER rows=1234"))
        #expect(text.contains("    VALUES rows=5000"))
    }
}
