import Foundation

/// Instant times: `yyyyMMddHHmmssSSS` strings in the table's timeline zone (`hoodie.table.timeline.timezone`,
/// UTC when absent, as hudi-rs assumes; `LOCAL` means this process's zone).
public enum HoodieInstantTime {
    /// An instant time from what a user typed: 17 digits as is, 14 digits padded with `999` (the whole second,
    /// as Java pads), or an ISO-8601 / RFC-3339 date-time (`2024-04-18T17:35:50.988Z`, `2024-04-18 17:35:50`,
    /// a zone offset, or none meaning the timeline zone) converted to the timeline zone.
    public static func parse(_ text: String, timelineTimezone: String?) throws -> String {
        if HoodieInstant.isInstantTime(text) { return text.count == 14 ? text + "999" : text }
        let zone = timeZone(timelineTimezone)
        guard let date = date(from: text, defaultZone: zone) else {
            throw TableFormatError(.invalidArgument, "'\(text)' is neither an instant time (yyyyMMddHHmmss[SSS]) nor an ISO-8601 date-time")
        }
        return format(date, zone: zone)
    }

    static func timeZone(_ setting: String?) -> TimeZone {
        setting?.uppercased() == "LOCAL" ? .current : TimeZone(identifier: "UTC")!
    }

    /// `date` as `yyyyMMddHHmmssSSS` in `zone`.
    public static func format(_ date: Date, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyyMMddHHmmssSSS"
        return formatter.string(from: date)
    }

    static func date(from text: String, defaultZone: TimeZone) -> Date? {
        let normalized = text.replacingOccurrences(of: " ", with: "T")
        let hasZone = normalized.hasSuffix("Z") || normalized.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = defaultZone
        let patterns = hasZone
            ? ["yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXX", "yyyy-MM-dd'T'HH:mm:ssXX"]
            : ["yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"]
        for pattern in patterns {
            formatter.dateFormat = pattern
            if let date = formatter.date(from: normalized) { return date }
        }
        return nil
    }
}
