import Columnar

/// CASE, COALESCE, NULLIF, GREATEST and LEAST. Branches are evaluated only on the rows that reach them, so
/// `CASE WHEN x = 0 THEN 0 ELSE 1 / x END` never divides by zero.
final class CaseNode: ExpressionNode {
    let conditions: [ExpressionNode]
    let results: [ExpressionNode]
    let otherwise: ExpressionNode?
    let type: DataType

    init(conditions: [ExpressionNode], results: [ExpressionNode], otherwise: ExpressionNode?, type: DataType) {
        self.conditions = conditions
        self.results = results
        self.otherwise = otherwise
        self.type = type
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        var pick = ContiguousArray<Int32>(repeating: -1, count: batch.count)
        var sources: [Vector] = []
        var remaining = batch.selection ?? SelectionVector(identity: batch.count)
        for (condition, result) in zip(conditions, results) where remaining.count > 0 {
            let taken = try condition.select(narrowed(batch, remaining))
            if taken.count == 0 { continue }
            sources.append(try result.evaluate(narrowed(batch, taken)))
            for r in taken.indices { pick[Int(r)] = Int32(sources.count - 1) }
            remaining = remaining.subtracting(taken)
        }
        if let otherwise, remaining.count > 0 {
            sources.append(try otherwise.evaluate(narrowed(batch, remaining)))
            for r in remaining.indices { pick[Int(r)] = Int32(sources.count - 1) }
        }
        if case .null = type { return Vector(type: .null, count: batch.count) }
        return try Vector.choose(sources, pick: pick, type: type)
    }
}

extension SelectionVector {
    /// These rows minus `other`'s; both ascending.
    func subtracting(_ other: SelectionVector) -> SelectionVector {
        var out = ContiguousArray<UInt32>()
        out.reserveCapacity(count - other.count)
        var j = 0
        for r in indices {
            while j < other.count && other.indices[j] < r { j += 1 }
            if j < other.count && other.indices[j] == r { continue }
            out.append(r)
        }
        return SelectionVector(out)
    }
}

final class CoalesceNode: ExpressionNode {
    let children: [ExpressionNode]
    let type: DataType

    init(children: [ExpressionNode], type: DataType) {
        self.children = children
        self.type = type
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        var pick = ContiguousArray<Int32>(repeating: -1, count: batch.count)
        var sources: [Vector] = []
        var remaining = batch.selection ?? SelectionVector(identity: batch.count)
        for child in children where remaining.count > 0 && child.type != .null {
            let v = try child.evaluate(narrowed(batch, remaining))
            let s = Int32(sources.count)
            sources.append(v)
            var still = ContiguousArray<UInt32>()
            for r in remaining.indices {
                if v.isNull(Int(r)) { still.append(r) } else { pick[Int(r)] = s }
            }
            remaining = SelectionVector(still)
        }
        if case .null = type { return Vector(type: .null, count: batch.count) }
        return try Vector.choose(sources, pick: pick, type: type)
    }
}

final class NullIfNode: ExpressionNode {
    let value: ExpressionNode, other: ExpressionNode
    var type: DataType { value.type }

    init(value: ExpressionNode, other: ExpressionNode) {
        self.value = value
        self.other = other
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        var v = try value.evaluate(batch)
        if value.type == .null || other.type == .null { return v }
        let equal = try ComparisonKernels.compare(.equal, v, try other.evaluate(batch), in: batch)
        var validity = Validity.ensure(v.validity, count: batch.count)
        equal.withValues(as: UInt8.self) { eq in
            batch.forEachRow { i in if eq[i] != 0 && !equal.isNull(i) { validity.set(i, valid: false) } }
        }
        v.validity = validity
        return v
    }
}

/// GREATEST / LEAST: NULL arguments are skipped; NULL only when all are NULL.
final class ExtremumNode: ExpressionNode {
    let children: [ExpressionNode]
    let isGreatest: Bool
    let type: DataType

    init(children: [ExpressionNode], isGreatest: Bool, type: DataType) {
        self.children = children
        self.isGreatest = isGreatest
        self.type = type
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let live = children.filter { $0.type != .null }
        guard var best = try live.first?.evaluate(batch) else { return Vector.nulls(type, count: batch.count) }
        for child in live.dropFirst() {
            let next = try child.evaluate(batch)
            let better = try ComparisonKernels.compare(isGreatest ? .greater : .less, next, best, in: batch)
            var pick = ContiguousArray<Int32>(repeating: 0, count: batch.count)
            better.withValues(as: UInt8.self) { b in
                batch.forEachRow { i in
                    let takeNext = !next.isNull(i) && (best.isNull(i) || b[i] != 0)
                    pick[i] = takeNext ? 1 : 0
                }
            }
            best = try Vector.choose([best, next], pick: pick, type: type)
        }
        return best
    }
}
