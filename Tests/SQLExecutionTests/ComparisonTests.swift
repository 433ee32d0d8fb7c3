import Columnar
import Testing
@testable import SQLExecution

@Suite struct ComparisonTests {
    static let types: [DataType] = [.int8, .int16, .int32, .int64, .uint8, .uint32, .uint64, .float32, .float64]

    @Test(arguments: types)
    func comparesEveryIntegerAndFloatWidthWithNulls(type: DataType) throws {
        let box: (Int64) -> Value = type.isFloatingPoint ? { .float(Double($0)) } : type.isUnsignedInteger ? { .uint(UInt64($0)) } : { .int($0) }
        let batch = makeBatch([("a", type, [box(1), box(5), .null, box(7)]), ("b", type, [box(2), box(5), box(3), .null])])
        let expected: [ComparisonOperator: [Value]] = [
            .equal: [.bool(false), .bool(true), .null, .null], .notEqual: [.bool(true), .bool(false), .null, .null],
            .less: [.bool(true), .bool(false), .null, .null], .lessOrEqual: [.bool(true), .bool(true), .null, .null],
            .greater: [.bool(false), .bool(false), .null, .null], .greaterOrEqual: [.bool(false), .bool(true), .null, .null],
        ]
        for (op, want) in expected {
            #expect(try evaluate(.comparison(op, col(0, type), col(1, type)), batch) == want, "\(op)")
        }
    }

    @Test func promotesAcrossWidthsDecimalAndDouble() throws {
        let batch = makeBatch([
            ("i", .int32, [.int(3), .int(-2)]), ("d", .decimal(precision: 10, scale: 2), [.decimal(300), .decimal(-150)]),
            ("f", .float64, [.float(2.5), .float(-2.0)]),
        ])
        let iEqD = try PhysicalExpression.compare(.equal, col(0, .int32), col(1, .decimal(precision: 10, scale: 2)))
        #expect(try evaluate(iEqD, batch) == [.bool(true), .bool(false)])
        let dGtF = try PhysicalExpression.compare(.greater, col(1, .decimal(precision: 10, scale: 2)), col(2, .float64))
        #expect(try evaluate(dGtF, batch) == [.bool(true), .bool(true)])
        let iLtBig = try PhysicalExpression.compare(.less, col(0, .int32), lit(Int64(1) << 40))
        #expect(try evaluate(iLtBig, batch) == [.bool(true), .bool(true)])
    }

    @Test func stringsCompareBytewiseAndHonorSelection() throws {
        let batch = makeBatch([("s", .string, [.string("apple"), .string("b"), .null, .string("app")])], selection: [0, 2, 3])
        let e = try PhysicalExpression.compare(.less, col(0, .string), lit("apple"))
        #expect(try evaluate(e, batch) == [.bool(false), .null, .bool(true)])
    }

    @Test func nanEqualsNanAndSortsHighest() throws {
        let batch = makeBatch([("x", .float64, [.float(.nan), .float(1)])])
        #expect(try evaluate(.comparison(.equal, col(0, .float64), litD(.nan)), batch) == [.bool(true), .bool(false)])
        #expect(try evaluate(.comparison(.greater, col(0, .float64), litD(1e308)), batch) == [.bool(true), .bool(false)])
    }

    @Test func distinctFromTreatsNullsAsValues() throws {
        let batch = makeBatch([("a", .int64, [.null, .null, .int(1), .int(1)]), ("b", .int64, [.null, .int(1), .int(1), .int(2)])])
        let e = try PhysicalExpression.isDistinct(col(0, .int64), col(1, .int64))
        #expect(try evaluate(e, batch) == [.bool(false), .bool(true), .bool(false), .bool(true)])
        let n = try PhysicalExpression.isDistinct(col(0, .int64), col(1, .int64), negated: true)
        #expect(try evaluate(n, batch) == [.bool(true), .bool(false), .bool(true), .bool(false)])
    }

    @Test func betweenAndInListAreThreeValued() throws {
        let batch = makeBatch([("x", .int64, [.int(1), .int(5), .null, .int(9)])])
        let between = try PhysicalExpression.isBetween(col(0, .int64), lit(2), lit(8))
        #expect(try evaluate(between, batch) == [.bool(false), .bool(true), .null, .bool(false)])
        let inWithNull = try PhysicalExpression.isIn(col(0, .int64), [lit(5), .literal(.null, .int64)])
        #expect(try evaluate(inWithNull, batch) == [.null, .bool(true), .null, .null])
        let notIn = try PhysicalExpression.isIn(col(0, .int64), [lit(5), .literal(.null, .int64)], negated: true)
        #expect(try evaluate(notIn, batch) == [.null, .bool(false), .null, .null])
        let notInPlain = try PhysicalExpression.isIn(col(0, .int64), [lit(5), lit(7)], negated: true)
        #expect(try evaluate(notInPlain, batch) == [.bool(true), .bool(false), .null, .bool(true)])
    }
}
