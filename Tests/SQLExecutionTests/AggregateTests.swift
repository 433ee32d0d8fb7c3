import Columnar
import Testing
@testable import SQLExecution

@Suite struct AggregateTests {
    static let schema = Schema([Field("g", .string), Field("x", .int32), Field("d", .float64)])
    static func input(_ rows: [[Value]]) -> PhysicalValues { PhysicalValues(schema: schema, rows: rows) }
    static let x = col(1, .int32), d = col(2, .float64), g = col(0, .string)

    @Test func ungroupedAggregatesOverEmptyInputGiveOneRow() throws {
        let aggregate = try PhysicalHashAggregate(Self.input([]), groups: [], aggregates: [
            AggregateExpression(.countStar), AggregateExpression(.count, [Self.x]), AggregateExpression(.sum, [Self.x]),
            AggregateExpression(.avg, [Self.x]), AggregateExpression(.min, [Self.g]), AggregateExpression(.stringAgg, [Self.g, lit(",")]),
            AggregateExpression(.boolOr, [.literal(.bool(true), .boolean)]), AggregateExpression(.approxCountDistinct, [Self.x]),
        ])
        #expect(try drain(aggregate) == [[.int(0), .int(0), .null, .null, .null, .null, .null, .int(0)]])
        let grouped = try PhysicalHashAggregate(Self.input([]), groups: [Self.g], aggregates: [AggregateExpression(.countStar)])
        #expect(try drain(grouped).isEmpty)
    }

    @Test func groupsIncludeNullKeyAndSkipNullValues() throws {
        let rows: [[Value]] = [
            [.string("a"), .int(1), .float(1)], [.null, .int(5), .float(2)], [.string("a"), .null, .float(3)],
            [.string("b"), .int(2), .null], [.null, .int(7), .float(4)], [.string("a"), .int(3), .float(5)],
        ]
        let aggregate = try PhysicalHashAggregate(Self.input(rows), groups: [Self.g], aggregates: [
            AggregateExpression(.countStar), AggregateExpression(.count, [Self.x]), AggregateExpression(.sum, [Self.x]),
            AggregateExpression(.min, [Self.x]), AggregateExpression(.max, [Self.d]), AggregateExpression(.avg, [Self.x]),
        ])
        #expect(aggregate.schema.fields.map(\.type) == [.string, .int64, .int64, .int64, .int32, .float64, .float64])
        let out = try drain(aggregate)
        #expect(out == [
            [.string("a"), .int(3), .int(2), .int(4), .int(1), .float(5), .float(2)],
            [.null, .int(2), .int(2), .int(12), .int(5), .float(4), .float(6)],
            [.string("b"), .int(1), .int(1), .int(2), .int(2), .null, .float(2)],
        ])
    }

    @Test func distinctStatisticsAndStrings() throws {
        let rows: [[Value]] = [1, 2, 2, 3, 3, 3].map { [.string("v\($0)"), .int(Int64($0)), .float(Double($0))] }
        let aggregate = try PhysicalHashAggregate(Self.input(rows), groups: [], aggregates: [
            AggregateExpression(.count, [Self.x], distinct: true), AggregateExpression(.sum, [Self.x], distinct: true),
            AggregateExpression(.varianceSamp, [Self.d]), AggregateExpression(.stddevPop, [Self.d]),
            AggregateExpression(.stringAgg, [Self.g, lit("|")], distinct: true), AggregateExpression(.max, [Self.g]),
            AggregateExpression(.approxCountDistinct, [Self.g]),
        ])
        let row = try #require(try drain(aggregate).first)
        #expect(row[0] == .int(3))
        #expect(row[1] == .int(6))
        guard case .float(let variance) = row[2], case .float(let stddev) = row[3] else { Issue.record("types"); return }
        #expect(abs(variance - 2.0 / 3) < 1e-12)  // values 1,2,2,3,3,3: mean 7/3, M2 10/3
        #expect(abs(stddev - (10.0 / 18).squareRoot()) < 1e-12)
        #expect(row[4] == .string("v1|v2|v3"))
        #expect(row[5] == .string("v3"))
        #expect(row[6] == .int(3))
    }

    @Test func sumOverflowThrowsAndDecimalSumWidens() throws {
        let schema = Schema([Field("x", .int64), Field("m", .decimal(precision: 18, scale: 2))])
        let big = PhysicalValues(schema: schema, rows: [[.int(Int64.max), .decimal(1)], [.int(1), .decimal(2)]])
        let overflow = try PhysicalHashAggregate(big, groups: [], aggregates: [AggregateExpression(.sum, [col(0, .int64)])])
        let error = try #require(throws: ExecutionError.self) { try drain(overflow) }
        #expect(error.message.hasPrefix("Out of Range Error: Overflow in SUM of INT64"))
        let decimals = PhysicalValues(schema: schema, rows: [[.int(0), .decimal(999_999_999_999_999_999)], [.int(0), .decimal(999_999_999_999_999_999)]])
        let sum = try PhysicalHashAggregate(decimals, groups: [], aggregates: [AggregateExpression(.sum, [col(1, .decimal(precision: 18, scale: 2))])])
        #expect(sum.schema.fields[0].type == .decimal(precision: 38, scale: 2))
        #expect(try drain(sum) == [[.decimal(1_999_999_999_999_999_998)]])
    }

    @Test func approxCountDistinctIsClose() throws {
        let schema = Schema([Field("x", .int64)])
        let rows = (0..<50_000).map { [Value.int(Int64($0 % 20_000))] }
        let a = try PhysicalHashAggregate(PhysicalValues(schema: schema, rows: rows), groups: [], aggregates: [AggregateExpression(.approxCountDistinct, [col(0, .int64)])])
        guard case .int(let estimate) = try drain(a)[0][0] else { Issue.record("type"); return }
        #expect(abs(Double(estimate) - 20_000) / 20_000 < 0.1)
    }

    @Test func boolAndOr() throws {
        let schema = Schema([Field("g", .int64), Field("b", .boolean)])
        let rows: [[Value]] = [[.int(1), .bool(true)], [.int(1), .bool(false)], [.int(2), .bool(true)], [.int(2), .null]]
        let a = try PhysicalHashAggregate(PhysicalValues(schema: schema, rows: rows), groups: [col(0, .int64)], aggregates: [
            AggregateExpression(.boolAnd, [col(1, .boolean)]), AggregateExpression(.boolOr, [col(1, .boolean)]),
        ])
        #expect(try drain(a) == [[.int(1), .bool(false), .bool(true)], [.int(2), .bool(true), .bool(true)]])
    }
}
