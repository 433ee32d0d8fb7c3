import Columnar
import Testing
@testable import SQLExecution

@Suite struct CastTests {
    @Test func stringToIntegerFailsWithConversionError() throws {
        let batch = makeBatch([("s", .string, [.string("42"), .string("abc")])])
        let error = try #require(throws: ExecutionError.self) {
            try evaluate(.cast(col(0, .string), to: .int32, isTry: false), batch)
        }
        #expect(error.code == .conversion)
        #expect(error.message == "Conversion Error: Could not convert string 'abc' to INT32")
        #expect(try evaluate(.cast(col(0, .string), to: .int32, isTry: true), batch) == [.int(42), .null])
    }

    @Test func narrowingIntegerCastChecksRange() throws {
        let batch = makeBatch([("x", .int64, [.int(100), .int(300), .null])])
        let error = try #require(throws: ExecutionError.self) {
            try evaluate(.cast(col(0, .int64), to: .int8, isTry: false), batch)
        }
        #expect(error.code == .outOfRange)
        #expect(try evaluate(.cast(col(0, .int64), to: .int8, isTry: true), batch) == [.int(100), .null, .null])
    }

    @Test func decimalCastsRescaleAndRound() throws {
        let batch = makeBatch([("s", .string, [.string(" 12.345 "), .string("-0.005"), .string("1e3")])])
        let d = DataType.decimal(precision: 6, scale: 2)
        #expect(try evaluate(.cast(col(0, .string), to: d, isTry: true), batch) == [.decimal(1235), .decimal(-1), .null])
        let dec = makeBatch([("d", d, [.decimal(1235), .decimal(-150)])])
        #expect(try evaluate(.cast(col(0, d), to: .int32, isTry: false), dec) == [.int(12), .int(-1)])
        #expect(try evaluate(.cast(col(0, d), to: .float64, isTry: false), dec) == [.float(12.35), .float(-1.5)])
        #expect(try evaluate(.cast(col(0, d), to: .string, isTry: false), dec) == [.string("12.35"), .string("-1.50")])
        #expect(try evaluate(.cast(col(0, d), to: .decimal(precision: 4, scale: 1), isTry: false), dec) == [.decimal(124), .decimal(-15)])
    }

    @Test func floatToIntegerTruncatesAndRejectsNaN() throws {
        let batch = makeBatch([("f", .float64, [.float(1.9), .float(-1.9), .float(.nan), .float(1e30)])])
        #expect(try evaluate(.cast(col(0, .float64), to: .int64, isTry: true), batch) == [.int(1), .int(-1), .null, .null])
    }

    @Test func temporalTextRoundTrips() throws {
        let batch = makeBatch([("s", .string, [.string("2024-02-29"), .string("1969-12-31"), .string("2023-02-29")])])
        let dates = try evaluate(.cast(col(0, .string), to: .date, isTry: true), batch)
        #expect(dates == [.int(19782), .int(-1), .null])
        let ts = makeBatch([("s", .string, [.string("2024-01-02 03:04:05.5"), .string("2024-01-02T03:04:05Z")])])
        let stamps = try evaluate(.cast(col(0, .string), to: .timestamp(.microsecond, utc: false), isTry: false), ts)
        #expect(stamps == [.int(1_704_164_645_500_000), .int(1_704_164_645_000_000)])
        let back = makeBatch([("t", .timestamp(.microsecond, utc: false), [.int(1_704_164_645_500_000)])])
        #expect(try evaluate(.cast(col(0, .timestamp(.microsecond, utc: false)), to: .string, isTry: false), back)
            == [.string("2024-01-02 03:04:05.5")])
        #expect(try evaluate(.cast(col(0, .timestamp(.microsecond, utc: false)), to: .date, isTry: false), back) == [.int(19724)])
    }

    @Test func booleansAndNumbersToText() throws {
        let batch = makeBatch([("b", .boolean, [.bool(true), .null]), ("i", .int16, [.int(-5), .int(7)])])
        #expect(try evaluate(.cast(col(0, .boolean), to: .string, isTry: false), batch) == [.string("true"), .null])
        #expect(try evaluate(.cast(col(1, .int16), to: .string, isTry: false), batch) == [.string("-5"), .string("7")])
        let text = makeBatch([("s", .string, [.string("TRUE"), .string("no"), .string("maybe")])])
        #expect(try evaluate(.cast(col(0, .string), to: .boolean, isTry: true), text) == [.bool(true), .bool(false), .null])
    }
}
