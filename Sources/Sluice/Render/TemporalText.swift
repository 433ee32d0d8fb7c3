import Columnar
/// Dates, times and timestamps as ISO-8601 text, proleptic Gregorian, for any Int64 input (no trap).
enum TemporalText {
    /// (year, month, day) of `days` since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let civil = CivilDate.civil(days: days)
        return (civil.year, Int(civil.month), Int(civil.day))
    }

    static func date(days: Int64, into out: inout [UInt8]) {
        let (year, month, day) = civil(fromDays: days)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        padded(year.magnitude, width: 4, into: &out)
        out.append(UInt8(ascii: "-"))
        padded(UInt64(month), width: 2, into: &out)
        out.append(UInt8(ascii: "-"))
        padded(UInt64(day), width: 2, into: &out)
    }

    /// `HH:MM:SS[.fraction]` of `value` units since midnight (any value; the day part is dropped).
    static func time(_ value: Int64, unit: TimeUnit, into out: inout [UInt8]) {
        let perDay = 86_400 &* unit.perSecond
        let inDay = ((value % perDay) + perDay) % perDay
        clock(inDay, unit: unit, into: &out)
    }

    static func timestamp(_ value: Int64, unit: TimeUnit, utc: Bool, into out: inout [UInt8]) {
        let perDay = 86_400 &* unit.perSecond
        var days = value / perDay
        var inDay = value % perDay
        if inDay < 0 {
            inDay += perDay
            days -= 1
        }
        date(days: days, into: &out)
        out.append(UInt8(ascii: "T"))
        clock(inDay, unit: unit, into: &out)
        if utc { out.append(UInt8(ascii: "Z")) }
    }

    private static func clock(_ inDay: Int64, unit: TimeUnit, into out: inout [UInt8]) {
        let seconds = inDay / unit.perSecond
        let fraction = inDay % unit.perSecond
        padded(UInt64(seconds / 3600), width: 2, into: &out)
        out.append(UInt8(ascii: ":"))
        padded(UInt64(seconds / 60 % 60), width: 2, into: &out)
        out.append(UInt8(ascii: ":"))
        padded(UInt64(seconds % 60), width: 2, into: &out)
        let digits: Int
        switch unit {
        case .second: digits = 0
        case .millisecond: digits = 3
        case .microsecond: digits = 6
        case .nanosecond: digits = 9
        }
        if digits > 0 {
            out.append(UInt8(ascii: "."))
            padded(UInt64(fraction), width: digits, into: &out)
        }
    }

    static func padded(_ value: UInt64, width: Int, into out: inout [UInt8]) {
        let text = String(value).utf8
        if text.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - text.count)) }
        out.append(contentsOf: text)
    }
}
