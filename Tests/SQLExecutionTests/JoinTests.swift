import Columnar
import Testing
@testable import SQLExecution

@Suite struct JoinTests {
    static let left = Schema([Field("id", .int64), Field("name", .string)])
    static let right = Schema([Field("id", .int64), Field("score", .int64)])
    static let l: [[Value]] = [[.int(1), .string("a")], [.int(2), .string("b")], [.null, .string("n")], [.int(4), .string("d")]]
    static let r: [[Value]] = [[.int(1), .int(10)], [.int(1), .int(11)], [.int(3), .int(30)], [.null, .int(0)]]

    func join(_ type: JoinType, residual: PhysicalExpression? = nil, right: [[Value]] = r) throws -> [[Value]] {
        let op = try PhysicalHashJoin(
            probe: PhysicalValues(schema: Self.left, rows: Self.l), build: PhysicalValues(schema: Self.right, rows: right),
            type: type, probeKeys: [col(0, .int64)], buildKeys: [col(0, .int64)], residual: residual)
        return try drain(op)
    }

    func nestedLoop(_ type: JoinType, right: [[Value]] = r) throws -> [[Value]] {
        let condition = try PhysicalExpression.compare(.equal, col(0, .int64), col(2, .int64))
        let op = try PhysicalNestedLoopJoin(
            probe: PhysicalValues(schema: Self.left, rows: Self.l), build: PhysicalValues(schema: Self.right, rows: right),
            type: type, condition: condition)
        return try drain(op)
    }

    static func sorted(_ rows: [[Value]]) -> [String] { rows.map { "\($0)" }.sorted() }

    @Test(arguments: JoinType.allCases)
    func hashAndNestedLoopAgree(type: JoinType) throws {
        #expect(Self.sorted(try join(type)) == Self.sorted(try nestedLoop(type)))
    }

    @Test func innerAndOuterJoinsPadWithNulls() throws {
        let a = Value.string("a")
        #expect(Self.sorted(try join(.inner)) == Self.sorted([[.int(1), a, .int(1), .int(10)], [.int(1), a, .int(1), .int(11)]]))
        let leftRows = try join(.left)
        #expect(leftRows.count == 5)
        #expect(leftRows.contains([.null, .string("n"), .null, .null]))
        #expect(leftRows.contains([.int(4), .string("d"), .null, .null]))
        let rightRows = try join(.right)
        #expect(rightRows.count == 4)
        #expect(rightRows.contains([.null, .null, .int(3), .int(30)]))
        #expect(rightRows.contains([.null, .null, .null, .int(0)]))
        #expect(try join(.full).count == 7)
    }

    @Test func semiAndAntiIgnoreNullKeys() throws {
        #expect(try join(.semi) == [[.int(1), .string("a")]])
        #expect(Self.sorted(try join(.anti)) == Self.sorted([[.int(2), .string("b")], [.null, .string("n")], [.int(4), .string("d")]]))
    }

    @Test func notInIsNullAware() throws {
        // The subquery has a NULL: NOT IN is never TRUE.
        #expect(try join(.nullAwareAnti).isEmpty)
        // Without NULLs: rows that do not match and whose key is not NULL.
        let noNulls = Array(Self.r.prefix(3))
        #expect(Self.sorted(try join(.nullAwareAnti, right: noNulls)) == Self.sorted([[.int(2), .string("b")], [.int(4), .string("d")]]))
        // Empty subquery: every row, NULL key included.
        #expect(try join(.nullAwareAnti, right: []).count == 4)
        #expect(try nestedLoop(.nullAwareAnti).isEmpty)
        #expect(try nestedLoop(.nullAwareAnti, right: []).count == 4)
    }

    @Test func residualConditionMakesRowsUnmatched() throws {
        let scoreAbove10 = try PhysicalExpression.compare(.greater, col(3, .int64), lit(10))
        #expect(try join(.inner, residual: scoreAbove10) == [[.int(1), .string("a"), .int(1), .int(11)]])
        let strict = try PhysicalExpression.compare(.greater, col(3, .int64), lit(100))
        #expect(try join(.left, residual: strict).count == 4)
        #expect(try join(.anti, residual: strict).count == 4)
        #expect(try join(.full, residual: strict).count == 8)
    }

    @Test func multipleKeysOfDifferentTypes() throws {
        let s = Schema([Field("a", .string), Field("b", .float64)])
        let probe = PhysicalValues(schema: s, rows: [[.string("x"), .float(-0.0)], [.string("x"), .float(.nan)], [.string("y"), .float(1)]])
        let build = PhysicalValues(schema: s, rows: [[.string("x"), .float(0.0)], [.string("x"), .float(.nan)]])
        let op = try PhysicalHashJoin(probe: probe, build: build, type: .inner, probeKeys: [col(0, .string), col(1, .float64)],
                                      buildKeys: [col(0, .string), col(1, .float64)])
        #expect(try drain(op).count == 2)  // -0 = 0 and NaN = NaN, as DuckDB joins them
    }

    @Test func mismatchedKeyTypesAreRejected() throws {
        #expect(throws: ExecutionError.self) {
            try PhysicalHashJoin(probe: PhysicalValues(schema: Self.left, rows: []), build: PhysicalValues(schema: Self.right, rows: []),
                                 type: .inner, probeKeys: [col(1, .string)], buildKeys: [col(0, .int64)])
        }
    }

    @Test func crossJoinWithoutCondition() throws {
        let op = try PhysicalNestedLoopJoin(probe: PhysicalValues(schema: Self.left, rows: Self.l),
                                            build: PhysicalValues(schema: Self.right, rows: Self.r), type: .inner, condition: nil)
        #expect(try drain(op).count == 16)
    }
}
