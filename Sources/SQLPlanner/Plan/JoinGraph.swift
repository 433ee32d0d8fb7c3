import Columnar
import SQLExecution

/// The inner joins of one flattened join tree: relations (with their own filters already pushed in) and
/// the conjuncts that span several of them (edges), over the relations' concatenated columns. Sets of
/// relations are bit masks. Cardinalities follow the textbook estimate: the product of the relations' rows
/// times each contained edge's selectivity, where `a = b` keeps 1/max(distinct(a), distinct(b)).
///
/// Column equalities form equivalence classes: `c_nationkey = s_nationkey AND s_nationkey = n_nationkey` also
/// joins customer to nation (TPC-H Q5), an implied edge. Within a class only the edges that connect relations
/// not yet connected by the class count, in selectivity and as join conditions, so a cycle of equalities is
/// estimated, and checked, once.
struct JoinGraph {
    struct Edge {
        var expression: PhysicalExpression
        var relations: UInt64
        var selectivity: Double
        /// The equivalence class of a column-to-column equality, else nil.
        var equivalence: Int?
    }

    let relations: [LogicalPlan]
    let offsets: [Int]
    let widths: [Int]
    let rows: [Double]
    private(set) var edges: [Edge] = []

    init(relations: [LogicalPlan]) {
        self.relations = relations
        widths = relations.map(\.width)
        var offsets: [Int] = [], total = 0
        for w in widths { offsets.append(total); total += w }
        self.offsets = offsets
        rows = relations.map(CardinalityEstimate.rows)
    }

    var count: Int { relations.count }
    var all: UInt64 { count >= 64 ? .max : (1 << UInt64(count)) - 1 }

    /// The relation holding global column `column`.
    func relation(of column: Int) -> Int { offsets.lastIndex { $0 <= column } ?? 0 }

    func mask(of expression: PhysicalExpression) -> UInt64 {
        expression.columnsReferenced.reduce(0) { $0 | (1 << UInt64(relation(of: $1))) }
    }

    mutating func addEdge(_ expression: PhysicalExpression, equivalence: Int? = nil) {
        edges.append(Edge(expression: expression, relations: mask(of: expression), selectivity: selectivity(expression),
                          equivalence: equivalence))
    }

    /// Estimated rows of the join of the relations in `set`.
    func cardinality(_ set: UInt64) -> Double {
        var result = 1.0
        for r in 0..<count where set & (1 << UInt64(r)) != 0 { result *= rows[r] }
        var classes = EquivalenceForest()
        for edge in edges where edge.relations & set == edge.relations && classes.connects(edge) {
            result *= edge.selectivity
        }
        return max(1, result)
    }

    /// Whether some edge inside `left | right` links the two sides.
    func connects(_ left: UInt64, _ right: UInt64) -> Bool {
        let both = left | right
        return edges.contains { $0.relations & both == $0.relations && $0.relations & left != 0 && $0.relations & right != 0 }
    }

    /// The edges first applicable at the join of `left` and `right`: an equality of a class whose two sides
    /// the class already connects (through edges inside `left` or `right`, or one taken here) is implied.
    func edges(joining left: UInt64, _ right: UInt64) -> [PhysicalExpression] {
        var classes = EquivalenceForest()
        for edge in edges where edge.relations & left == edge.relations || edge.relations & right == edge.relations {
            _ = classes.connects(edge)
        }
        let both = left | right
        return edges.filter {
            $0.relations & both == $0.relations && $0.relations & left != $0.relations && $0.relations & right != $0.relations
                && classes.connects($0)
        }.map(\.expression)
    }

    private func selectivity(_ expression: PhysicalExpression) -> Double {
        guard case .comparison(.equal, let a, let b) = expression else { return CardinalityEstimate.defaultSelectivity }
        return 1 / max(distinct(a), distinct(b), 1)
    }

    /// Distinct values of one side of an equality: the column's known bound, else its relation's rows (as if
    /// it were a key).
    private func distinct(_ side: PhysicalExpression) -> Double {
        let r = relation(of: side.columnsReferenced.first ?? 0)
        if case .column(let c, _) = side, let d = CardinalityEstimate.distinctCount(relations[r], c - offsets[r]) {
            return d
        }
        return rows[r]
    }
}

/// The relations each equivalence class has connected so far, as disjoint bit masks per class.
private struct EquivalenceForest {
    private var components: [Int: [UInt64]] = [:]

    /// True when `edge` is not a class edge, or links two relations its class had not connected (it is then
    /// recorded); false when the class already implies it.
    mutating func connects(_ edge: JoinGraph.Edge) -> Bool {
        guard let id = edge.equivalence, edge.relations.nonzeroBitCount == 2 else { return true }
        var parts = components[id] ?? []
        let low = edge.relations & (~edge.relations &+ 1), high = edge.relations & ~low
        let i = parts.firstIndex { $0 & low != 0 }, j = parts.firstIndex { $0 & high != 0 }
        if let i, let j, i == j { return false }
        let merged = (i.map { parts[$0] } ?? low) | (j.map { parts[$0] } ?? high)
        parts = parts.indices.filter { $0 != i && $0 != j }.map { parts[$0] } + [merged]
        components[id] = parts
        return true
    }
}
