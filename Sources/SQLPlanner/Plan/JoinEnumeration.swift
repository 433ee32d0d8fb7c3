/// Chooses the shape of an inner-join tree over a `JoinGraph`, minimizing the sum of the estimated rows of
/// every intermediate join (C_out). Up to `exhaustiveLimit` relations, dynamic programming over connected
/// subsets tries every bushy tree whose joins each have a connecting edge; beyond it, or when the graph is
/// disconnected, the cheapest connected pair is joined greedily, and only unconnected parts cross join.
enum JoinEnumeration {
    indirect enum Tree {
        case relation(Int)
        case join(Tree, Tree)
    }

    static let exhaustiveLimit = 10

    static func best(_ graph: JoinGraph) -> Tree {
        if graph.count <= exhaustiveLimit, let tree = exhaustive(graph) { return tree }
        return greedy(graph)
    }

    /// DP over subsets, ascending so every proper subset is solved first; nil when the graph is disconnected.
    private static func exhaustive(_ graph: JoinGraph) -> Tree? {
        let n = graph.count
        var cost = [Double](repeating: .infinity, count: 1 << n)
        var split = [UInt64](repeating: 0, count: 1 << n)
        for r in 0..<n { cost[1 << r] = 0 }
        for set in UInt64(1)...graph.all where set.nonzeroBitCount >= 2 {
            let lowest = set & (~set &+ 1)
            let rows = graph.cardinality(set)
            // Each unordered split once: the left part holds the lowest relation.
            var left = (set &- 1) & set
            while left != 0 {
                let right = set & ~left
                if left & lowest != 0, cost[Int(left)].isFinite, cost[Int(right)].isFinite, graph.connects(left, right) {
                    let total = cost[Int(left)] + cost[Int(right)] + rows
                    if total < cost[Int(set)] {
                        cost[Int(set)] = total
                        split[Int(set)] = left
                    }
                }
                left = (left &- 1) & set
            }
        }
        guard cost[Int(graph.all)].isFinite else { return nil }
        func tree(_ set: UInt64) -> Tree {
            if set.nonzeroBitCount == 1 { return .relation(set.trailingZeroBitCount) }
            return .join(tree(split[Int(set)]), tree(set & ~split[Int(set)]))
        }
        return tree(graph.all)
    }

    /// Greedy operator ordering: join the connected pair of parts with the smallest result; cross join the
    /// smallest parts only when no pair is connected.
    private static func greedy(_ graph: JoinGraph) -> Tree {
        var parts: [(set: UInt64, tree: Tree)] = (0..<graph.count).map { (UInt64(1) << UInt64($0), .relation($0)) }
        while parts.count > 1 {
            var choice: (i: Int, j: Int, rows: Double)? = nil
            for i in parts.indices {
                for j in parts.indices where j > i && graph.connects(parts[i].set, parts[j].set) {
                    let rows = graph.cardinality(parts[i].set | parts[j].set)
                    if choice.map({ rows < $0.rows }) ?? true { choice = (i, j, rows) }
                }
            }
            let (i, j) = choice.map { ($0.i, $0.j) } ?? smallestPair(parts.map { graph.cardinality($0.set) })
            let joined = (parts[i].set | parts[j].set, Tree.join(parts[i].tree, parts[j].tree))
            parts.remove(at: j)
            parts[i] = joined
        }
        return parts[0].tree
    }

    private static func smallestPair(_ rows: [Double]) -> (Int, Int) {
        let order = rows.indices.sorted { rows[$0] < rows[$1] }
        return (min(order[0], order[1]), max(order[0], order[1]))
    }
}
