import Columnar
import SQLExecution

/// Column-to-column equalities among an inner-join tree's conjuncts grouped into equivalence classes (union
/// find over global column indices; both sides of one type). `implied` holds the equalities the classes
/// imply between relations no written conjunct joins directly, so join ordering may join them (TPC-H Q5's
/// customer and nation, through supplier's nation key).
struct EquivalenceClasses {
    private var parent: [Int: Int] = [:]
    private var types: [Int: DataType] = [:]
    private(set) var implied: [(PhysicalExpression, Int)] = []

    init(_ conjuncts: [PhysicalExpression], _ graph: JoinGraph) {
        for c in conjuncts {
            guard let (a, b, type) = Self.columns(c) else { continue }
            types[a] = type
            types[b] = type
            union(a, b)
        }
        var members: [Int: [Int]] = [:]
        for column in types.keys.sorted() { members[find(column), default: []].append(column) }
        var linked = Set<[Int]>()
        for c in conjuncts {
            guard let (a, b, _) = Self.columns(c) else { continue }
            linked.insert([graph.relation(of: a), graph.relation(of: b)].sorted())
        }
        for (root, columns) in members.sorted(by: { $0.key < $1.key }) where columns.count > 2 {
            for (i, a) in columns.enumerated() {
                for b in columns[(i + 1)...] {
                    let pair = [graph.relation(of: a), graph.relation(of: b)].sorted()
                    guard pair[0] != pair[1], !linked.contains(pair), let type = types[a] else { continue }
                    linked.insert(pair)
                    implied.append((.comparison(.equal, .column(a, type), .column(b, type)), root))
                }
            }
        }
    }

    /// The class of a column-to-column equality, else nil.
    func id(of conjunct: PhysicalExpression) -> Int? {
        guard let (a, _, _) = Self.columns(conjunct) else { return nil }
        return find(a)
    }

    private static func columns(_ c: PhysicalExpression) -> (Int, Int, DataType)? {
        guard case .comparison(.equal, .column(let a, let t), .column(let b, let u)) = c, t == u, a != b else { return nil }
        return (a, b, t)
    }

    private func find(_ column: Int) -> Int {
        var c = column
        while let p = parent[c], p != c { c = p }
        return c
    }

    private mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
