import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// Table function and CALL arguments as constants. `name => value` is named, and so is DuckDB's
    /// `name = value` (a bare column compared to a value cannot be a table function's argument otherwise).
    func constantArguments(_ arguments: [FunctionArgument], clause: String) throws -> TableFunctionArguments {
        let empty = ExpressionContext(scope: Scope(), plan: .values(Schema([]), [[]]), binder: self, clause: clause)
        var result = TableFunctionArguments()
        for argument in arguments {
            var name = argument.name?.name
            var value = argument.value
            if name == nil, case .binary(.equal, let left, let right) = value.kind, case .column(let parts) = left.kind,
                parts.count == 1
            {
                name = parts[0].name
                value = right
            }
            let constant = try constantValue(value, empty)
            if let name {
                result.named.append((name.lowercased(), constant))
            } else {
                guard result.named.isEmpty else {
                    throw PlannerError(.binder, "a positional argument follows named ones (at \(value.location))")
                }
                result.positional.append(constant)
            }
        }
        return result
    }

    /// A constant expression bound on its own, e.g. a static `PARTITION (p = value)`.
    func bindConstant(_ value: Expression, clause: String) throws -> PhysicalExpression {
        let empty = ExpressionContext(scope: Scope(), plan: .values(Schema([]), [[]]), binder: self, clause: clause)
        let bound = try bind(value, empty)
        guard bound.columnsReferenced.isEmpty, !bound.hasPlaceholder else {
            throw PlannerError(.binder, "expected a constant expression in \(clause) (at \(value.location))")
        }
        return bound
    }

    /// A constant; a list literal (`names => ['a', 'b']`) is a list of constants.
    private func constantValue(_ value: Expression, _ context: ExpressionContext) throws -> Value {
        if case .array(let items) = value.kind { return .list(try items.map { try constantValue($0, context) }) }
        return try constant(bind(value, context), at: value.location)
    }
}
