import Columnar
import Testing
@testable import SQLExecution

@Suite struct FunctionTests {
    func call(_ name: String, _ args: [PhysicalExpression], _ batch: Batch) throws -> [Value] {
        try evaluate(try PhysicalExpression.call(name, args), batch)
    }

    let words = makeBatch([("s", .string, [.string("  Hello, World  "), .string("héllo"), .null])])

    @Test func stringBasics() throws {
        let s = col(0, .string)
        #expect(try call("length", [s], words) == [.int(16), .int(5), .null])
        #expect(try call("upper", [s], words) == [.string("  HELLO, WORLD  "), .string("HÉLLO"), .null])
        #expect(try call("lower", [s], words) == [.string("  hello, world  "), .string("héllo"), .null])
        #expect(try call("trim", [s], words) == [.string("Hello, World"), .string("héllo"), .null])
        #expect(try call("ltrim", [s], words) == [.string("Hello, World  "), .string("héllo"), .null])
        #expect(try call("rtrim", [s, lit("o ")], words) == [.string("  Hello, World"), .string("héll"), .null])
        #expect(try call("substring", [s, lit(3), lit(5)], words) == [.string("Hello"), .string("llo"), .null])
        #expect(try call("substring", [s, lit(2)], words) == [.string(" Hello, World  "), .string("éllo"), .null])
        #expect(try call("substring", [s, lit(Int64.min), lit(Int64.max)], words) == [.string("  Hello, World  "), .string("héllo"), .null])
        #expect(try call("substring", [s, lit(-3), lit(Int64.max)], words) == [.string("d  "), .string("llo"), .null])
        #expect(try call("strpos", [s, lit("l")], words) == [.int(5), .int(3), .null])
        #expect(try call("replace", [s, lit("l"), lit("L")], words) == [.string("  HeLLo, WorLd  "), .string("héLLo"), .null])
        #expect(try call("starts_with", [s, lit("hé")], words) == [.bool(false), .bool(true), .null])
        #expect(try call("split_part", [s, lit(","), lit(2)], words) == [.string(" World  "), .string(""), .null])
    }

    @Test func concatSkipsNullsButPipesPropagate() throws {
        let batch = makeBatch([("a", .string, [.string("a"), .null]), ("b", .string, [.string("b"), .string("c")])])
        #expect(try call("concat", [col(0, .string), col(1, .string)], batch) == [.string("ab"), .string("c")])
        #expect(try call("||", [col(0, .string), col(1, .string)], batch) == [.string("ab"), .null])
    }

    @Test func regexes() throws {
        let batch = makeBatch([("s", .string, [.string("abc123def45"), .string("none")])])
        #expect(try call("regexp_matches", [col(0, .string), lit("[0-9]+")], batch) == [.bool(true), .bool(false)])
        #expect(try call("regexp_replace", [col(0, .string), lit("([0-9]+)"), lit("<\\1>")], batch)
            == [.string("abc<123>def45"), .string("none")])
        #expect(try call("regexp_replace", [col(0, .string), lit("[0-9]"), lit(""), lit("g")], batch)
            == [.string("abcdef"), .string("none")])
        #expect(throws: ExecutionError.self) { try call("regexp_matches", [col(0, .string), lit("(")], batch) }
    }

    @Test func math() throws {
        let batch = makeBatch([("x", .float64, [.float(2.5), .float(-2.5), .null]), ("i", .int32, [.int(-3), .int(Int64(Int32.min)), .int(4)])])
        let x = col(0, .float64), i = col(1, .int32)
        #expect(try call("round", [x], batch) == [.float(3), .float(-3), .null])
        #expect(try call("floor", [x], batch) == [.float(2), .float(-3), .null])
        #expect(try call("ceil", [x], batch) == [.float(3), .float(-2), .null])
        #expect(try call("round", [litD(3.14159), lit(2)], batch).first == .float(3.14))
        #expect(try call("power", [lit(2), lit(10)], batch).first == .float(1024))
        #expect(try call("sqrt", [lit(16)], batch).first == .float(4))
        #expect(throws: ExecutionError.self) { try call("sqrt", [litD(-1)], batch) }
        #expect(throws: ExecutionError.self) { try call("ln", [lit(0)], batch) }
        #expect(try call("mod", [lit(7), lit(3)], batch).first == .int(1))
        #expect(throws: ExecutionError.self) { try call("abs", [i], batch) }  // abs(INT32_MIN)
        let ok = makeBatch([("i", .int32, [.int(-3), .null])])
        #expect(try call("abs", [col(0, .int32)], ok) == [.int(3), .null])
    }

    @Test func dates() throws {
        let ts = DataType.timestamp(.microsecond, utc: false)
        // 2024-03-15 13:45:30.25 (a Friday)
        let micros = Int64(CivilCalendar.days(year: 2024, month: 3, day: 15)) * 86_400_000_000 + ((13 * 60 + 45) * 60 + 30) * 1_000_000 + 250_000
        let batch = makeBatch([("t", ts, [.int(micros)]), ("d", .date, [.int(Int64(CivilCalendar.days(year: 2024, month: 1, day: 31)))])])
        let t = col(0, ts), d = col(1, .date)
        for (part, want) in [("year", 2024), ("month", 3), ("day", 15), ("hour", 13), ("minute", 45), ("second", 30),
                             ("quarter", 1), ("dow", 5), ("isodow", 5), ("doy", 75), ("week", 11)] {
            #expect(try call("date_part", [lit(part), t], batch) == [.int(Int64(want))], "\(part)")
        }
        let truncated = try call("date_trunc", [lit("month"), t], batch)
        #expect(truncated == [.int(Int64(CivilCalendar.days(year: 2024, month: 3, day: 1)) * 86_400_000_000)])
        #expect(try call("strftime", [t, lit("%Y/%m/%d %H:%M:%S.%f %a %b")], batch) == [.string("2024/03/15 13:45:30.250000 Fri Mar")])
        #expect(try call("strptime", [lit("15/03/2024 13:45:30.25"), lit("%d/%m/%Y %H:%M:%S.%f")], batch) == [.int(micros)])
        #expect(throws: ExecutionError.self) { try call("strptime", [lit("junk"), lit("%Y")], batch) }
        #expect(throws: ExecutionError.self) { try call("date_part", [lit("fortnight"), t], batch) }
        let plusMonth = try evaluate(.addInterval(d, Interval(months: 1)), batch)
        #expect(plusMonth == [.int(Int64(CivilCalendar.days(year: 2024, month: 2, day: 29)))])
        let minus = try evaluate(.addInterval(t, Interval(days: 1, microseconds: 250_000).negated), batch)
        #expect(minus == [.int(micros - 86_400_000_000 - 250_000)])
    }

    @Test func unknownFunctionAndBadArgumentsAreBinderErrors() throws {
        let e1 = try #require(throws: ExecutionError.self) { try PhysicalExpression.call("frobnicate", [lit(1)]) }
        #expect(e1.message.hasPrefix("Binder Error: Scalar Function with name frobnicate"))
        #expect(throws: ExecutionError.self) { try PhysicalExpression.call("length", [lit(1)]) }
    }
}
