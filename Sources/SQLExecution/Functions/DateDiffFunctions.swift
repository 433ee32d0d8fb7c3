import Columnar

/// Differences of dates and timestamps, BIGINT:
/// - Spark's `datediff(end, start)`: days from start to end;
/// - DuckDB's `date_diff(part, start, end)` (also `datediff`): the part boundaries crossed from start to end
///   (calendar years, quarters, months; days; hours, minutes, seconds, milliseconds, microseconds), and for
///   weeks the whole weeks between them, truncated toward zero.
enum DateDiffFunctions {
    typealias Resolver = ScalarFunctionRegistry.Resolver

    static let all: [String: Resolver] = ["datediff": dateDiff, "date_diff": dateDiff]

    /// Strings are read as dates, as Spark does.
    private static func temporal(_ t: DataType) -> DataType? {
        DateFunctions.isDateLike(t) ? t : (t == .string ? .date : nil)
    }

    static let dateDiff: Resolver = { types in
        if types.count == 2, let end = temporal(types[0]), let start = temporal(types[1]) {
            return ScalarFunction("datediff", [end, start], .int64) { args, batch in
                let e = try TemporalScale.microsReader(end, args[0]), s = try TemporalScale.microsReader(start, args[1])
                return try FunctionKernel.fixed(.int64, Int64.self, args, batch) { i in
                    try DateDifference.day.between(s(i), e(i))
                }
            }
        }
        guard types.count == 3, types[0] == .string, let start = temporal(types[1]), let end = temporal(types[2]) else {
            return nil
        }
        return ScalarFunction("date_diff", [.string, start, end], .int64) { args, batch in
            let s = try TemporalScale.microsReader(start, args[1]), e = try TemporalScale.microsReader(end, args[2])
            return try FunctionKernel.fixed(.int64, Int64.self, args, batch) { i in
                try DateDifference(args[0].string(i)).between(s(i), e(i))
            }
        }
    }
}

/// A part `date_diff` counts in.
enum DateDifference {
    case year, quarter, month, week, day, hour, minute, second, millisecond, microsecond

    init(_ text: String) throws {
        switch try DatePart(text).name {
        case "year": self = .year
        case "quarter": self = .quarter
        case "month": self = .month
        case "week": self = .week
        case "day": self = .day
        case "hour": self = .hour
        case "minute": self = .minute
        case "second": self = .second
        case "millisecond": self = .millisecond
        case "microsecond": self = .microsecond
        default: throw ExecutionError(.invalidInput, "date_diff: date part '\(text)' is not a unit to count in")
        }
    }

    /// From `start` to `end`, both in microseconds since the epoch.
    func between(_ start: Int64, _ end: Int64) throws -> Int64 {
        let (d0, _) = CivilCalendar.split(micros: start), (d1, _) = CivilCalendar.split(micros: end)
        switch self {
        case .year, .quarter, .month:
            let a = CivilCalendar.date(days: d0), b = CivilCalendar.date(days: d1)
            let months = Int64(b.year - a.year) * 12 + Int64(b.month - a.month)
            if self == .month { return months }
            if self == .year { return Int64(b.year - a.year) }
            return Int64(b.year - a.year) * 4 + Int64((b.month - 1) / 3 - (a.month - 1) / 3)
        case .week: return Int64(d1 - d0) / 7
        case .day: return Int64(d1 - d0)
        case .hour: return try boundaries(start, end, 3_600_000_000)
        case .minute: return try boundaries(start, end, 60_000_000)
        case .second: return try boundaries(start, end, 1_000_000)
        case .millisecond: return try boundaries(start, end, 1_000)
        case .microsecond: return try checked(end.subtractingReportingOverflow(start))
        }
    }

    /// Units of `size` microseconds whose start lies in (start, end], negative when end is before start.
    private func boundaries(_ start: Int64, _ end: Int64, _ size: Int64) throws -> Int64 {
        func floorUnits(_ v: Int64) -> Int64 { v / size - (v % size < 0 ? 1 : 0) }
        return try checked(floorUnits(end).subtractingReportingOverflow(floorUnits(start)))
    }

    private func checked(_ result: (partialValue: Int64, overflow: Bool)) throws -> Int64 {
        guard !result.overflow else { throw ExecutionError(.outOfRange, "date_diff in \(self)s overflows BIGINT") }
        return result.partialValue
    }
}
