import Columnar
import SQLExecution

/// A semi or anti join (IN / EXISTS and their negations) on top of inner joins filters each row by the
/// columns of its own condition only, so it can run on the one joined relation those columns come from,
/// before that relation meets the others: TPC-H Q18's `o_orderkey IN (...)` then shrinks orders before
/// lineitem is joined, instead of filtering the whole join. The output columns stay where they were.
enum SemiJoinPushdown {
    /// The join `left ⋉ right` moved into the relation of `left` holding its condition's left columns, or
    /// nil when `left` is not an inner join or no single relation holds them.
    static func pushed(_ left: LogicalPlan, _ right: LogicalPlan, _ type: JoinType, _ condition: PhysicalExpression?)
        -> LogicalPlan?
    {
        guard case .join(_, _, .inner, _) = left, let condition else { return nil }
        let lw = left.width
        let leftColumns = condition.columnsReferenced.filter { $0 < lw }
        guard !leftColumns.isEmpty else { return nil }
        return rewritingLeaf(left, offset: 0, columns: leftColumns) { leaf, offset in
            let width = leaf.width
            let map = Dictionary(uniqueKeysWithValues: condition.columnsReferenced.map { c in
                (c, c < lw ? c - offset : c - lw + width)
            })
            return .join(leaf, right, type, condition: condition.remappingColumns(map))
        }
    }

    /// `plan` with the relation (a leaf of its inner-join tree, filters looked through) that holds every
    /// column of `columns` replaced by `transform(leaf, its first column)`.
    private static func rewritingLeaf(
        _ plan: LogicalPlan, offset: Int, columns: Set<Int>, _ transform: (LogicalPlan, Int) -> LogicalPlan
    ) -> LogicalPlan? {
        switch plan {
        case .join(let l, let r, .inner, let condition):
            if let rewritten = rewritingLeaf(l, offset: offset, columns: columns, transform) {
                return .join(rewritten, r, .inner, condition: condition)
            }
            guard let rewritten = rewritingLeaf(r, offset: offset + l.width, columns: columns, transform) else { return nil }
            return .join(l, rewritten, .inner, condition: condition)
        case .filter(let child, let predicate):
            return rewritingLeaf(child, offset: offset, columns: columns, transform).map { .filter($0, predicate) }
        default:
            let range = offset..<(offset + plan.width)
            return columns.allSatisfy(range.contains) ? transform(plan, offset) : nil
        }
    }
}
