import Columnar
import Testing
@testable import SQLExecution

@Suite struct WindowTests {
    static let schema = Schema([Field("p", .string), Field("o", .int64), Field("v", .int64)])
    // Input order is deliberately not window order; output keeps input order.
    static let rows: [[Value]] = [
        [.string("a"), .int(3), .int(30)], [.string("b"), .int(1), .int(5)], [.string("a"), .int(1), .int(10)],
        [.string("a"), .int(2), .int(20)], [.string("a"), .int(2), .int(25)], [.string("b"), .int(2), .null],
    ]

    func window(_ w: WindowExpression) throws -> [Value] {
        let op = try PhysicalWindow(PhysicalValues(schema: Self.schema, rows: Self.rows), [w])
        return try drain(op).map { $0[3] }
    }

    let p = [col(0, .string)], o = [SortKey(col(1, .int64))], v = col(2, .int64)

    @Test func rankingFunctions() throws {
        #expect(try window(WindowExpression(.rowNumber, partitionBy: p, orderBy: o)) == [4, 1, 1, 2, 3, 2].map { .int($0) })
        #expect(try window(WindowExpression(.rank, partitionBy: p, orderBy: o)) == [4, 1, 1, 2, 2, 2].map { .int($0) })
        #expect(try window(WindowExpression(.denseRank, partitionBy: p, orderBy: o)) == [3, 1, 1, 2, 2, 2].map { .int($0) })
    }

    @Test func lagAndLead() throws {
        let order = [SortKey(col(1, .int64)), SortKey(col(2, .int64))]
        #expect(try window(WindowExpression(.lag(offset: 1, default: nil), arguments: [v], partitionBy: p, orderBy: order))
            == [.int(25), .null, .null, .int(10), .int(20), .int(5)])
        #expect(try window(WindowExpression(.lead(offset: 2, default: .int(-1)), arguments: [v], partitionBy: p, orderBy: order))
            == [.int(-1), .int(-1), .int(25), .int(30), .int(-1), .int(-1)])
    }

    @Test func runningSumUsesRangePeersByDefault() throws {
        // Partition a by o: 1→10, 2→20,25 (peers), 3→30.
        #expect(try window(WindowExpression(.aggregate(.sum), arguments: [v], partitionBy: p, orderBy: o))
            == [.int(85), .int(5), .int(10), .int(55), .int(55), .int(5)])
        let rowsFrame = WindowFrame(.rows, start: .unboundedPreceding, end: .currentRow)
        let order = [SortKey(col(1, .int64)), SortKey(col(2, .int64))]
        #expect(try window(WindowExpression(.aggregate(.sum), arguments: [v], partitionBy: p, orderBy: order, frame: rowsFrame))
            == [.int(85), .int(5), .int(10), .int(30), .int(55), .int(5)])
    }

    @Test func slidingRowsAndRangeFrames() throws {
        let order = [SortKey(col(1, .int64)), SortKey(col(2, .int64))]
        let sliding = WindowFrame(.rows, start: .preceding(1), end: .following(1))
        #expect(try window(WindowExpression(.aggregate(.max), arguments: [v], partitionBy: p, orderBy: order, frame: sliding))
            == [.int(30), .int(5), .int(20), .int(25), .int(30), .int(5)])
        let range = WindowFrame(.range, start: .preceding(1), end: .currentRow)
        #expect(try window(WindowExpression(.aggregate(.count), arguments: [v], partitionBy: p, orderBy: o, frame: range))
            == [.int(3), .int(1), .int(1), .int(3), .int(3), .int(1)])
        #expect(try window(WindowExpression(.aggregate(.avg), arguments: [v], partitionBy: p))
            == [.float(21.25), .float(5), .float(21.25), .float(21.25), .float(21.25), .float(5)])
        #expect(try window(WindowExpression(.aggregate(.countStar))) == Array(repeating: .int(6), count: 6))
    }

    @Test func rangeOffsetNeedsOneNumericOrderKey() throws {
        let range = WindowFrame(.range, start: .preceding(1), end: .currentRow)
        #expect(throws: ExecutionError.self) {
            try PhysicalWindow(PhysicalValues(schema: Self.schema, rows: []), [
                WindowExpression(.aggregate(.sum), arguments: [v], orderBy: [SortKey(col(0, .string))], frame: range),
            ])
        }
    }

    @Test func frameOffsetsMustBeFiniteAndNonNegative() throws {
        for bad in [Double.nan, -1, .infinity] {
            #expect(throws: ExecutionError.self) {
                try PhysicalWindow(PhysicalValues(schema: Self.schema, rows: []), [
                    WindowExpression(.aggregate(.sum), arguments: [v], orderBy: o, frame: WindowFrame(.rows, start: .preceding(bad), end: .currentRow)),
                ])
            }
        }
    }

    @Test func emptyInputGivesNoRows() throws {
        let op = try PhysicalWindow(PhysicalValues(schema: Self.schema, rows: []), [
            WindowExpression(.rowNumber, partitionBy: p, orderBy: o), WindowExpression(.aggregate(.sum), arguments: [v]),
        ])
        #expect(try drain(op).isEmpty)
        #expect(op.schema.fields.map(\.type) == [.string, .int64, .int64, .int64, .int64])
    }
}
