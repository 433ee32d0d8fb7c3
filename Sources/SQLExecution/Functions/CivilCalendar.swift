import Columnar
/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (Columnar's `CivilDate`),
/// plus the text forms DATE, TIME and TIMESTAMP print and parse as.
enum CivilCalendar {
    struct Date: Equatable {
        var year: Int, month: Int, day: Int
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        Int(CivilDate.days(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    static func date(days: Int) -> Date {
        let civil = CivilDate.civil(days: Int64(days))
        return Date(year: Int(civil.year), month: Int(civil.month), day: Int(civil.day))
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ISO weekday: Monday 1 ... Sunday 7.
    static func isoWeekday(days: Int) -> Int {
        let w = (days % 7 + 7 + 3) % 7  // 1970-01-01 was a Thursday
        return w + 1
    }

    static let microsPerDay: Int64 = 86_400_000_000

    /// Splits microseconds since the epoch into days and microseconds of the day.
    static func split(micros: Int64) -> (days: Int, micros: Int64) {
        var days = micros / microsPerDay
        var rest = micros % microsPerDay
        if rest < 0 {
            rest += microsPerDay
            days -= 1
        }
        return (Int(days), rest)
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    static func formatDate(days: Int) -> String {
        let d = date(days: days)
        let year = d.year >= 0 && d.year < 10000 ? String(d.year).leftPadded(4) : "\(d.year)"
        return "\(year)-\(two(d.month))-\(two(d.day))"
    }

    static func formatTime(micros: Int64) -> String {
        let seconds = Int(micros / 1_000_000)
        let fraction = Int(micros % 1_000_000)
        var text = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if fraction != 0 {
            var digits = String(fraction).leftPadded(6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    static func formatTimestamp(micros: Int64) -> String {
        let (days, time) = split(micros: micros)
        return formatDate(days: days) + " " + formatTime(micros: time)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Parses DATE / TIME / TIMESTAMP text: `YYYY-MM-DD`, `HH:MM:SS[.ffffff]`, `YYYY-MM-DD[ T]HH:MM:SS[.f][Z|±HH:MM]`.
struct TemporalParser {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: some Collection<UInt8>) {
        var trimmed = Array(text)
        while let last = trimmed.last, last == 0x20 { trimmed.removeLast() }
        bytes = Array(trimmed.drop { $0 == 0x20 })
    }

    static func date(_ text: some Collection<UInt8>) -> Int32? {
        var parser = TemporalParser(text)
        guard let days = parser.parseDate(), parser.atEnd else { return nil }
        return Int32(exactly: days)
    }

    static func time(_ text: some Collection<UInt8>) -> Int64? {
        var parser = TemporalParser(text)
        guard let micros = parser.parseTime(), parser.atEnd else { return nil }
        return micros
    }

    /// Microseconds since the epoch; a trailing zone offset is applied (the result is UTC).
    static func timestamp(_ text: some Collection<UInt8>) -> Int64? {
        var parser = TemporalParser(text)
        guard let days = parser.parseDate() else { return nil }
        var micros = Int64(days) * CivilCalendar.microsPerDay
        if parser.atEnd { return micros }
        guard parser.take(0x20) || parser.take(0x54), let time = parser.parseTime() else { return nil }
        micros += time
        if parser.take(0x5A) || parser.atEnd { return parser.atEnd ? micros : nil }
        guard let offset = parser.parseOffset(), parser.atEnd else { return nil }
        return micros - offset
    }

    var atEnd: Bool { position == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func number(maxDigits: Int) -> Int? {
        var value = 0, digits = 0
        while position < bytes.count, digits < maxDigits, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            value = value * 10 + Int(bytes[position] - 0x30)
            position += 1
            digits += 1
        }
        return digits == 0 ? nil : value
    }

    mutating func parseDate() -> Int? {
        let negative = take(0x2D)
        guard let year = number(maxDigits: 6), take(0x2D), let month = number(maxDigits: 2), take(0x2D),
            let day = number(maxDigits: 2), (1...12).contains(month)
        else { return nil }
        let y = negative ? -year : year
        guard day >= 1, day <= CivilCalendar.daysInMonth(y, month) else { return nil }
        return CivilCalendar.days(year: y, month: month, day: day)
    }

    mutating func parseTime() -> Int64? {
        guard let h = number(maxDigits: 2), take(0x3A), let m = number(maxDigits: 2), h < 24, m < 60 else { return nil }
        var s = 0
        if take(0x3A) {
            guard let sec = number(maxDigits: 2), sec < 60 else { return nil }
            s = sec
        }
        var micros = Int64((h * 60 + m) * 60 + s) * 1_000_000
        if take(0x2E) {
            var scale: Int64 = 100_000
            var digits = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                micros += Int64(bytes[position] - 0x30) * scale
                scale /= 10
                position += 1
                digits += 1
            }
            if digits == 0 { return nil }
        }
        return micros
    }

    mutating func parseOffset() -> Int64? {
        let sign: Int64
        if take(0x2B) { sign = 1 } else if take(0x2D) { sign = -1 } else { return nil }
        guard let h = number(maxDigits: 2) else { return nil }
        var m = 0
        if take(0x3A) || position < bytes.count { m = number(maxDigits: 2) ?? 0 }
        return sign * Int64(h * 60 + m) * 60_000_000
    }
}
