import Columnar
import Testing
@testable import SQLExecution

/// Kernels compute only selected rows, aligned with the physical rows, and operators accept any selection.
@Suite struct SelectionTests {
    @Test func stringFunctionsWriteAlignedRowsAndSkipUnselected() throws {
        let batch = makeBatch([("s", .string, [.string("zero"), .string("one"), .null, .string("three")])], selection: [1, 2, 3])
        let vector = try ExpressionExecutor(try .call("upper", [col(0, .string)])).evaluate(batch)
        #expect(vector.count == 4)
        #expect([1, 2, 3].map { vector.value(at: $0) } == [.string("ONE"), .null, .string("THREE")])
    }

    @Test func castOfUnselectedBadTextDoesNotThrow() throws {
        let batch = makeBatch([("s", .string, [.string("x"), .string("12")])], selection: [1])
        #expect(try evaluate(.cast(col(0, .string), to: .int64, isTry: false), batch) == [.int(12)])
    }

    @Test func unorderedSelectionIsCompactedFirst() throws {
        let batch = makeBatch([("x", .int64, [.int(1), .int(2), .int(3)])], selection: [2, 0])
        let prepared = ExpressionExecutor.prepared(batch)
        #expect(prepared.selection == nil)
        #expect(prepared.rows == [[.int(3)], [.int(1)]])
        let filtered = try PhysicalFilter(PhysicalValues(schema: batch.schema, batches: [batch]),
                                          predicate: try .compare(.greater, col(0, .int64), lit(1)))
        #expect(try drain(filtered) == [[.int(3)]])
    }

    @Test func tableScanAdaptsAnyBatchSource() throws {
        let schema = Schema([Field("x", .int32)])
        var produced = 0
        let source = ClosureBatchSource(schema: schema) {
            guard produced < 3 else { return nil }
            produced += 1
            return Batch(schema: schema, columns: [Vector(type: .int32, values: [.int(Int64(produced))])])
        }
        let scan = PhysicalTableScan(source, label: "t")
        #expect(try drain(scan) == [[.int(1)], [.int(2)], [.int(3)]])
        #expect(scan.explainAnalyze().hasPrefix("TABLE_SCAN [t] rows=3"))
    }

    @Test func uintAndFloat16Casts() throws {
        let batch = makeBatch([("u", .uint64, [.uint(UInt64.max), .uint(7)]), ("h", .float16, [.float(1.5), .float(-2)])])
        #expect(try evaluate(.cast(col(0, .uint64), to: .int64, isTry: true), batch) == [.null, .int(7)])
        #expect(try evaluate(.cast(col(1, .float16), to: .float64, isTry: false), batch) == [.float(1.5), .float(-2)])
        let e = try PhysicalExpression.compare(.greater, col(0, .uint64), lit(-1))
        #expect(e.type == .boolean)
        #expect(try evaluate(e, batch) == [.bool(true), .bool(true)])
    }

    @Test func intervalsOnDatesAndTimestamps() throws {
        let ts = DataType.timestamp(.millisecond, utc: false)
        let batch = makeBatch([("d", .date, [.int(Int64(CivilCalendar.days(year: 2023, month: 1, day: 31)))]),
                               ("t", ts, [.int(0)])])
        let withTime = PhysicalExpression.addInterval(col(0, .date), Interval(microseconds: 3_600_000_000))
        #expect(withTime.type == .timestamp(.microsecond, utc: false))
        let expected = Int64(CivilCalendar.days(year: 2023, month: 1, day: 31)) * 86_400_000_000 + 3_600_000_000
        #expect(try evaluate(withTime, batch) == [.int(expected)])
        #expect(try evaluate(.addInterval(col(1, ts), Interval(months: -1)), batch)
            == [.int(Int64(CivilCalendar.days(year: 1969, month: 12, day: 1)) * 86_400_000)])
    }
}
