import Columnar

/// Temporal values as microseconds since the epoch (or since midnight for TIME).
enum TemporalScale {
    static func microsReader(_ type: DataType, _ v: Vector) throws -> (Int) -> Int64 {
        switch type {
        case .date:
            return { i in Int64(v.buffer.load(i, as: Int32.self)) * CivilCalendar.microsPerDay }
        case .timestamp(let unit, _), .time(let unit):
            return { i in toMicros(v.buffer.load(i, as: Int64.self), unit) }
        default:
            throw ExecutionError.mismatch("\(type.sqlName) is not a temporal type")
        }
    }

    static func toMicros(_ value: Int64, _ unit: TimeUnit) -> Int64 {
        switch unit {
        case .second: value &* 1_000_000
        case .millisecond: value &* 1_000
        case .microsecond: value
        case .nanosecond: value / 1_000 - (value % 1_000 < 0 ? 1 : 0)
        }
    }

    static func fromMicros(_ micros: Int64, _ unit: TimeUnit) -> Int64? {
        switch unit {
        case .second: micros / 1_000_000 - (micros % 1_000_000 < 0 ? 1 : 0)
        case .millisecond: micros / 1_000 - (micros % 1_000 < 0 ? 1 : 0)
        case .microsecond: micros
        case .nanosecond:
            { let (r, o) = micros.multipliedReportingOverflow(by: 1_000); return o ? nil : r }()
        }
    }
}
