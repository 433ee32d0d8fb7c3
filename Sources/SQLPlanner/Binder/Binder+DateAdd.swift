import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// Spark's `date_add(start, days)` / `date_sub(start, days)`: a DATE (a timestamp or a string argument is
    /// read as its date). With an INTERVAL literal, as DuckDB's `date_add(x, INTERVAL ...)`, it is `x ± interval`.
    func bindDateAdd(_ call: FunctionCall, subtract: Bool, _ context: ExpressionContext, at location: SourceLocation)
        throws -> PhysicalExpression
    {
        let name = call.lowercasedName
        guard call.arguments.count == 2, call.arguments.allSatisfy({ $0.name == nil }) else {
            throw PlannerError(.binder, "\(name)() takes 2 arguments (start, days), got \(call.arguments.count) (at \(location))")
        }
        let (start, amount) = (call.arguments[0].value, call.arguments[1].value)
        if let shifted = try bindIntervalArithmetic(subtract ? .subtract : .add, start, amount, context) { return shifted }
        var date = try bind(start, context)
        let days = try bind(amount, context)
        guard days.type.isInteger || days.type == .null else {
            throw PlannerError(.binder, "\(name)(): the number of days must be an integer, got \(days.type.sqlName) (at \(amount.location))")
        }
        switch date.type {
        case .date: break
        case .string, .timestamp, .null: date = date.cast(to: .date)
        default:
            throw PlannerError(.binder, "\(name)(): the start must be a DATE, TIMESTAMP or string, got \(date.type.sqlName) (at \(start.location))")
        }
        do {
            return try .arithmetic(subtract ? .subtract : .add, date, days.type == .null ? days.cast(to: .int32) : days)
        } catch let error as ExecutionError {
            throw PlannerError(.binder, "\(error.message.dropFirst("Binder Error: ".count)) (at \(location))")
        }
    }
}
