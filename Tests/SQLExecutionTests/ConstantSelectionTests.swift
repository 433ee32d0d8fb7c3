import Columnar
import Testing
@testable import SQLExecution

/// `column op constant` and BETWEEN constants select rows straight into a selection vector; they must keep
/// exactly the rows where the BOOLEAN the same expression evaluates to is TRUE (NULLs, NaN, selections).
@Suite struct ConstantSelectionTests {
    /// Live rows where `expression` evaluates to TRUE: the reference the selecting path must match.
    func trueRows(_ expression: PhysicalExpression, _ batch: Batch) throws -> [UInt32] {
        let vector = try ExpressionExecutor(expression).evaluate(batch)
        var rows: [UInt32] = []
        batch.forEachRow { if vector.value(at: $0) == .bool(true) { rows.append(UInt32($0)) } }
        return rows
    }

    func selected(_ expression: PhysicalExpression, _ batch: Batch) throws -> [UInt32] {
        Array(try ExpressionExecutor(expression).select(batch).indices)
    }

    func randomColumn(_ type: DataType, count: Int, _ rng: inout SplitMix64) -> [Value] {
        (0..<count).map { _ in
            if Int.random(in: 0..<8, using: &rng) == 0 { return .null }
            switch type {
            case .float64:
                return Int.random(in: 0..<10, using: &rng) == 0 ? .float(.nan) : .float(Double(Int.random(in: -5...5, using: &rng)))
            case .decimal: return .decimal(Int128(Int.random(in: -500...500, using: &rng)))
            default: return .int(Int64(Int.random(in: -5...5, using: &rng)))
            }
        }
    }

    func constant(_ type: DataType, _ k: Int) -> PhysicalExpression {
        switch type {
        case .float64: .literal(.float(Double(k)), .float64)
        case .decimal: .literal(.decimal(Int128(k * 100)), type)
        default: .literal(.int(Int64(k)), type)
        }
    }

    @Test(arguments: [DataType.int32, .int64, .date, .decimal(precision: 15, scale: 2), .float64])
    func comparisonsMatchTheBooleanPath(type: DataType) throws {
        var rng = SplitMix64(seed: 42)
        for round in 0..<20 {
            let count = Int.random(in: 0...300, using: &rng)
            let live = round % 2 == 0 ? nil : (0..<count).filter { _ in Bool.random(using: &rng) }
            let batch = makeBatch([("x", type, randomColumn(type, count: count, &rng))], selection: live)
            let k = Int.random(in: -4...4, using: &rng)
            for op in ComparisonOperator.allCases {
                for expression in [PhysicalExpression.comparison(op, col(0, type), constant(type, k)),
                                   .comparison(op, constant(type, k), col(0, type))] {
                    #expect(try selected(expression, batch) == trueRows(expression, batch), "\(expression)")
                }
            }
            let between = PhysicalExpression.between(col(0, type), low: constant(type, k), high: constant(type, k + 2), negated: false)
            let outside = PhysicalExpression.between(col(0, type), low: constant(type, k), high: constant(type, k + 2), negated: true)
            #expect(try selected(between, batch) == trueRows(between, batch))
            #expect(try selected(outside, batch) == trueRows(outside, batch))
        }
    }

    @Test func stringComparisonsMatchTheBooleanPath() throws {
        var rng = SplitMix64(seed: 5)
        let words = ["", "R", "A", "N", "RR", "R\u{0}", "BUILDING", "BUILDINGS", "BUILDINF", "ü"]
        for round in 0..<20 {
            let count = Int.random(in: 0...300, using: &rng)
            let live = round % 2 == 0 ? nil : (0..<count).filter { _ in Bool.random(using: &rng) }
            let values: [Value] = (0..<count).map { _ in
                Int.random(in: 0..<8, using: &rng) == 0 ? .null : .string(words[Int.random(in: 0..<words.count, using: &rng)])
            }
            let batch = makeBatch([("s", .string, values)], selection: live)
            let k = lit(words[Int.random(in: 0..<words.count, using: &rng)])
            for op in ComparisonOperator.allCases {
                for expression in [PhysicalExpression.comparison(op, col(0, .string), k), .comparison(op, k, col(0, .string))] {
                    #expect(try selected(expression, batch) == trueRows(expression, batch), "\(expression)")
                }
            }
        }
    }

    @Test func nullConstantsSelectNothing() throws {
        let batch = makeBatch([("x", .int64, [.int(1), .null, .int(3)])])
        #expect(try selected(.comparison(.equal, col(0, .int64), .literal(.null, .int64)), batch).isEmpty)
        #expect(try selected(.between(col(0, .int64), low: .literal(.null, .int64), high: lit(5), negated: true), batch).isEmpty)
        #expect(try selected(.comparison(.less, col(0, .int64), lit(3)), batch) == [0])
    }

    @Test func conjunctionsNarrowThroughConstantComparisons() throws {
        let values = (0..<5000).map { Value.int(Int64($0 % 100)) }
        let batch = makeBatch([("x", .int64, values)])
        let predicate = PhysicalExpression.and([.comparison(.greaterOrEqual, col(0, .int64), lit(10)),
                                                .comparison(.less, col(0, .int64), lit(20)),
                                                .between(col(0, .int64), low: lit(15), high: lit(30), negated: false)])
        let rows = try selected(predicate, batch)
        #expect(rows.count == 250)
        #expect(rows.allSatisfy { (15..<20).contains($0 % 100) })
    }
}
