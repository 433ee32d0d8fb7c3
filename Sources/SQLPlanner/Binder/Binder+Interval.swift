import SQLExecution
import SQLSyntax

/// `date ± INTERVAL ...`: an interval literal is not a value of its own; it binds as the date arithmetic it
/// takes part in.
extension Binder {
    /// `l op r` when one side is an INTERVAL literal: `x + i`, `i + x` and `x - i`; nil otherwise.
    func bindIntervalArithmetic(_ op: BinaryOperator, _ l: Expression, _ r: Expression, _ context: ExpressionContext)
        throws -> PhysicalExpression?
    {
        switch (op, l.kind, r.kind) {
        case (.add, _, .literal(.interval(let text, let unit))):
            return .addInterval(try bind(l, context), try Self.interval(text, unit: unit, at: r.location))
        case (.subtract, _, .literal(.interval(let text, let unit))):
            return .addInterval(try bind(l, context), try Self.interval(text, unit: unit, at: r.location).negated)
        case (.add, .literal(.interval(let text, let unit)), _):
            return .addInterval(try bind(r, context), try Self.interval(text, unit: unit, at: l.location))
        default:
            return nil
        }
    }

    /// `'3' MONTH`, `'1 year'`, `'-2 days'`, `'1 day 12 hours'`: whole quantities of one or more units.
    static func interval(_ text: String, unit: IntervalUnit?, at location: SourceLocation) throws -> Interval {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var pairs: [(String, IntervalUnit)] = []
        if let unit {
            guard words.count == 1 else { throw invalidInterval(text, at: location) }
            pairs = [(words[0], unit)]
        } else {
            guard !words.isEmpty, words.count % 2 == 0 else { throw invalidInterval(text, at: location) }
            for i in stride(from: 0, to: words.count, by: 2) {
                guard let unit = Self.intervalUnit(words[i + 1]) else { throw invalidInterval(text, at: location) }
                pairs.append((words[i], unit))
            }
        }
        var result = Interval()
        for (quantity, unit) in pairs {
            guard let n = Int32(quantity), try add(n, unit, to: &result) else { throw invalidInterval(text, at: location) }
        }
        return result
    }

    /// Adds `n` units; false on overflow.
    private static func add(_ n: Int32, _ unit: IntervalUnit, to interval: inout Interval) throws -> Bool {
        func scaled<T: FixedWidthInteger>(_ value: T, _ factor: T, into field: inout T) -> Bool {
            let (product, o1) = value.multipliedReportingOverflow(by: factor)
            let (sum, o2) = field.addingReportingOverflow(product)
            field = sum
            return !o1 && !o2
        }
        let micros = Int64(n)
        switch unit {
        case .year: return scaled(n, 12, into: &interval.months)
        case .month: return scaled(n, 1, into: &interval.months)
        case .week: return scaled(n, 7, into: &interval.days)
        case .day: return scaled(n, 1, into: &interval.days)
        case .hour: return scaled(micros, 3_600_000_000, into: &interval.microseconds)
        case .minute: return scaled(micros, 60_000_000, into: &interval.microseconds)
        case .second: return scaled(micros, 1_000_000, into: &interval.microseconds)
        case .millisecond: return scaled(micros, 1_000, into: &interval.microseconds)
        case .microsecond: return scaled(micros, 1, into: &interval.microseconds)
        }
    }

    /// `day`, `DAYS`: singular or plural, any case.
    private static func intervalUnit(_ word: String) -> IntervalUnit? {
        let upper = word.uppercased()
        return IntervalUnit(rawValue: upper) ?? (upper.hasSuffix("S") ? IntervalUnit(rawValue: String(upper.dropLast())) : nil)
    }

    private static func invalidInterval(_ text: String, at location: SourceLocation) -> PlannerError {
        PlannerError(.binder, "could not convert string '\(text)' to INTERVAL (at \(location))")
    }
}
