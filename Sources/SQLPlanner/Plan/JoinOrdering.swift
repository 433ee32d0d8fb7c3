import Columnar
import SQLExecution

/// Inner-join trees (comma joins and INNER JOIN ... ON) are flattened into relations and conjuncts; each
/// conjunct over one relation is pushed into it, the rest become the edges of a `JoinGraph`. The tree is
/// rebuilt in the order `JoinEnumeration` picks by estimated cardinality, each edge at the lowest join that
/// holds all its relations (so no cross product where a predicate connects), with the smaller estimated
/// input as the build (right) side. A projection restores the written column order.
enum JoinOrdering {
    static func reorder(_ plan: LogicalPlan, _ predicates: [PhysicalExpression]) -> LogicalPlan {
        var relations: [LogicalPlan] = []
        var conjuncts = predicates
        flatten(plan, offset: 0, &relations, &conjuncts)
        let plain = JoinGraph(relations: relations)
        var local = Array(repeating: [PhysicalExpression](), count: relations.count)
        var spanning: [PhysicalExpression] = []
        for c in conjuncts {
            let rels = Set(c.columnsReferenced.map(plain.relation))
            if rels.count <= 1 {
                let r = rels.first ?? 0
                local[r].append(c.shiftingColumns(by: -plain.offsets[r]))
            } else {
                spanning.append(c)
            }
        }
        let inputs = relations.indices.map { Optimizer.pushDown(relations[$0], local[$0]) }
        guard inputs.count <= 64 else { return leftDeep(inputs, spanning) }
        var graph = JoinGraph(relations: inputs)
        let classes = inputs.count <= JoinEnumeration.exhaustiveLimit ? EquivalenceClasses(spanning, graph) : nil
        for c in spanning { graph.addEdge(c, equivalence: classes?.id(of: c)) }
        for (c, id) in classes?.implied ?? [] { graph.addEdge(c, equivalence: id) }
        let (joined, layout) = build(JoinEnumeration.best(graph), graph)
        let positions = columnPositions(layout, graph)
        if layout == Array(relations.indices) { return joined }
        let fields = relations.flatMap { $0.schema.fields }
        let restore = fields.indices.map { PhysicalExpression.column(positions[$0] ?? $0, fields[$0].type) }
        return .projection(joined, restore, names: fields.map(\.name))
    }

    /// The plan of `tree` and the order its relations' columns come out in. The larger estimated side
    /// probes; the smaller builds.
    private static func build(_ tree: JoinEnumeration.Tree, _ graph: JoinGraph) -> (plan: LogicalPlan, layout: [Int]) {
        switch tree {
        case .relation(let r):
            return (graph.relations[r], [r])
        case .join(let a, let b):
            var (left, right) = (build(a, graph), build(b, graph))
            var (leftSet, rightSet) = (mask(left.layout), mask(right.layout))
            if graph.cardinality(leftSet) < graph.cardinality(rightSet) {
                swap(&left, &right)
                swap(&leftSet, &rightSet)
            }
            let layout = left.layout + right.layout
            let positions = columnPositions(layout, graph)
            let condition = PhysicalExpression.conjunction(graph.edges(joining: leftSet, rightSet).map {
                $0.remappingColumns(positions)
            })
            return (.join(left.plan, right.plan, .inner, condition: condition), layout)
        }
    }

    private static func mask(_ layout: [Int]) -> UInt64 { layout.reduce(0) { $0 | (1 << UInt64($1)) } }

    /// Global column index -> index in a plan whose inputs are concatenated in `layout` order.
    private static func columnPositions(_ layout: [Int], _ graph: JoinGraph) -> [Int: Int] {
        var map: [Int: Int] = [:], position = 0
        for r in layout {
            for c in 0..<graph.widths[r] { map[graph.offsets[r] + c] = position + c }
            position += graph.widths[r]
        }
        return map
    }

    /// The inputs joined in written order (only for more relations than a bit mask holds), each conjunct at the
    /// first join that has all its columns, so connected inputs never meet as a cross product. Columns keep their
    /// positions, since the inputs are concatenated in written order.
    private static func leftDeep(_ inputs: [LogicalPlan], _ conjuncts: [PhysicalExpression]) -> LogicalPlan {
        var plan = inputs[0], width = inputs[0].width, pending = conjuncts
        for input in inputs.dropFirst() {
            width += input.width
            let covered = { (c: PhysicalExpression) in (c.columnsReferenced.max() ?? 0) < width }
            let ready = pending.filter(covered)
            pending.removeAll(where: covered)
            plan = .join(plan, input, .inner, condition: .conjunction(ready))
        }
        return Optimizer.wrap(plan, pending)
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
}
