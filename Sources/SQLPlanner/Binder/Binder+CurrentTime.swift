import Columnar
import Foundation
import SQLExecution

/// `current_date`, `current_timestamp` and `now()`, with or without parentheses: the time the statement is
/// bound, the same value in every row (DuckDB and Spark fix it per query too). Timestamps are UTC.
extension Binder {
    func currentTime(_ name: String) -> PhysicalExpression? {
        let micros = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))
        switch name.lowercased() {
        case "current_date", "today":
            let days = micros >= 0 ? micros / 86_400_000_000 : (micros - 86_399_999_999) / 86_400_000_000
            return .literal(.int(days), .date)
        case "current_timestamp", "now", "get_current_timestamp":
            return .literal(.int(micros), .timestamp(.microsecond, utc: true))
        default:
            return nil
        }
    }
}
