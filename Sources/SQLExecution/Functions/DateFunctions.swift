import Columnar

/// Date functions: extract/date_part, date_trunc, strftime, strptime. Parts and formats are text arguments,
/// read per row (constant in practice). Arithmetic with intervals is `PhysicalExpression.addInterval`.
enum DateFunctions {
    typealias Resolver = ScalarFunctionRegistry.Resolver

    static let all: [String: Resolver] = [
        "date_part": datePart("date_part"),
        "extract": datePart("extract"),
        "date_trunc": dateTrunc,
        "strftime": strftime,
        "strptime": FunctionSignature.fixed("strptime", [.string, .string], .timestamp(.microsecond, utc: false)) {
            strptime
        },
    ]

    static func isDateLike(_ t: DataType) -> Bool {
        switch t {
        case .date, .timestamp: true
        default: false
        }
    }

    /// date_part(part, date | timestamp) -> BIGINT.
    static func datePart(_ name: String) -> Resolver {
        { types in
            guard types.count == 2, types[0] == .string, isDateLike(types[1]) else { return nil }
            return ScalarFunction(name, types, .int64) { args, batch in
                let micros = try TemporalScale.microsReader(args[1].type, args[1])
                return try FunctionKernel.fixed(.int64, Int64.self, args, batch) { i in
                    try DatePart(args[0].string(i)).extract(micros(i))
                }
            }
        }
    }

    /// date_trunc(part, x) keeps the type of x.
    static let dateTrunc: Resolver = { types in
        guard types.count == 2, types[0] == .string, isDateLike(types[1]) else { return nil }
        let type = types[1]
        return ScalarFunction("date_trunc", types, type) { args, batch in
            let micros = try TemporalScale.microsReader(type, args[1])
            if type == .date {
                return try FunctionKernel.fixed(.date, Int32.self, args, batch) { i in
                    let t = try DatePart(args[0].string(i)).truncate(micros(i))
                    return Int32(CivilCalendar.split(micros: t).days)
                }
            }
            guard case .timestamp(let unit, _) = type else { return args[1] }
            return try FunctionKernel.fixed(type, Int64.self, args, batch) { i in
                TemporalScale.fromMicros(try DatePart(args[0].string(i)).truncate(micros(i)), unit)
            }
        }
    }

    static let strftime: Resolver = { types in
        guard types.count == 2, isDateLike(types[0]), types[1] == .string else { return nil }
        return ScalarFunction("strftime", types, .string) { args, batch in
            let micros = try TemporalScale.microsReader(types[0], args[0])
            return try FunctionKernel.strings(args, batch) { i, out in
                try out.append(TimeFormat.format(micros(i), args[1].string(i)))
                return true
            }
        }
    }

    static func strptime(_ args: [Vector], _ batch: Batch) throws -> Vector {
        try FunctionKernel.fixed(.timestamp(.microsecond, utc: false), Int64.self, args, batch) { i in
            let text = args[0].string(i), format = args[1].string(i)
            guard let micros = TimeFormat.parse(text, format) else {
                throw ExecutionError(.invalidInput, "Could not parse string \"\(text)\" according to format specifier \"\(format)\"")
            }
            return micros
        }
    }
}

/// A date part name: year, quarter, month, week, day, dow, isodow, doy, hour, minute, second, millisecond,
/// microsecond, epoch.
struct DatePart {
    let name: String

    init(_ text: String) throws {
        let lowered = text.lowercased()
        let aliases = ["years": "year", "months": "month", "days": "day", "hours": "hour", "minutes": "minute",
                       "seconds": "second", "weeks": "week", "quarters": "quarter", "dayofweek": "dow",
                       "dayofyear": "doy", "milliseconds": "millisecond", "microseconds": "microsecond"]
        name = aliases[lowered] ?? lowered
        let known: Set = ["year", "quarter", "month", "week", "day", "dow", "isodow", "doy", "hour", "minute",
                          "second", "millisecond", "microsecond", "epoch", "decade", "century"]
        guard known.contains(name) else { throw ExecutionError(.invalidInput, "Unknown date part '\(text)'") }
    }

    func extract(_ micros: Int64) -> Int64 {
        let (days, time) = CivilCalendar.split(micros: micros)
        let d = CivilCalendar.date(days: days)
        switch name {
        case "year": return Int64(d.year)
        case "quarter": return Int64((d.month - 1) / 3 + 1)
        case "month": return Int64(d.month)
        case "day": return Int64(d.day)
        case "decade": return Int64(d.year / 10)
        case "century": return Int64(d.year > 0 ? (d.year - 1) / 100 + 1 : d.year / 100 - 1)
        case "dow": return Int64(CivilCalendar.isoWeekday(days: days) % 7)
        case "isodow": return Int64(CivilCalendar.isoWeekday(days: days))
        case "doy": return Int64(days - CivilCalendar.days(year: d.year, month: 1, day: 1) + 1)
        case "week": return Int64(isoWeek(days))
        case "hour": return time / 3_600_000_000
        case "minute": return time / 60_000_000 % 60
        case "second": return time / 1_000_000 % 60
        case "millisecond": return time / 1_000 % 60_000
        case "microsecond": return time % 60_000_000
        default: return micros / 1_000_000 - (micros % 1_000_000 < 0 ? 1 : 0)  // epoch
        }
    }

    /// ISO 8601 week number: the week with the year's first Thursday is week 1.
    private func isoWeek(_ days: Int) -> Int {
        let thursday = days - CivilCalendar.isoWeekday(days: days) + 4
        let year = CivilCalendar.date(days: thursday).year
        let first = CivilCalendar.days(year: year, month: 1, day: 1)
        return (thursday - first) / 7 + 1
    }

    func truncate(_ micros: Int64) -> Int64 {
        let (days, time) = CivilCalendar.split(micros: micros)
        let d = CivilCalendar.date(days: days)
        let day = Int64(days) * CivilCalendar.microsPerDay
        func start(_ y: Int, _ m: Int) -> Int64 { Int64(CivilCalendar.days(year: y, month: m, day: 1)) * CivilCalendar.microsPerDay }
        switch name {
        case "year": return start(d.year, 1)
        case "decade": return start(d.year - ((d.year % 10) + 10) % 10, 1)
        case "century": return start(d.year - ((d.year - 1) % 100 + 100) % 100, 1)
        case "quarter": return start(d.year, (d.month - 1) / 3 * 3 + 1)
        case "month": return start(d.year, d.month)
        case "week", "dow", "isodow": return day - Int64(CivilCalendar.isoWeekday(days: days) - 1) * CivilCalendar.microsPerDay
        case "day", "doy": return day
        case "hour": return day + time / 3_600_000_000 * 3_600_000_000
        case "minute": return day + time / 60_000_000 * 60_000_000
        case "second", "epoch": return day + time / 1_000_000 * 1_000_000
        case "millisecond": return day + time / 1_000 * 1_000
        default: return micros
        }
    }
}

/// strftime / strptime specifiers: %Y %m %d %H %M %S %f (microseconds) %y %j %b %B %a %A %p %I and %%.
enum TimeFormat {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func format(_ micros: Int64, _ format: String) -> String {
        let (days, time) = CivilCalendar.split(micros: micros)
        let d = CivilCalendar.date(days: days)
        let two = CivilCalendar.two
        var out = ""
        var percent = false
        for ch in format {
            guard percent else {
                if ch == "%" { percent = true } else { out.append(ch) }
                continue
            }
            percent = false
            let hour = Int(time / 3_600_000_000)
            switch ch {
            case "Y": out += String(d.year).leftPadded(4)
            case "y": out += two(d.year % 100)
            case "m": out += two(d.month)
            case "d": out += two(d.day)
            case "H": out += two(hour)
            case "I": out += two(hour % 12 == 0 ? 12 : hour % 12)
            case "p": out += hour < 12 ? "AM" : "PM"
            case "M": out += two(Int(time / 60_000_000 % 60))
            case "S": out += two(Int(time / 1_000_000 % 60))
            case "f": out += String(time % 1_000_000).leftPadded(6)
            case "j": out += String(days - CivilCalendar.days(year: d.year, month: 1, day: 1) + 1).leftPadded(3)
            case "B": out += months[d.month - 1]
            case "b": out += String(months[d.month - 1].prefix(3))
            case "A": out += weekdays[CivilCalendar.isoWeekday(days: days) - 1]
            case "a": out += String(weekdays[CivilCalendar.isoWeekday(days: days) - 1].prefix(3))
            case "%": out += "%"
            default: out += "%" + String(ch)
            }
        }
        return out
    }

    /// Microseconds since the epoch, or nil when `text` does not follow `format`.
    static func parse(_ text: String, _ format: String) -> Int64? {
        var s = Substring(text)
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0
        var pm: Bool? = nil
        var percent = false
        func number(_ maxDigits: Int) -> Int? {
            let digits = s.prefix(maxDigits).prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let v = Int(digits) else { return nil }
            s = s.dropFirst(digits.count)
            return v
        }
        for ch in format {
            guard percent else {
                if ch == "%" { percent = true } else {
                    guard s.first == ch else { return nil }
                    s = s.dropFirst()
                }
                continue
            }
            percent = false
            switch ch {
            case "Y": guard let v = number(4) else { return nil }; year = v
            case "y": guard let v = number(2) else { return nil }; year = 2000 + v
            case "m": guard let v = number(2), (1...12).contains(v) else { return nil }; month = v
            case "d": guard let v = number(2) else { return nil }; day = v
            case "H", "I": guard let v = number(2), v < 24 else { return nil }; hour = v
            case "M": guard let v = number(2), v < 60 else { return nil }; minute = v
            case "S": guard let v = number(2), v < 60 else { return nil }; second = v
            case "f":
                let digits = s.prefix(9).prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, let v = Int(digits.prefix(6)) else { return nil }
                micros = v * Int([1, 100_000, 10_000, 1_000, 100, 10, 1][min(6, digits.count)])
                s = s.dropFirst(digits.count)
            case "p":
                let word = s.prefix(2).uppercased()
                guard word == "AM" || word == "PM" else { return nil }
                pm = word == "PM"
                s = s.dropFirst(2)
            case "b", "B":
                guard let index = months.firstIndex(where: { s.lowercased().hasPrefix($0.prefix(3).lowercased()) }) else {
                    return nil
                }
                let full = months[index]
                s = s.dropFirst(s.lowercased().hasPrefix(full.lowercased()) && ch == "B" ? full.count : 3)
                month = index + 1
            case "%": guard s.first == "%" else { return nil }; s = s.dropFirst()
            default: return nil
            }
        }
        guard s.isEmpty, !percent, day >= 1, day <= CivilCalendar.daysInMonth(year, month) else { return nil }
        if let pm { hour = hour % 12 + (pm ? 12 : 0) }
        let days = Int64(CivilCalendar.days(year: year, month: month, day: day))
        return days * CivilCalendar.microsPerDay + Int64((hour * 60 + minute) * 60 + second) * 1_000_000 + Int64(micros)
    }
}

/// date / timestamp + interval: months first (clamping the day to the month's end), then days, then time.
final class IntervalNode: ExpressionNode {
    let child: ExpressionNode
    let interval: Interval
    let type: DataType

    init(child: ExpressionNode, interval: Interval) {
        self.child = child
        self.interval = interval
        type = child.type == .date && interval.microseconds != 0 ? .timestamp(.microsecond, utc: false) : child.type
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let v = try child.evaluate(batch)
        let micros = try TemporalScale.microsReader(v.type, v)
        if type == .date {
            return try FunctionKernel.fixed(.date, Int32.self, [v], batch) { i in
                Int32(exactly: CivilCalendar.split(micros: try add(micros(i))).days)
            }
        }
        let unit: TimeUnit = if case .timestamp(let u, _) = type { u } else if case .time(let u) = type { u } else { .microsecond }
        let isTime = if case .time = type { true } else { false }
        return try FunctionKernel.fixed(type, Int64.self, [v], batch) { i in
            var result = try add(micros(i))
            if isTime { result = CivilCalendar.split(micros: result).micros }
            return TemporalScale.fromMicros(result, unit)
        }
    }

    private func add(_ micros: Int64) throws -> Int64 {
        var (days, time) = CivilCalendar.split(micros: micros)
        if interval.months != 0 {
            let d = CivilCalendar.date(days: days)
            let total = d.year * 12 + (d.month - 1) + Int(interval.months)
            let (y, m) = (total >= 0 ? total / 12 : (total - 11) / 12, ((total % 12) + 12) % 12 + 1)
            days = CivilCalendar.days(year: y, month: m, day: min(d.day, CivilCalendar.daysInMonth(y, m)))
        }
        days += Int(interval.days)
        let (base, o1) = Int64(days).multipliedReportingOverflow(by: CivilCalendar.microsPerDay)
        let (withTime, o2) = base.addingReportingOverflow(time)
        let (result, o3) = withTime.addingReportingOverflow(interval.microseconds)
        if o1 || o2 || o3 { throw ExecutionError(.outOfRange, "Overflow adding an interval to \(micros)") }
        return result
    }
}
