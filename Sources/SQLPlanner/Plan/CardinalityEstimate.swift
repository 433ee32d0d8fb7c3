import Columnar
import SQLExecution

/// Rough sizes for join ordering: row counts from table statistics, a fixed selectivity per filter conjunct
/// (1/distinct for `column = constant` when the column's distinct count is known), and distinct counts of
/// columns traced down to a scan's statistics, capped by the estimated rows.
enum CardinalityEstimate {
    /// The selectivity of a filter conjunct nothing better is known about.
    static let defaultSelectivity = 0.2

    static func rows(_ plan: LogicalPlan) -> Double {
        switch plan {
        case .scan(let scan):
            let base = Double(scan.provider.statistics.rowCount ?? 1000)
            return max(1, scan.filters.reduce(base) { r, f in r * selectivity(f, scan) })
        case .values(_, let rows): return Double(max(1, rows.count))
        case .filter(let child, let predicate):
            return max(1, predicate.conjuncts.reduce(rows(child)) { r, _ in r * defaultSelectivity })
        case .join(let l, let r, let type, let condition):
            switch type {
            case .semi: return min(rows(l), rows(r))
            case .anti, .nullAwareAnti: return rows(l)
            default: return condition == nil ? rows(l) * rows(r) : max(rows(l), rows(r))
            }
        case .aggregate(let child, let groups, _): return groups.isEmpty ? 1 : max(1, rows(child) / 2)
        case .limit(let child, let limit, _): return min(rows(child), Double(limit ?? Int.max))
        case .topN(_, _, let limit, _): return Double(limit)
        case .union(let inputs): return inputs.reduce(0) { $0 + rows($1) }
        case .projection(let c, _, _), .order(let c, _), .distinct(let c), .window(let c, _), .apply(let c, _),
            .setOperation(let c, _, _, _):
            return rows(c)
        }
    }

    /// An upper bound on the distinct values of output column `column` of `plan`, when one is known.
    static func distinctCount(_ plan: LogicalPlan, _ column: Int) -> Double? {
        let bound: Double?
        switch plan {
        case .scan(let scan):
            guard scan.projection.indices.contains(column) else { return nil }
            bound = scan.provider.statistics.distinctCounts[scan.projection[column]].map(Double.init)
        case .filter(let child, _), .order(let child, _), .distinct(let child), .limit(let child, _, _),
            .topN(let child, _, _, _):
            bound = distinctCount(child, column)
        case .projection(let child, let expressions, _):
            guard case .column(let c, _)? = expressions.indices.contains(column) ? expressions[column] : nil else { return nil }
            bound = distinctCount(child, c)
        case .join(let l, let r, _, _):
            let lw = l.width
            bound = column < lw ? distinctCount(l, column) : distinctCount(r, column - lw)
        case .aggregate(let child, let groups, _):
            guard groups.indices.contains(column), case .column(let c, _) = groups[column] else { return nil }
            bound = distinctCount(child, c)
        default:
            bound = nil
        }
        return bound.map { min($0, rows(plan)) }
    }

    /// `column = constant` keeps about 1/distinct of the rows; any other conjunct the default fraction.
    private static func selectivity(_ filter: PhysicalExpression, _ scan: TableScan) -> Double {
        guard case .comparison(.equal, let a, let b) = filter else { return defaultSelectivity }
        let column: Int? = switch (a, b) {
        case (.column(let c, _), .literal), (.literal, .column(let c, _)): c
        default: nil
        }
        guard let column, let distinct = scan.provider.statistics.distinctCounts[column], distinct > 0 else {
            return defaultSelectivity
        }
        return 1 / Double(distinct)
    }
}
