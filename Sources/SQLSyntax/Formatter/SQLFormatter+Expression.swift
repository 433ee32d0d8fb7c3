/// Expressions, with parentheses only where the child binds more loosely than its place requires.
extension SQLFormatter {
    /// Binding strength, matching the parser's levels (higher binds tighter).
    enum Precedence {
        static let or = 1, and = 2, not = 3, equality = 4, relational = 5, bitwiseOr = 6
        static let unary = 12, postfix = 13, primary = 14
    }

    static func precedence(of expression: Expression) -> Int {
        switch expression.kind {
        case .binary(let op, _, _): return precedence(of: op)
        case .unary(let op, _): return op == .not ? Precedence.not : Precedence.unary
        case .isNull, .isDistinctFrom, .isBoolean, .between, .inList, .inQuery, .like: return Precedence.equality
        case .cast(_, _, .doubleColon), .element, .field, .collate: return Precedence.postfix
        default: return Precedence.primary
        }
    }

    static func precedence(of op: BinaryOperator) -> Int {
        switch op {
        case .or: return Precedence.or
        case .and: return Precedence.and
        case .equal, .notEqual: return Precedence.equality
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return Precedence.relational
        case .bitwiseOr: return 6
        case .bitwiseXor: return 7
        case .bitwiseAnd: return 8
        case .shiftLeft, .shiftRight: return 9
        case .add, .subtract, .concat: return 10
        case .multiply, .divide, .modulo, .integerDivide: return 11
        }
    }

    /// `expression`, parenthesized when it binds more loosely than `minimum`.
    static func format(_ expression: Expression, needing minimum: Int) -> String {
        let text = formatUnparenthesized(expression)
        return precedence(of: expression) < minimum ? "(\(text))" : text
    }

    private static func formatUnparenthesized(_ node: Expression) -> String {
        switch node.kind {
        case .literal(let value): return literal(value)
        case .column(let parts): return path(parts)
        case .unary(let op, let operand): return unary(op, operand)
        case .binary(let op, let left, let right):
            let level = precedence(of: op)
            return "\(format(left, needing: level)) \(op.rawValue) \(format(right, needing: level + 1))"
        case .function(let call): return function(call)
        case .caseWhen(let operand, let branches, let otherwise): return caseWhen(operand, branches, otherwise)
        case .cast(let value, let type, let syntax): return cast(value, type, syntax)
        case .exists(let query): return "EXISTS (\(formatQuery(query)))"
        case .subquery(let query): return "(\(formatQuery(query)))"
        case .extract(let field, let value): return "EXTRACT(\(identifier(field, reservedAllowed: true)) FROM \(expression(value)))"
        case .element(let base, let index):
            return "\(format(base, needing: Precedence.postfix))[\(expression(index))]"
        case .field(let base, let name):
            let needed = if case .column = base.kind { Precedence.primary + 1 } else { Precedence.postfix }
            return "\(format(base, needing: needed)).\(identifier(name, reservedAllowed: true))"
        case .collate(let base, let name): return "\(format(base, needing: Precedence.postfix)) COLLATE \(identifier(name))"
        case .row(let items): return "(" + list(items) + ")"
        case .array(let items): return "[" + list(items) + "]"
        default: return predicate(node)
        }
    }

    /// IS, IN, BETWEEN, LIKE: the operand may itself be a predicate or equality (left-associative level).
    private static func predicate(_ expression: Expression) -> String {
        let level = Precedence.equality
        let operand = Precedence.bitwiseOr
        switch expression.kind {
        case .isNull(let value, let negated):
            return "\(format(value, needing: level)) IS \(negated ? "NOT " : "")NULL"
        case .isBoolean(let value, let truth, let negated):
            return "\(format(value, needing: level)) IS \(negated ? "NOT " : "")\(truth ? "TRUE" : "FALSE")"
        case .isDistinctFrom(let left, let right, let negated):
            return "\(format(left, needing: level)) IS \(negated ? "NOT " : "")DISTINCT FROM \(format(right, needing: operand))"
        case .between(let value, let low, let high, let negated):
            return "\(format(value, needing: level)) \(negated ? "NOT " : "")BETWEEN \(format(low, needing: operand)) AND \(format(high, needing: operand))"
        case .inList(let value, let items, let negated):
            return "\(format(value, needing: level)) \(negated ? "NOT " : "")IN (\(list(items)))"
        case .inQuery(let value, let query, let negated):
            return "\(format(value, needing: level)) \(negated ? "NOT " : "")IN (\(formatQuery(query)))"
        case .like(let value, let pattern, let escape, let op, let negated):
            var text = "\(format(value, needing: level)) \(negated ? "NOT " : "")\(op.rawValue) \(format(pattern, needing: operand))"
            if let escape { text += " ESCAPE \(format(escape, needing: operand))" }
            return text
        default:
            return ""
        }
    }

    private static func unary(_ op: UnaryOperator, _ operand: Expression) -> String {
        if op == .not { return "NOT \(format(operand, needing: Precedence.not))" }
        let text = format(operand, needing: Precedence.unary)
        // `- -1` must not become the comment `--1`.
        let separator = text.hasPrefix("-") || text.hasPrefix("+") ? " " : ""
        return op.rawValue + separator + text
    }

    static func list(_ items: [Expression]) -> String {
        items.map(expression).joined(separator: ", ")
    }

    private static func caseWhen(_ operand: Expression?, _ branches: [CaseBranch], _ otherwise: Expression?) -> String {
        var text = "CASE"
        if let operand { text += " " + expression(operand) }
        for branch in branches {
            text += " WHEN \(expression(branch.condition)) THEN \(expression(branch.result))"
        }
        if let otherwise { text += " ELSE " + expression(otherwise) }
        return text + " END"
    }

    private static func cast(_ value: Expression, _ target: SQLType, _ syntax: CastSyntax) -> String {
        switch syntax {
        case .cast: return "CAST(\(expression(value)) AS \(type(target)))"
        case .tryCast: return "TRY_CAST(\(expression(value)) AS \(type(target)))"
        case .doubleColon: return "\(format(value, needing: Precedence.postfix))::\(type(target))"
        }
    }

    static func function(_ call: FunctionCall) -> String {
        var text = call.name.parts.map { identifier($0, reservedAllowed: true) }.joined(separator: ".") + "("
        if call.isStar {
            text += "*"
        } else {
            if call.isDistinct { text += "DISTINCT " }
            text += call.arguments.map(argument).joined(separator: ", ")
            if !call.orderBy.isEmpty { text += " ORDER BY " + orderBy(call.orderBy) }
        }
        text += ")"
        if let filter = call.filter { text += " FILTER (WHERE \(expression(filter)))" }
        if let window = call.window { text += " OVER " + self.window(window) }
        return text
    }

    static func argument(_ argument: FunctionArgument) -> String {
        guard let name = argument.name else { return expression(argument.value) }
        return "\(identifier(name, reservedAllowed: true)) => \(expression(argument.value))"
    }

    private static func window(_ window: WindowSpecification) -> String {
        if let reference = window.reference { return identifier(reference) }
        var parts: [String] = []
        if !window.partitionBy.isEmpty { parts.append("PARTITION BY " + list(window.partitionBy)) }
        if !window.orderBy.isEmpty { parts.append("ORDER BY " + orderBy(window.orderBy)) }
        if let frame = window.frame {
            if let end = frame.end {
                parts.append("\(frame.unit.rawValue) BETWEEN \(bound(frame.start)) AND \(bound(end))")
            } else {
                parts.append("\(frame.unit.rawValue) \(bound(frame.start))")
            }
        }
        return "(" + parts.joined(separator: " ") + ")"
    }

    private static func bound(_ bound: WindowFrame.Bound) -> String {
        switch bound {
        case .unboundedPreceding: return "UNBOUNDED PRECEDING"
        case .preceding(let offset): return "\(format(offset, needing: Precedence.bitwiseOr)) PRECEDING"
        case .currentRow: return "CURRENT ROW"
        case .following(let offset): return "\(format(offset, needing: Precedence.bitwiseOr)) FOLLOWING"
        case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
        }
    }

    static func orderBy(_ items: [OrderByItem]) -> String {
        items.map { item in
            var text = expression(item.expression)
            if let direction = item.direction { text += " " + direction.rawValue }
            if let nulls = item.nulls { text += " " + nulls.rawValue }
            return text
        }.joined(separator: ", ")
    }
}
