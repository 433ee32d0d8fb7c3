import Columnar
import Testing
@testable import SQLExecution

/// 128-bit decimal products of operands the binder only widened (`DecimalProductNode`): same values, NULLs
/// and errors as casting both operands to 128 bits and multiplying there.
@Suite struct DecimalProductTests {
    static let price = DataType.decimal(precision: 15, scale: 2)
    static let rate = DataType.decimal(precision: 16, scale: 2)

    /// The bound product, and the same product with its widening casts evaluated by the generic kernel.
    static func both(_ l: PhysicalExpression, _ r: PhysicalExpression) throws -> (PhysicalExpression, PhysicalExpression) {
        let product = try PhysicalExpression.arithmetic(.multiply, l, r)
        guard case .arithmetic(_, let a, let b, let type) = product else { throw ExecutionError(.internal, "no product") }
        // A TRY_CAST is not a plain widening, so this one keeps the cast-then-multiply path.
        func materialized(_ e: PhysicalExpression) -> PhysicalExpression {
            if case .cast(let inner, let to, false) = e { return .cast(inner, to: to, isTry: true) }
            return e
        }
        return (product, .arithmetic(.multiply, materialized(a), materialized(b), type))
    }

    @Test func sixtyFourBitOperandsMultiplyIntoOneHundredTwentyEightBits() throws {
        let batch = makeBatch([
            ("p", Self.price, [.decimal(9_999_999_999_999_99), .decimal(-12345), .null, .decimal(7)]),
            ("d", Self.rate, [.decimal(9_999_999_999_999_999), .decimal(94), .decimal(3), .decimal(-100)]),
        ], selection: [0, 1, 2, 3])
        let (fast, slow) = try Self.both(col(0, Self.price), col(1, Self.rate))
        #expect(fast.type == .decimal(precision: 31, scale: 4))
        #expect(try ExpressionCompiler(functions: .standard).compile(fast) is DecimalProductNode)
        let expected: [Value] = [.decimal(Int128(9_999_999_999_999_99) * 9_999_999_999_999_999), .decimal(-1_160_430), .null, .decimal(-700)]
        #expect(try evaluate(fast, batch) == expected)
        #expect(try evaluate(slow, batch) == expected)
    }

    @Test func mixedWidthsMatchTheGenericKernel() throws {
        let wide = DataType.decimal(precision: 31, scale: 4)
        let batch = makeBatch([
            ("x", wide, [.decimal(Int128(10) ** 30 - 1), .decimal(-5), .decimal(Int128(Int64.max) + 1)]),
            ("t", Self.rate, [.decimal(108), .null, .decimal(-3)]),
        ], selection: [0, 1, 2])
        let (fast, slow) = try Self.both(col(0, wide), col(1, Self.rate))
        #expect(fast.type == .decimal(precision: 38, scale: 6))
        #expect(try ExpressionCompiler(functions: .standard).compile(fast) is DecimalProductNode)
        #expect(try evaluate(fast, batch) == evaluate(slow, batch))
        #expect(try evaluate(fast, batch)[0] == .decimal((Int128(10) ** 30 - 1) * 108))
    }

    @Test func overflowRaisesTheSameErrorAndSkipsNullAndFilteredRows() throws {
        let big = DataType.decimal(precision: 38, scale: 0), small = DataType.decimal(precision: 18, scale: 0)
        let huge = Int128(10) ** 37
        let failing = makeBatch([("a", big, [.decimal(1), .decimal(huge)]), ("b", small, [.decimal(2), .decimal(100)])])
        let (fast, slow) = try Self.both(col(0, big), col(1, small))
        let fastError = try #require(throws: ExecutionError.self) { try evaluate(fast, failing) }
        let slowError = try #require(throws: ExecutionError.self) { try evaluate(slow, failing) }
        #expect(fastError.code == .outOfRange)
        #expect(fastError.message == slowError.message)
        let skipped = makeBatch([("a", big, [.decimal(huge), .decimal(huge), .decimal(3)]), ("b", small, [.decimal(100), .null, .decimal(2)])],
                                selection: [1, 2])
        #expect(try evaluate(fast, skipped) == [.null, .decimal(6)])
    }
}
