import Columnar

/// ISO-8601 dates, times and timestamps, proleptic Gregorian:
/// date `[-]YYYY-MM-DD`; time `HH:MM[:SS[.fraction]]`; timestamp `date[(T| )time][Z|(+|-)HH[:MM]| UTC]`.
/// A timestamp with an offset is converted to UTC.
extension TextParse {
    /// Days since 1970-01-01.
    static func date(_ raw: UnsafePointer<UInt8>, _ rawCount: Int) -> Int32? {
        if rawCount == 10, let days = isoDate(raw) { return days }
        let (p, n) = trimmed(raw, rawCount)
        guard let (days, used) = datePrefix(p, n), used == n else { return nil }
        return Int32(exactly: days)
    }

    /// Units since midnight.
    static func time(_ raw: UnsafePointer<UInt8>, _ rawCount: Int, unit: TimeUnit) -> Int64? {
        let (p, n) = trimmed(raw, rawCount)
        guard let (value, used) = clock(p, n, unit: unit), used == n else { return nil }
        return value
    }

    /// Units since the Unix epoch, and whether the text carried a zone.
    static func timestamp(_ raw: UnsafePointer<UInt8>, _ rawCount: Int, unit: TimeUnit) -> (value: Int64, zoned: Bool)? {
        let (p, n) = trimmed(raw, rawCount)
        guard let (days, used) = datePrefix(p, n) else { return nil }
        var i = used
        var inDay: Int64 = 0
        if i < n && (p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: " ")) {
            guard let (value, clockUsed) = clock(p + i + 1, n - i - 1, unit: unit) else { return nil }
            inDay = value
            i += 1 + clockUsed
        }
        var offsetSeconds: Int64 = 0
        var zoned = false
        if i < n {
            guard let (offset, offsetUsed) = zone(p + i, n - i), offsetUsed == n - i else { return nil }
            offsetSeconds = offset
            zoned = true
        }
        let perDay = 86_400 * unit.perSecond
        let (dayUnits, o1) = days.multipliedReportingOverflow(by: perDay)
        let (local, o2) = dayUnits.addingReportingOverflow(inDay)
        let (utc, o3) = local.subtractingReportingOverflow(offsetSeconds * unit.perSecond)
        guard !o1 && !o2 && !o3 else { return nil }
        return (utc, zoned)
    }

    /// Exactly `YYYY-MM-DD`, how nearly every file spells a date: fixed positions, no digit-count loops.
    /// nil for anything else (the general parser then decides).
    @inline(__always)
    static func isoDate(_ p: UnsafePointer<UInt8>) -> Int32? {
        guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        let (d0, d1, d2, d3) = (p[0] &- 0x30, p[1] &- 0x30, p[2] &- 0x30, p[3] &- 0x30)
        let (m0, m1, e0, e1) = (p[5] &- 0x30, p[6] &- 0x30, p[8] &- 0x30, p[9] &- 0x30)
        guard d0 < 10, d1 < 10, d2 < 10, d3 < 10, m0 < 10, m1 < 10, e0 < 10, e1 < 10 else { return nil }
        let year = Int64(d0) &* 1000 &+ Int64(d1) &* 100 &+ Int64(d2) &* 10 &+ Int64(d3)
        let month = Int64(m0) &* 10 &+ Int64(m1)
        let day = Int64(e0) &* 10 &+ Int64(e1)
        guard month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) else { return nil }
        return Int32(truncatingIfNeeded: daysFromCivil(year, month, day))
    }

    /// `[-]YYYY-MM-DD` at the start of `p`: (days, bytes used).
    static func datePrefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> (Int64, Int)? {
        var i = 0
        let negative = n > 0 && p[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        guard let (year, yearEnd) = digits(p, n, from: i, min: 4, max: 6) else { return nil }
        guard yearEnd < n, p[yearEnd] == UInt8(ascii: "-") else { return nil }
        guard let (month, monthEnd) = digits(p, n, from: yearEnd + 1, min: 1, max: 2) else { return nil }
        guard monthEnd < n, p[monthEnd] == UInt8(ascii: "-") else { return nil }
        guard let (day, dayEnd) = digits(p, n, from: monthEnd + 1, min: 1, max: 2) else { return nil }
        let y = negative ? -year : year
        guard month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(y, month) else { return nil }
        return (daysFromCivil(y, month, day), dayEnd)
    }

    /// `HH:MM[:SS[.fraction]]`: (units since midnight, bytes used).
    static func clock(_ p: UnsafePointer<UInt8>, _ n: Int, unit: TimeUnit) -> (Int64, Int)? {
        guard let (hour, hourEnd) = digits(p, n, from: 0, min: 2, max: 2), hourEnd < n, p[hourEnd] == UInt8(ascii: ":"),
            let (minute, minuteEnd) = digits(p, n, from: hourEnd + 1, min: 2, max: 2)
        else { return nil }
        var i = minuteEnd
        var second: Int64 = 0
        var fraction: Int64 = 0
        if i < n && p[i] == UInt8(ascii: ":") {
            guard let (s, secondEnd) = digits(p, n, from: i + 1, min: 2, max: 2) else { return nil }
            second = s
            i = secondEnd
            if i < n && p[i] == UInt8(ascii: ".") {
                i += 1
                var scale = unit.perSecond
                let fractionStart = i
                while i < n, p[i] &- 0x30 < 10 {
                    if scale > 1 {
                        scale /= 10
                        fraction += Int64(p[i] &- 0x30) * scale
                    }
                    i += 1
                }
                guard i > fractionStart else { return nil }
            }
        }
        guard hour <= 24 && minute < 60 && second < 60, hour < 24 || (minute == 0 && second == 0 && fraction == 0) else { return nil }
        return (((hour * 60 + minute) * 60 + second) * unit.perSecond + fraction, i)
    }

    /// `Z`, ` UTC`, `+HH`, `+HHMM`, `+HH:MM` (or `-`): (seconds east of UTC, bytes used).
    static func zone(_ p: UnsafePointer<UInt8>, _ n: Int) -> (Int64, Int)? {
        var i = 0
        if i < n && p[i] == UInt8(ascii: " ") { i += 1 }
        guard i < n else { return nil }
        if p[i] == UInt8(ascii: "Z") || p[i] == UInt8(ascii: "z") { return (0, i + 1) }
        if n - i == 3 && p[i] == UInt8(ascii: "U") && p[i + 1] == UInt8(ascii: "T") && p[i + 2] == UInt8(ascii: "C") {
            return (0, n)
        }
        guard p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = p[i] == UInt8(ascii: "-") ? -1 : 1
        guard let (hours, hoursEnd) = digits(p, n, from: i + 1, min: 2, max: 2) else { return nil }
        var end = hoursEnd
        var minutes: Int64 = 0
        if end < n && p[end] == UInt8(ascii: ":") { end += 1 }
        if end < n, let (m, minutesEnd) = digits(p, n, from: end, min: 2, max: 2) {
            minutes = m
            end = minutesEnd
        }
        guard hours < 24 && minutes < 60 else { return nil }
        return (sign * (hours * 3600 + minutes * 60), end)
    }

    /// Between `min` and `max` ASCII digits starting at `from`: (value, end index).
    @inline(__always)
    static func digits(_ p: UnsafePointer<UInt8>, _ n: Int, from: Int, min: Int, max: Int) -> (Int64, Int)? {
        var i = from
        var value: Int64 = 0
        while i < n && i - from < max, case let d = p[i] &- 0x30, d < 10 {
            value = value * 10 + Int64(d)
            i += 1
        }
        return i - from >= min ? (value, i) : nil
    }

    static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        CivilDate.days(year: year, month: month, day: day)
    }
}
