import Columnar
import Foundation

extension HoodieInstantTime {
    /// `yyyyMMddHHmmssSSS` for a count of milliseconds since 1970-01-01T00:00:00 in the instant's own zone
    /// (wall-clock milliseconds: the zone offset is applied by the caller). Exact integer calendar arithmetic,
    /// so adding one millisecond never rounds.
    public static func format(wallClockMillis millis: Int64) -> String {
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let inDay = millis - days * 86_400_000
        let (year, month, day) = civil(fromDays: days)
        let fields: [(Int64, Int)] = [(year, 4), (month, 2), (day, 2), (inDay / 3_600_000, 2),
                                      (inDay / 60_000 % 60, 2), (inDay / 1000 % 60, 2), (inDay % 1000, 3)]
        var out = ""
        for (value, width) in fields {
            let digits = String(value)
            out += String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return out
    }

    /// The wall-clock milliseconds of an instant time (14 digits count as `…999`, as Java pads them); nil
    /// when `text` is not an instant time or names an impossible date.
    public static func wallClockMillis(_ text: String) -> Int64? {
        guard HoodieInstant.isInstantTime(text) else { return nil }
        let digits = Array((text.utf8.count == 14 ? text + "999" : text).utf8).map { Int64($0 - 48) }
        func number(_ range: Range<Int>) -> Int64 { digits[range].reduce(0) { $0 * 10 + $1 } }
        let (year, month, day) = (number(0..<4), number(4..<6), number(6..<8))
        let (hour, minute, second, milli) = (number(8..<10), number(10..<12), number(12..<14), number(14..<17))
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let days = days(fromCivil: year, month, day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milli
    }

    /// The wall-clock milliseconds of `date` in `zone`.
    static func wallClockMillis(_ date: Date, zone: TimeZone) -> Int64 {
        let utc = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        return utc + Int64(zone.secondsFromGMT(for: date)) * 1000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        CivilDate.days(year: year, month: month, day: day)
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        CivilDate.civil(days: days)
    }
}
