import Columnar
import SQLExecution

/// EXPLAIN's text: one line per logical operator, indented by depth, with pushed filters and projections.
enum PlanPrinter {
    static func render(_ plan: LogicalPlan) -> String {
        var lines: [String] = []
        render(plan, depth: 0, &lines)
        return lines.joined(separator: "\n")
    }

    private static func render(_ plan: LogicalPlan, depth: Int, _ lines: inout [String]) {
        lines.append(String(repeating: "  ", count: depth) + line(plan))
        var children: [LogicalPlan] = []
        switch plan {
        case .scan, .values: break
        case .filter(let c, _), .projection(let c, _, _), .aggregate(let c, _, _), .order(let c, _),
            .limit(let c, _, _), .topN(let c, _, _, _), .distinct(let c), .window(let c, _):
            children = [c]
        case .apply(let c, let s): children = [c, s.plan]
        case .join(let l, let r, _, _), .setOperation(let l, let r, _, _): children = [l, r]
        case .union(let inputs): children = inputs
        }
        for child in children { render(child, depth: depth + 1, &lines) }
    }

    private static func line(_ plan: LogicalPlan) -> String {
        switch plan {
        case .scan(let scan): return "SCAN " + scanLabel(scan)
        case .values(_, let rows): return "VALUES rows=\(rows.count)"
        case .filter(_, let p): return "FILTER \(ExpressionPrinter.text(p))"
        case .projection(_, let e, _): return "PROJECTION \(e.map { ExpressionPrinter.text($0) }.joined(separator: ", "))"
        case .aggregate(_, let groups, let aggregates):
            let aggs = aggregates.map { a in
                let keys = zip(a.arguments.suffix(a.orderBy.count), a.orderBy).map { ExpressionPrinter.key(SortKey($0, $1)) }
                let order = keys.isEmpty ? "" : " ORDER BY " + keys.joined(separator: ", ")
                return "\(a.function.rawValue)(\(a.isDistinct ? "DISTINCT " : "")\(a.valueArguments.map { ExpressionPrinter.text($0) }.joined(separator: ", "))\(order))"
            }
            return "AGGREGATE groups=[\(groups.map { ExpressionPrinter.text($0) }.joined(separator: ", "))] aggregates=[\(aggs.joined(separator: ", "))]"
        case .join(let l, _, let type, let condition):
            let kind = condition.map { c in c.conjuncts.contains { if case .comparison(.equal, _, _) = $0 { true } else { false } } } == true
                ? "HASH_JOIN" : "NESTED_LOOP_JOIN"
            return "\(kind) \(type.rawValue) left_width=\(l.width)" + (condition.map { " ON \(ExpressionPrinter.text($0))" } ?? "")
        case .order(_, let keys): return "ORDER BY \(keys.map(ExpressionPrinter.key).joined(separator: ", "))"
        case .limit(_, let limit, let offset): return "LIMIT \(limit.map(String.init) ?? "ALL") OFFSET \(offset)"
        case .topN(_, let keys, let limit, let offset):
            return "TOP_N \(limit) OFFSET \(offset) BY \(keys.map(ExpressionPrinter.key).joined(separator: ", "))"
        case .distinct: return "DISTINCT"
        case .union(let inputs): return "UNION ALL inputs=\(inputs.count)"
        case .setOperation(_, _, let kind, let all): return "\(kind.rawValue.uppercased())\(all ? " ALL" : "")"
        case .window(_, let windows): return "WINDOW functions=\(windows.count)"
        case .apply(_, let s): return "APPLY \(s.kindName) correlations=[\(s.correlations.map { ExpressionPrinter.text($0) }.joined(separator: ", "))]"
        }
    }

    static func scanLabel(_ scan: TableScan) -> String {
        let names = scan.projection.map { scan.provider.schema.fields[$0].name }
        var text = "\(scan.name) projection=[\(names.joined(separator: ", "))]"
        if !scan.filters.isEmpty {
            let fields = scan.provider.schema.fields
            text += " filters=[\(scan.filters.map { ExpressionPrinter.text($0, names: fields.map(\.name)) }.joined(separator: " AND "))]"
        }
        return text
    }
}

/// Expressions in EXPLAIN: columns as `#index` (or names when known).
enum ExpressionPrinter {
    static func key(_ k: SortKey) -> String {
        text(k.expression) + (k.order.descending ? " DESC" : " ASC") + (k.order.nullsFirst ? " NULLS FIRST" : " NULLS LAST")
    }

    static func text(_ e: PhysicalExpression, names: [String]? = nil) -> String {
        func t(_ x: PhysicalExpression) -> String { text(x, names: names) }
        switch e {
        case .column(let i, _): return names.flatMap { i < $0.count ? $0[i] : nil } ?? "#\(i)"
        case .literal(let v, let type): return literal(v, type)
        case .cast(let x, let type, let isTry): return "\(isTry ? "TRY_CAST" : "CAST")(\(t(x)) AS \(type.sqlName))"
        case .comparison(let op, let a, let b): return "\(t(a)) \(op.rawValue) \(t(b))"
        case .arithmetic(let op, let a, let b, _): return "(\(t(a)) \(op.rawValue) \(t(b)))"
        case .and(let list): return "(" + list.map(t).joined(separator: " AND ") + ")"
        case .or(let list): return "(" + list.map(t).joined(separator: " OR ") + ")"
        case .not(let x): return "NOT \(t(x))"
        case .isNull(let x, let negated): return "\(t(x)) IS \(negated ? "NOT " : "")NULL"
        case .isDistinctFrom(let a, let b, let negated): return "\(t(a)) IS \(negated ? "NOT " : "")DISTINCT FROM \(t(b))"
        case .inList(let x, let list, let negated):
            return "\(t(x)) \(negated ? "NOT " : "")IN (\(list.map(t).joined(separator: ", ")))"
        case .between(let x, let low, let high, let negated):
            return "\(t(x)) \(negated ? "NOT " : "")BETWEEN \(t(low)) AND \(t(high))"
        case .like(let x, let pattern, _, let ci, let negated):
            return "\(t(x)) \(negated ? "NOT " : "")\(ci ? "ILIKE" : "LIKE") '\(pattern)'"
        case .caseWhen(let arms, let otherwise, _):
            let body = arms.map { "WHEN \(t($0.condition)) THEN \(t($0.result))" }.joined(separator: " ")
            return "CASE \(body)\(otherwise.map { " ELSE \(t($0))" } ?? "") END"
        case .coalesce(let list): return "COALESCE(\(list.map(t).joined(separator: ", ")))"
        case .nullIf(let a, let b): return "NULLIF(\(t(a)), \(t(b)))"
        case .greatest(let list): return "GREATEST(\(list.map(t).joined(separator: ", ")))"
        case .least(let list): return "LEAST(\(list.map(t).joined(separator: ", ")))"
        case .function(let name, let args, _): return "\(name)(\(args.map(t).joined(separator: ", ")))"
        case .structField(let x, let i): return "\(t(x)).#\(i)"
        case .listElement(let x, let index): return "\(t(x))[\(t(index))]"
        case .mapElement(let x, let key): return "\(t(x))[\(t(key))]"
        case .addInterval(let x, let interval): return "(\(t(x)) + INTERVAL \(interval.months)mo \(interval.days)d \(interval.microseconds)us)"
        case .pack(let pack, let args): return "\(pack.name)(\(args.map(t).joined(separator: ", ")))"
        }
    }

    private static func literal(_ v: Value, _ type: DataType) -> String {
        switch v {
        case .null: return "NULL"
        case .string(let s): return "'\(s)'"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .float(let d): return String(d)
        case .decimal(let unscaled):
            guard case .decimal(_, let scale) = type, scale > 0 else { return String(unscaled) }
            let digits = String(unscaled.magnitude)
            let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
            return (unscaled < 0 ? "-" : "") + padded.dropLast(scale) + "." + padded.suffix(scale)
        default: return "\(v)"
        }
    }
}
