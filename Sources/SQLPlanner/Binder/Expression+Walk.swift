import SQLSyntax

extension Expression {
    /// The direct child expressions, not descending into subqueries or window specifications.
    var children: [Expression] {
        switch kind {
        case .literal, .column, .exists, .subquery: return []
        case .unary(_, let e), .isNull(let e, _), .isBoolean(let e, _, _), .cast(let e, _, _), .extract(_, let e),
            .field(let e, _), .collate(let e, _), .inQuery(let e, _, _):
            return [e]
        case .binary(_, let a, let b), .isDistinctFrom(let a, let b, _), .element(let a, let b): return [a, b]
        case .between(let e, let low, let high, _): return [e, low, high]
        case .inList(let e, let list, _): return [e] + list
        case .like(let e, let pattern, let escape, _, _): return [e, pattern] + (escape.map { [$0] } ?? [])
        case .caseWhen(let operand, let branches, let otherwise):
            return (operand.map { [$0] } ?? []) + branches.flatMap { [$0.condition, $0.result] }
                + (otherwise.map { [$0] } ?? [])
        case .function(let call):
            return call.arguments.map(\.value) + call.orderBy.map(\.expression) + (call.filter.map { [$0] } ?? [])
        case .row(let list), .array(let list): return list
        }
    }

    /// Calls `visit` on this node and every descendant (pre-order) while it returns true.
    func walk(_ visit: (Expression) -> Bool) {
        guard visit(self) else { return }
        for child in children { child.walk(visit) }
    }

    /// The operands of a top-level AND chain.
    var astConjuncts: [Expression] {
        if case .binary(.and, let l, let r) = kind { return l.astConjuncts + r.astConjuncts }
        return [self]
    }

    /// The aggregate calls in this expression (not inside other aggregates, windows or subqueries).
    var aggregateCalls: [FunctionCall] {
        var calls: [FunctionCall] = []
        walk { e in
            guard case .function(let call) = e.kind else { return true }
            if call.window == nil, call.isAggregate {
                calls.append(call)
                return false
            }
            return call.window == nil
        }
        return calls
    }

    /// The window function calls in this expression.
    var windowCalls: [FunctionCall] {
        var calls: [FunctionCall] = []
        walk { e in
            if case .function(let call) = e.kind, call.window != nil {
                calls.append(call)
                return false
            }
            return true
        }
        return calls
    }
}

extension FunctionCall {
    var lowercasedName: String { name.name.name.lowercased() }

    /// SQLite's two-argument min/max are scalar (LEAST/GREATEST), not aggregates.
    var isAggregate: Bool {
        guard name.parts.count == 1, AggregateFunctionName.isAggregate(lowercasedName) else { return false }
        return !(["min", "max"].contains(lowercasedName) && arguments.count > 1)
    }
}

enum AggregateFunctionName {
    static func isAggregate(_ name: String) -> Bool {
        ["count", "sum", "avg", "min", "max", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp",
         "var_pop", "approx_count_distinct", "string_agg", "group_concat", "listagg", "bool_and", "bool_or",
         "every", "mean", "total", "array_agg", "list"].contains(name)
    }
}
