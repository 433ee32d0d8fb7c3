import Columnar
import Testing
@testable import SQLExecution

@Suite struct LogicAndConditionalTests {
    static let t: Value = .bool(true), f: Value = .bool(false), n: Value = .null

    @Test func andOrFollowThreeValuedLogic() throws {
        let a: [Value] = [Self.t, Self.t, Self.t, Self.f, Self.f, Self.n, Self.n, Self.f, Self.n]
        let b: [Value] = [Self.t, Self.f, Self.n, Self.f, Self.n, Self.n, Self.t, Self.t, Self.f]
        let batch = makeBatch([("a", .boolean, a), ("b", .boolean, b)])
        let and = try evaluate(.and([col(0, .boolean), col(1, .boolean)]), batch)
        #expect(and == [Self.t, Self.f, Self.n, Self.f, Self.f, Self.n, Self.n, Self.f, Self.f])
        let or = try evaluate(.or([col(0, .boolean), col(1, .boolean)]), batch)
        #expect(or == [Self.t, Self.t, Self.t, Self.f, Self.n, Self.n, Self.t, Self.t, Self.n])
        #expect(try evaluate(.not(col(0, .boolean)), batch) == [Self.f, Self.f, Self.f, Self.t, Self.t, Self.n, Self.n, Self.t, Self.n])
    }

    @Test func selectNarrowsAndSoLaterConjunctsSeeOnlySurvivors() throws {
        let batch = makeBatch([("x", .int64, [.int(0), .int(5), .int(20), .null])])
        let nonZero = try PhysicalExpression.compare(.notEqual, col(0, .int64), lit(0))
        let ratio = try PhysicalExpression.compare(
            .greater, try PhysicalExpression.arithmetic(.divide, lit(10), col(0, .int64)), litD(1))
        let selection = try ExpressionExecutor(.and([nonZero, ratio])).select(batch)
        #expect(selection.indices == [1])
    }

    @Test func caseEvaluatesBranchesOnlyWhereTheyApply() throws {
        let batch = makeBatch([("x", .int64, [.int(0), .int(4), .null])])
        let isZero = try PhysicalExpression.compare(.equal, col(0, .int64), lit(0))
        let e = try PhysicalExpression.caseWhen(
            [WhenClause(isZero, litD(-1))], otherwise: try PhysicalExpression.arithmetic(.divide, lit(10), col(0, .int64)))
        #expect(try evaluate(e, batch) == [.float(-1), .float(2.5), .null])
        let strings = try PhysicalExpression.caseWhen([WhenClause(isZero, lit("zero"))], otherwise: nil)
        #expect(try evaluate(strings, batch) == [.string("zero"), .null, .null])
    }

    @Test func coalesceNullIfGreatestLeast() throws {
        let batch = makeBatch([("a", .int64, [.null, .int(2), .null]), ("b", .int64, [.int(7), .int(9), .null])])
        let args = try PhysicalExpression.unified([col(0, .int64), col(1, .int64), lit(0)], "COALESCE")
        #expect(try evaluate(.coalesce(args), batch) == [.int(7), .int(2), .int(0)])
        #expect(try evaluate(.nullIf(col(1, .int64), lit(9)), batch) == [.int(7), .null, .null])
        #expect(try evaluate(.greatest([col(0, .int64), col(1, .int64)]), batch) == [.int(7), .int(9), .null])
        #expect(try evaluate(.least([col(0, .int64), col(1, .int64)]), batch) == [.int(7), .int(2), .null])
        let s = makeBatch([("a", .string, [.string("pear"), .null]), ("b", .string, [.string("apple"), .string("fig")])])
        #expect(try evaluate(.greatest([col(0, .string), col(1, .string)]), s) == [.string("pear"), .string("fig")])
    }

    @Test func isNullOnVectorsWithAndWithoutBitmaps() throws {
        let batch = makeBatch([("a", .int64, [.null, .int(1)]), ("b", .int64, [.int(1), .int(2)])])
        #expect(try evaluate(.isNull(col(0, .int64), negated: false), batch) == [Self.t, Self.f])
        #expect(try evaluate(.isNull(col(1, .int64), negated: true), batch) == [Self.t, Self.t])
    }

    @Test func likeShapesAndEscapes() throws {
        let rows: [Value] = [.string("apple"), .string("Apple pie"), .string("a_b"), .string("été"), .null]
        let batch = makeBatch([("s", .string, rows)])
        func like(_ p: String, ci: Bool = false, escape: Character? = nil) throws -> [Value] {
            try evaluate(.like(col(0, .string), pattern: p, escape: escape, caseInsensitive: ci, negated: false), batch)
        }
        #expect(try like("apple") == [Self.t, Self.f, Self.f, Self.f, Self.n])
        #expect(try like("app%") == [Self.t, Self.f, Self.f, Self.f, Self.n])
        #expect(try like("%pie") == [Self.f, Self.t, Self.f, Self.f, Self.n])
        #expect(try like("%p%") == [Self.t, Self.t, Self.f, Self.f, Self.n])
        #expect(try like("a%e") == [Self.t, Self.f, Self.f, Self.f, Self.n])
        #expect(try like("_t_") == [Self.f, Self.f, Self.f, Self.t, Self.n])
        #expect(try like("a\\_b", escape: "\\") == [Self.f, Self.f, Self.t, Self.f, Self.n])
        #expect(try like("APPLE%", ci: true) == [Self.t, Self.t, Self.f, Self.f, Self.n])
        #expect(throws: ExecutionError.self) { try like("abc\\", escape: "\\") }
    }

    @Test func nestedAccess() throws {
        let st = DataType.structure([Field("a", .int64), Field("b", .string)])
        let lt = DataType.list(Field("item", .int64))
        let mt = DataType.map(key: Field("k", .string), value: Field("v", .int64))
        let batch = makeBatch([
            ("s", st, [.structure([.int(1), .string("x")]), .null]),
            ("l", lt, [.list([.int(10), .int(20)]), .list([])]),
            ("m", mt, [.map([(.string("a"), .int(1))]), .map([(.string("b"), .int(2))])]),
        ])
        #expect(try evaluate(.structField(col(0, st), 1), batch) == [.string("x"), .null])
        #expect(try evaluate(.listElement(col(1, lt), index: lit(2)), batch) == [.int(20), .null])
        #expect(try evaluate(.listElement(col(1, lt), index: lit(-1)), batch) == [.int(20), .null])
        #expect(try evaluate(.mapElement(col(2, mt), key: lit("b")), batch) == [.null, .int(2)])
    }
}
