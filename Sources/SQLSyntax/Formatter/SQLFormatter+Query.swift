/// Queries and FROM items.
extension SQLFormatter {
    static func formatQuery(_ query: Query) -> String {
        var parts: [String] = []
        if let with = query.with {
            let tables = with.tables.map { table in
                let columns = table.columns.isEmpty ? "" : "(\(names(table.columns)))"
                return "\(identifier(table.name))\(columns) AS (\(formatQuery(table.query)))"
            }
            parts.append("WITH " + (with.isRecursive ? "RECURSIVE " : "") + tables.joined(separator: ", "))
        }
        parts.append(body(query.body))
        if !query.orderBy.isEmpty { parts.append("ORDER BY " + orderBy(query.orderBy)) }
        if let limit = query.limit { parts.append("LIMIT " + expression(limit)) }
        if let offset = query.offset { parts.append("OFFSET " + expression(offset)) }
        return parts.joined(separator: " ")
    }

    static func body(_ body: QueryBody) -> String {
        switch body {
        case .select(let select): return self.select(select)
        case .values(let values):
            return "VALUES " + values.rows.map { "(" + list($0) + ")" }.joined(separator: ", ")
        case .parenthesized(let query): return "(" + formatQuery(query) + ")"
        case .setOperation(let operation):
            let level = operation.operator == .intersect ? 2 : 1
            let left = setOperand(operation.left, needing: level)
            let right = setOperand(operation.right, needing: level + 1)
            return "\(left) \(operation.operator.rawValue)\(operation.all ? " ALL" : "") \(right)"
        }
    }

    /// UNION and EXCEPT are level 1, INTERSECT 2, anything else 3.
    private static func setOperand(_ operand: QueryBody, needing minimum: Int) -> String {
        var level = 3
        if case .setOperation(let inner) = operand { level = inner.operator == .intersect ? 2 : 1 }
        let text = body(operand)
        return level < minimum ? "(\(text))" : text
    }

    private static func select(_ select: Select) -> String {
        var text = "SELECT "
        if let quantifier = select.quantifier { text += quantifier.rawValue + " " }
        text += select.items.map(selectItem).joined(separator: ", ")
        if !select.from.isEmpty { text += " FROM " + select.from.map(tableReference).joined(separator: ", ") }
        if let condition = select.whereClause { text += " WHERE " + expression(condition) }
        if !select.groupBy.isEmpty { text += " GROUP BY " + list(select.groupBy) }
        if let having = select.having { text += " HAVING " + expression(having) }
        return text
    }

    private static func selectItem(_ item: SelectItem) -> String {
        switch item.kind {
        case .wildcard(let qualifier): return qualifier.isEmpty ? "*" : path(qualifier) + ".*"
        case .expression(let value, let alias):
            return expression(value) + (alias.map { " AS " + identifier($0) } ?? "")
        }
    }

    static func tableReference(_ reference: TableReference) -> String {
        switch reference.kind {
        case .table(let name, let timeTravel, let alias):
            var text = path(name.parts)
            if let timeTravel {
                text += " \(timeTravel.kind.rawValue) \(format(timeTravel.value, needing: Precedence.bitwiseOr))"
            }
            return text + tableAlias(alias)
        case .path(let path, let alias): return string(path) + tableAlias(alias)
        case .function(let call, let alias): return function(call) + tableAlias(alias)
        case .subquery(let query, let alias, let lateral):
            return (lateral ? "LATERAL " : "") + "(\(formatQuery(query)))" + tableAlias(alias)
        case .parenthesized(let inner, let alias): return "(\(tableReference(inner)))" + tableAlias(alias)
        case .join(let join): return self.join(join)
        }
    }

    private static func join(_ join: Join) -> String {
        let keyword: String
        switch join.kind {
        case .inner: keyword = "JOIN"
        case .left: keyword = "LEFT JOIN"
        case .right: keyword = "RIGHT JOIN"
        case .full: keyword = "FULL JOIN"
        case .cross: keyword = "CROSS JOIN"
        case .semi: keyword = "SEMI JOIN"
        case .anti: keyword = "ANTI JOIN"
        }
        var right = tableReference(join.right)
        if case .join = join.right.kind { right = "(\(right))" }
        switch join.condition {
        case .natural: return "\(tableReference(join.left)) NATURAL \(keyword) \(right)"
        case .on(let condition): return "\(tableReference(join.left)) \(keyword) \(right) ON \(expression(condition))"
        case .using(let columns): return "\(tableReference(join.left)) \(keyword) \(right) USING (\(names(columns)))"
        case nil: return "\(tableReference(join.left)) \(keyword) \(right)"
        }
    }

    private static func tableAlias(_ alias: TableAlias?) -> String {
        guard let alias else { return "" }
        let columns = alias.columns.isEmpty ? "" : "(\(names(alias.columns)))"
        return " AS \(identifier(alias.name))\(columns)"
    }
}
