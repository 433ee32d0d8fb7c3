import Columnar
import Testing
@testable import SQLExecution

@Suite struct ArithmeticTests {
    @Test(arguments: [DataType.int8, .int16, .int32, .int64])
    func addsEachWidthWithNullsAndSelection(type: DataType) throws {
        let batch = makeBatch([("a", type, [.int(1), .null, .int(3), .int(4)]), ("b", type, [.int(10), .int(20), .null, .int(40)])],
                              selection: [0, 1, 3])
        let e = try PhysicalExpression.arithmetic(.add, col(0, type), col(1, type))
        #expect(e.type == type)
        #expect(try evaluate(e, batch) == [.int(11), .null, .int(44)])
    }

    @Test(arguments: [(DataType.int8, Int64(Int8.max)), (.int16, Int64(Int16.max)), (.int32, Int64(Int32.max)), (.int64, Int64.max)])
    func overflowThrowsOutOfRange(type: DataType, max: Int64) throws {
        let batch = makeBatch([("a", type, [.int(max)]), ("b", type, [.int(1)])])
        let e = try PhysicalExpression.arithmetic(.add, col(0, type), col(1, type))
        let error = try #require(throws: ExecutionError.self) { try evaluate(e, batch) }
        #expect(error.code == .outOfRange)
        #expect(error.message == "Out of Range Error: Overflow in addition of \(type.sqlName) (\(max) + 1)")
    }

    @Test func overflowOnFilteredOutOrNullRowIsIgnored() throws {
        let batch = makeBatch([("a", .int64, [.int(Int64.max), .int(1), .null]), ("b", .int64, [.int(1), .int(1), .int(Int64.max)])],
                              selection: [1, 2])
        let e = try PhysicalExpression.arithmetic(.multiply, col(0, .int64), col(1, .int64))
        #expect(try evaluate(e, batch) == [.int(1), .null])
    }

    @Test func divisionIsDoubleAndDivIsInteger() throws {
        let batch = makeBatch([("a", .int32, [.int(7), .int(-7)]), ("b", .int32, [.int(2), .int(2)])])
        let div = try PhysicalExpression.arithmetic(.divide, col(0, .int32), col(1, .int32))
        #expect(div.type == .float64)
        #expect(try evaluate(div, batch) == [.float(3.5), .float(-3.5)])
        let idiv = try PhysicalExpression.arithmetic(.integerDivide, col(0, .int32), col(1, .int32))
        #expect(idiv.type == .int64)
        #expect(try evaluate(idiv, batch) == [.int(3), .int(-3)])
        let mod = try PhysicalExpression.arithmetic(.modulo, col(0, .int32), col(1, .int32))
        #expect(try evaluate(mod, batch) == [.int(1), .int(-1)])
    }

    @Test(arguments: [ArithmeticOperator.divide, .integerDivide, .modulo])
    func divisionByZeroThrows(op: ArithmeticOperator) throws {
        let batch = makeBatch([("a", .int64, [.int(5)]), ("b", .int64, [.int(0)])])
        let e = try PhysicalExpression.arithmetic(op, col(0, .int64), col(1, .int64))
        let error = try #require(throws: ExecutionError.self) { try evaluate(e, batch) }
        #expect(error.code == .outOfRange)
        #expect(error.message.hasPrefix("Out of Range Error: Division by zero"))
    }

    @Test func intMinDivMinusOneOverflows() throws {
        let batch = makeBatch([("a", .int64, [.int(Int64.min)]), ("b", .int64, [.int(-1)])])
        let e = try PhysicalExpression.arithmetic(.integerDivide, col(0, .int64), col(1, .int64))
        #expect(throws: ExecutionError.self) { try evaluate(e, batch) }
    }

    @Test func decimalsAlignScalesAndCheckPrecision() throws {
        let d1 = DataType.decimal(precision: 5, scale: 2), d2 = DataType.decimal(precision: 4, scale: 1)
        let batch = makeBatch([("a", d1, [.decimal(12345)]), ("b", d2, [.decimal(15)])])  // 123.45, 1.5
        let sum = try PhysicalExpression.arithmetic(.add, col(0, d1), col(1, d2))
        #expect(sum.type == .decimal(precision: 6, scale: 2))
        #expect(try evaluate(sum, batch) == [.decimal(12495)])
        let product = try PhysicalExpression.arithmetic(.multiply, col(0, d1), col(1, d2))
        #expect(product.type == .decimal(precision: 9, scale: 3))
        #expect(try evaluate(product, batch) == [.decimal(185175)])
        let big = DataType.decimal(precision: 38, scale: 0)
        let huge = Int128(10) ** 37 * 9
        let overflow = makeBatch([("a", big, [.decimal(huge)]), ("b", big, [.decimal(huge)])])
        #expect(throws: ExecutionError.self) {
            try evaluate(try PhysicalExpression.arithmetic(.add, col(0, big), col(1, big)), overflow)
        }
    }

    @Test func mixedIntAndDoublePromoteToDouble() throws {
        let batch = makeBatch([("a", .int32, [.int(2)]), ("b", .float64, [.float(0.5)])])
        let e = try PhysicalExpression.arithmetic(.multiply, col(0, .int32), col(1, .float64))
        #expect(e.type == .float64)
        #expect(try evaluate(e, batch) == [.float(1.0)])
    }

    @Test func dateArithmeticAddsDays() throws {
        let batch = makeBatch([("d", .date, [.int(0)])])
        let e = try PhysicalExpression.arithmetic(.add, col(0, .date), lit(31))
        #expect(e.type == .date)
        #expect(try evaluate(e, batch) == [.int(31)])
    }
}

infix operator **: MultiplicationPrecedence
func ** (base: Int128, exponent: Int) -> Int128 { (0..<exponent).reduce(1) { acc, _ in acc * base } }
