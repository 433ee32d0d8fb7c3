import Columnar
import SQLSyntax

/// The columns a FROM clause makes visible, in the order of the plan's output, each with the table alias
/// that qualifies it. Unquoted names compare case-insensitively.
struct Scope {
    struct Column {
        var table: String?
        var name: String
        var type: DataType
        /// The right-hand copy of a USING column: found only when qualified, left out of `*`.
        var isHidden = false
    }

    var columns: [Column] = []

    init(columns: [Column] = []) { self.columns = columns }

    init(table: String?, schema: Schema) {
        columns = schema.fields.map { Column(table: table, name: $0.name, type: $0.type) }
    }

    static func + (lhs: Scope, rhs: Scope) -> Scope { Scope(columns: lhs.columns + rhs.columns) }

    static func matches(_ written: Identifier, _ name: String) -> Bool {
        written.isQuoted ? written.name == name : written.name.lowercased() == name.lowercased()
    }

    /// The index of the column a name path denotes: `c` or `t.c`. Nil when nothing matches; an error when the
    /// name is ambiguous.
    func resolve(_ parts: [Identifier]) throws(PlannerError) -> Int? {
        guard let last = parts.last else { return nil }
        let qualifier = parts.count >= 2 ? parts[parts.count - 2] : nil
        let candidates = columns.indices.filter { i in
            let column = columns[i]
            guard Self.matches(last, column.name) else { return false }
            guard let qualifier else { return !column.isHidden }
            return column.table.map { Self.matches(qualifier, $0) } ?? false
        }
        if candidates.count > 1 {
            let name = parts.map(\.name).joined(separator: ".")
            throw PlannerError(.binder, "Ambiguous reference to column name \"\(name)\" (at \(last.location))")
        }
        return candidates.first
    }

    /// The indices `*` or `t.*` expands to.
    func expand(qualifier: [Identifier], at location: SourceLocation) throws(PlannerError) -> [Int] {
        guard let table = qualifier.last else { return columns.indices.filter { !columns[$0].isHidden } }
        let found = columns.indices.filter { i in columns[i].table.map { Self.matches(table, $0) } ?? false }
        guard !found.isEmpty else {
            throw PlannerError(.binder, "Referenced table \"\(table.name)\" not found (at \(location))")
        }
        return found
    }
}
