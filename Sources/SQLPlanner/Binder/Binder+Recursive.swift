import Columnar
import SQLExecution
import SQLSyntax

/// `WITH RECURSIVE name AS (anchor UNION [ALL] recursive)`: evaluated while binding, to a fixpoint. The anchor
/// runs once; the recursive term then runs over the rows the previous round added (the working table) until a
/// round adds none. UNION keeps only rows not seen before; UNION ALL keeps every row. The CTE then reads as the
/// table of every row produced, in the anchor's column types.
extension Binder {
    /// Rounds before a recursion is taken for runaway.
    static let maxRecursion = 100_000

    /// Binds one CTE of a WITH RECURSIVE list: recursive when its body is a UNION whose right side names it.
    func bindRecursiveCTE(_ cte: CommonTableExpression) throws -> BoundQuery {
        guard case .setOperation(let union) = cte.query.body, union.operator == .union, cte.query.orderBy.isEmpty,
              cte.query.limit == nil, cte.query.offset == nil
        else { return try bindQuery(cte.query) }
        let anchor = try bindBody(union.left)
        let names = anchor.names.indices.map { cte.columns.indices.contains($0) ? cte.columns[$0].name : anchor.names[$0] }
        let schema = Schema(zip(names, anchor.plan.schema.fields).map { Field($0, $1.type) })
        let working = WorkingTable(schema: schema)
        let key = cte.name.isQuoted ? cte.name.name : cte.name.name.lowercased()
        ctes[ctes.count - 1][key] = BoundQuery(plan: scanAll(working, name: cte.name.name), names: names)
        let recursive = try bindBody(union.right)
        guard recursive.plan.schema.fields.count == schema.fields.count else {
            throw PlannerError(.binder, "the recursive term of \(cte.name.name) has \(recursive.plan.schema.fields.count) columns, its anchor \(schema.fields.count) (at \(union.location))")
        }
        let step = LogicalPlan.projection(recursive.plan, schema.fields.enumerated().map { i, field in
            PhysicalExpression.column(i, recursive.plan.schema.fields[i].type).cast(to: field.type)
        }, names: names)
        let result = MemoryTable(schema: schema)
        var seen: Set<[Value]>? = union.all ? nil : []
        var added = try Self.keepNew(run(anchor.plan), schema: schema, seen: &seen)
        var rounds = 0
        while !added.isEmpty {
            try result.append(added)
            // A right side that never read the working table is a constant term: one round is the union.
            if rounds == 1 && working.scans == 0 { break }
            rounds += 1
            guard rounds <= Self.maxRecursion else {
                throw PlannerError(.binder, "recursive CTE \(cte.name.name) did not finish after \(Self.maxRecursion) rounds (at \(union.location))")
            }
            try working.rows.replace(with: added)
            added = try Self.keepNew(run(step), schema: schema, seen: &seen)
        }
        return BoundQuery(plan: scanAll(result, name: cte.name.name), names: names)
    }

    private func scanAll(_ table: any TableProvider, name: String) -> LogicalPlan {
        .scan(TableScan(name: name, provider: table, projection: Array(table.schema.fields.indices), filters: []))
    }

    /// The rows of `batches` (as `schema`) not in `seen`, which they join; all rows when `seen` is nil (UNION ALL).
    static func keepNew(_ batches: [Batch], schema: Schema, seen: inout Set<[Value]>?) -> [Batch] {
        var out: [Batch] = []
        for var batch in batches where batch.rowCount > 0 {
            batch.schema = schema
            if seen != nil {
                var kept = ContiguousArray<UInt32>()
                for i in 0..<batch.rowCount {
                    let row = batch.physicalRow(i)
                    if seen!.insert(batch.columns.map { $0.value(at: row) }).inserted { kept.append(UInt32(row)) }
                }
                if kept.isEmpty { continue }
                batch.selection = SelectionVector(kept)
            }
            out.append(batch)
        }
        return out
    }
}

/// The rows the previous round added, as the recursive term reads them; counts the scans planned over it.
final class WorkingTable: TableProvider {
    let rows: MemoryTable
    private(set) var scans = 0

    init(schema: Schema) { rows = MemoryTable(schema: schema) }

    var schema: Schema { rows.schema }
    var statistics: TableStatistics { rows.statistics }

    func scan(projection: [Int], filters: [PhysicalExpression]) throws -> any BatchSource {
        scans += 1
        return try rows.scan(projection: projection, filters: filters)
    }
}
