import Columnar
import SQLExecution

/// Inner-join trees (comma joins and INNER JOIN ... ON) are flattened into relations and conjuncts, then
/// rebuilt greedily from the smallest estimated relation: each step joins the smallest relation connected
/// to what is joined so far by a conjunct (a cross join only when none is), and the smaller input becomes the
/// build (right) side. A projection restores the written column order.
enum JoinOrdering {
    static func reorder(_ plan: LogicalPlan, _ predicates: [PhysicalExpression]) -> LogicalPlan {
        var relations: [LogicalPlan] = []
        var conjuncts = predicates
        flatten(plan, offset: 0, &relations, &conjuncts)
        let widths = relations.map(\.width)
        var offsets: [Int] = [], total = 0
        for w in widths { offsets.append(total); total += w }
        func relation(of column: Int) -> Int { offsets.lastIndex { $0 <= column } ?? 0 }

        var local = Array(repeating: [PhysicalExpression](), count: relations.count)
        var multi: [(expression: PhysicalExpression, relations: Set<Int>)] = []
        for c in conjuncts {
            let rels = Set(c.columnsReferenced.map(relation))
            if rels.count <= 1 {
                let r = rels.first ?? 0
                local[r].append(c.shiftingColumns(by: -offsets[r]))
            } else {
                multi.append((c, rels))
            }
        }
        let inputs = relations.indices.map { Optimizer.pushDown(relations[$0], local[$0]) }
        let estimates = inputs.map(estimate)
        var layout = [estimates.indices.min { estimates[$0] < estimates[$1] } ?? 0]
        var current = inputs[layout[0]], currentEstimate = estimates[layout[0]]
        var used = Set<Int>()
        while layout.count < relations.count {
            let joined = Set(layout)
            let remaining = relations.indices.filter { !joined.contains($0) }
            let connected = remaining.filter { r in multi.contains { $0.relations.contains(r) && !$0.relations.isDisjoint(with: joined) && $0.relations.isSubset(of: joined.union([r])) } }
            let pool = connected.isEmpty ? remaining : connected
            let next = pool.min { estimates[$0] < estimates[$1] } ?? remaining[0]
            let newSet = joined.union([next])
            let applicable = multi.indices.filter { !used.contains($0) && multi[$0].relations.isSubset(of: newSet) }
            used.formUnion(applicable)
            let buildsNew = estimates[next] <= currentEstimate
            let newLayout = buildsNew ? layout + [next] : [next] + layout
            let positions = columnPositions(newLayout, offsets, widths)
            let condition = PhysicalExpression.conjunction(applicable.map { multi[$0].expression.remappingColumns(positions) })
            current = buildsNew ? .join(current, inputs[next], .inner, condition: condition)
                : .join(inputs[next], current, .inner, condition: condition)
            currentEstimate = condition == nil ? currentEstimate * estimates[next] : max(currentEstimate, estimates[next])
            layout = newLayout
        }
        let positions = columnPositions(layout, offsets, widths)
        let leftovers = multi.indices.filter { !used.contains($0) }.map { multi[$0].expression.remappingColumns(positions) }
        current = Optimizer.wrap(current, leftovers)
        if layout == Array(relations.indices) { return current }
        let fields = relations.flatMap { $0.schema.fields }
        let restore = (0..<total).map { PhysicalExpression.column(positions[$0] ?? $0, fields[$0].type) }
        return .projection(current, restore, names: fields.map(\.name))
    }

    /// Global column index -> index in a plan whose inputs are concatenated in `layout` order.
    private static func columnPositions(_ layout: [Int], _ offsets: [Int], _ widths: [Int]) -> [Int: Int] {
        var map: [Int: Int] = [:], position = 0
        for r in layout {
            for c in 0..<widths[r] { map[offsets[r] + c] = position + c }
            position += widths[r]
        }
        return map
    }

    private static func flatten(_ plan: LogicalPlan, offset: Int, _ relations: inout [LogicalPlan],
                                _ conjuncts: inout [PhysicalExpression]) {
        if case .join(let l, let r, .inner, let condition) = plan {
            let lw = l.width
            flatten(l, offset: offset, &relations, &conjuncts)
            flatten(r, offset: offset + lw, &relations, &conjuncts)
            conjuncts += (condition?.conjuncts ?? []).map { $0.shiftingColumns(by: offset) }
        } else {
            relations.append(plan)
        }
    }

    /// A rough row-count estimate: table statistics, a fifth per pushed filter.
    static func estimate(_ plan: LogicalPlan) -> Double {
        switch plan {
        case .scan(let scan):
            let rows = Double(scan.provider.statistics.rowCount ?? 1000)
            return max(1, scan.filters.reduce(rows) { r, _ in r * 0.2 })
        case .values(_, let rows): return Double(max(1, rows.count))
        case .filter(let child, _): return max(1, estimate(child) * 0.2)
        case .join(let l, let r, _, let condition):
            return condition == nil ? estimate(l) * estimate(r) : max(estimate(l), estimate(r))
        case .aggregate(let child, let groups, _): return groups.isEmpty ? 1 : max(1, estimate(child) / 2)
        case .limit(let child, let limit, _): return min(estimate(child), Double(limit ?? Int.max))
        case .topN(_, _, let limit, _): return Double(limit)
        case .union(let inputs): return inputs.reduce(0) { $0 + estimate($1) }
        case .projection(let c, _, _), .order(let c, _), .distinct(let c), .window(let c, _), .apply(let c, _),
            .setOperation(let c, _, _, _):
            return estimate(c)
        }
    }
}
