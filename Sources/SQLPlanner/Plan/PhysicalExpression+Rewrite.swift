import Columnar
import SQLExecution

extension PhysicalExpression {
    /// The tree with every node for which `replace` returns a value replaced (children of a replaced node are
    /// not visited); other nodes are rebuilt from their rewritten children.
    func rewritten(_ replace: (PhysicalExpression) -> PhysicalExpression?) -> PhysicalExpression {
        if let replaced = replace(self) { return replaced }
        func r(_ e: PhysicalExpression) -> PhysicalExpression { e.rewritten(replace) }
        switch self {
        case .column, .literal: return self
        case .cast(let e, let t, let isTry): return .cast(r(e), to: t, isTry: isTry)
        case .comparison(let op, let a, let b): return .comparison(op, r(a), r(b))
        case .arithmetic(let op, let a, let b, let t): return .arithmetic(op, r(a), r(b), t)
        case .and(let list): return .and(list.map(r))
        case .or(let list): return .or(list.map(r))
        case .not(let e): return .not(r(e))
        case .isNull(let e, let negated): return .isNull(r(e), negated: negated)
        case .isDistinctFrom(let a, let b, let negated): return .isDistinctFrom(r(a), r(b), negated: negated)
        case .inList(let e, let list, let negated): return .inList(r(e), list.map(r), negated: negated)
        case .between(let e, let low, let high, let negated):
            return .between(r(e), low: r(low), high: r(high), negated: negated)
        case .like(let e, let pattern, let escape, let ci, let negated):
            return .like(r(e), pattern: pattern, escape: escape, caseInsensitive: ci, negated: negated)
        case .caseWhen(let arms, let otherwise, let t):
            return .caseWhen(arms.map { WhenClause(r($0.condition), r($0.result)) }, otherwise: otherwise.map(r), t)
        case .coalesce(let list): return .coalesce(list.map(r))
        case .nullIf(let a, let b): return .nullIf(r(a), r(b))
        case .greatest(let list): return .greatest(list.map(r))
        case .least(let list): return .least(list.map(r))
        case .function(let name, let args, let t): return .function(name, args.map(r), t)
        case .structField(let e, let i): return .structField(r(e), i)
        case .listElement(let e, let index): return .listElement(r(e), index: r(index))
        case .mapElement(let e, let key): return .mapElement(r(e), key: r(key))
        case .addInterval(let e, let interval): return .addInterval(r(e), interval)
        case .pack(let pack, let args): return .pack(pack, args.map(r))
        }
    }

    /// Every input column index the expression reads.
    var columnsReferenced: Set<Int> {
        var columns: Set<Int> = []
        _ = rewritten { e in
            if case .column(let i, _) = e { columns.insert(i) }
            return nil
        }
        return columns
    }

    /// Column indices shifted by `delta` (moving a predicate across a join's left input).
    func shiftingColumns(by delta: Int) -> PhysicalExpression {
        delta == 0 ? self : rewritten { e in
            if case .column(let i, let t) = e { return .column(i + delta, t) }
            return nil
        }
    }

    /// Columns renumbered through `map` (old index -> new index).
    func remappingColumns(_ map: [Int: Int]) -> PhysicalExpression {
        rewritten { e in
            if case .column(let i, let t) = e { return .column(map[i] ?? i, t) }
            return nil
        }
    }

    /// True when the expression holds a correlated-subquery placeholder.
    var hasPlaceholder: Bool {
        var found = false
        _ = rewritten { e in
            if case .function(let name, _, _) = e, Subquery.placeholderIndex(name) != nil { found = true }
            return nil
        }
        return found
    }

    /// The conjuncts of a predicate (AND flattened).
    var conjuncts: [PhysicalExpression] {
        if case .and(let list) = self { return list.flatMap(\.conjuncts) }
        return [self]
    }

    /// The arms of a disjunction (OR flattened).
    var disjuncts: [PhysicalExpression] {
        if case .or(let list) = self { return list.flatMap(\.disjuncts) }
        return [self]
    }

    /// The conjuncts with the ones every arm of an OR shares pulled out of it: `(a AND b) OR (a AND c)` gives
    /// `a` and `b OR c` (distribution holds in three-valued logic), so a join key written in each arm
    /// (TPC-H Q19) becomes a hash join's condition and single-table conjuncts reach the scans.
    var factoredConjuncts: [PhysicalExpression] {
        conjuncts.flatMap { conjunct -> [PhysicalExpression] in
            let arms = conjunct.disjuncts
            guard arms.count > 1 else { return [conjunct] }
            let armConjuncts = arms.map(\.conjuncts)
            let common = armConjuncts[0].filter { c in armConjuncts.allSatisfy { $0.contains(c) } }
            guard !common.isEmpty else { return [conjunct] }
            let rests = armConjuncts.map { $0.filter { !common.contains($0) } }
            if rests.contains(where: \.isEmpty) { return common }  // a OR (a AND c) is a
            return common + [.or(rests.compactMap(PhysicalExpression.conjunction))]
        }
    }

    static func conjunction(_ list: [PhysicalExpression]) -> PhysicalExpression? {
        list.isEmpty ? nil : (list.count == 1 ? list[0] : .and(list))
    }
}
