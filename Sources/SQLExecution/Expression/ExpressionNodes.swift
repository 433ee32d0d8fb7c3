import Columnar

/// Leaf, cast, comparison, arithmetic and logical nodes.
final class ColumnNode: ExpressionNode {
    let index: Int
    let type: DataType
    init(index: Int, type: DataType) {
        self.index = index
        self.type = type
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        guard batch.columns.indices.contains(index) else {
            throw ExecutionError(.internal, "Column #\(index) is outside a batch of \(batch.columns.count) columns")
        }
        let v = batch.columns[index]
        guard v.type == type else {
            throw ExecutionError(.internal, "Column #\(index) is \(v.type.sqlName), the plan expected \(type.sqlName)")
        }
        return v
    }
}

/// A constant, broadcast once per distinct batch length and reused.
final class LiteralNode: ExpressionNode {
    let value: Value
    let type: DataType
    private var cached: Vector?

    init(value: Value, type: DataType) {
        self.value = value
        self.type = type
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        if let cached, cached.count == batch.count { return cached }
        let v = Vector.constant(value, type: type, count: batch.count)
        cached = v
        return v
    }

    var isNull: Bool { if case .null = value { true } else { false } }

    /// The value as a one-row vector, for kernels that read the constant once.
    private(set) lazy var scalar = Vector.constant(value, type: type, count: 1)
}

final class CastNode: ExpressionNode {
    let child: ExpressionNode
    let kernel: CastKernel
    var type: DataType { kernel.to }

    init(child: ExpressionNode, to: DataType, isTry: Bool) {
        self.child = child
        kernel = CastKernel(from: child.type, to: to, isTry: isTry)
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        try kernel.cast(try child.evaluate(batch), in: batch)
    }
}

final class ComparisonNode: ExpressionNode {
    let op: ComparisonOperator
    let l: ExpressionNode, r: ExpressionNode
    let type = DataType.boolean

    init(op: ComparisonOperator, l: ExpressionNode, r: ExpressionNode) {
        self.op = op
        self.l = l
        self.r = r
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        if l.type == .null || r.type == .null { return Vector.nulls(.boolean, count: batch.count) }
        return try ComparisonKernels.compare(op, try l.evaluate(batch), try r.evaluate(batch), in: batch)
    }

    /// A comparison with a constant selects without broadcasting it or building a BOOLEAN vector.
    func select(_ batch: Batch) throws -> SelectionVector {
        if let match = constantOperand(), isFixedKernelType(match.operand.type) {
            let test = ConstantSelection.Test.compare(match.op, match.constant.scalar)
            let values = try match.operand.evaluate(batch)
            return try visitFixed(match.operand.type, ConstantSelection(test: test, values: values, batch: batch))
        }
        if let match = constantOperand(), match.operand.type == .string || match.operand.type == .binary {
            let values = try match.operand.evaluate(batch)
            return StringConstantSelection.select(match.op, values, constant: match.constant.scalar, in: batch)
        }
        return BooleanKernels.select(try evaluate(batch), in: batch)
    }

    /// `column op constant` (or the constant first, the operator flipped) with a non-NULL constant.
    private func constantOperand() -> (operand: ExpressionNode, op: ComparisonOperator, constant: LiteralNode)? {
        if let constant = r as? LiteralNode, !(l is LiteralNode), !constant.isNull, l.type == r.type { return (l, op, constant) }
        if let constant = l as? LiteralNode, !(r is LiteralNode), !constant.isNull, l.type == r.type { return (r, op.flipped, constant) }
        return nil
    }
}

final class ArithmeticNode: ExpressionNode {
    let op: ArithmeticOperator
    let l: ExpressionNode, r: ExpressionNode
    let type: DataType

    init(op: ArithmeticOperator, l: ExpressionNode, r: ExpressionNode, type: DataType) {
        self.op = op
        self.l = l
        self.r = r
        self.type = type
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        if l.type == .null || r.type == .null { return Vector.nulls(type, count: batch.count) }
        return try ArithmeticKernels.evaluate(op, try l.evaluate(batch), try r.evaluate(batch), result: type, in: batch)
    }
}

/// AND / OR of any number of operands, three-valued.
final class LogicalNode: ExpressionNode {
    let isAnd: Bool
    let children: [ExpressionNode]
    let type = DataType.boolean

    init(isAnd: Bool, children: [ExpressionNode]) {
        self.isAnd = isAnd
        self.children = children
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        guard var result = try children.first?.evaluate(batch) else {
            return Vector.constant(.bool(isAnd), type: .boolean, count: batch.count)
        }
        for child in children.dropFirst() {
            result = BooleanKernels.combine(result, try child.evaluate(batch), isAnd: isAnd)
        }
        return result
    }

    /// AND narrows conjunct by conjunct; OR evaluates whole (a NULL branch must not decide).
    func select(_ batch: Batch) throws -> SelectionVector {
        guard isAnd else { return BooleanKernels.select(try evaluate(batch), in: batch) }
        var current = batch
        for child in children {
            let selection = try child.select(current)
            current = narrowed(current, selection)
            if selection.count == 0 { break }
        }
        return current.selection ?? SelectionVector(identity: batch.count)
    }
}

final class NotNode: ExpressionNode {
    let child: ExpressionNode
    let type = DataType.boolean
    init(child: ExpressionNode) { self.child = child }

    func evaluate(_ batch: Batch) throws -> Vector { BooleanKernels.not(try child.evaluate(batch)) }
}

final class IsNullNode: ExpressionNode {
    let child: ExpressionNode
    let negated: Bool
    let type = DataType.boolean
    init(child: ExpressionNode, negated: Bool) {
        self.child = child
        self.negated = negated
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        BooleanKernels.isNull(try child.evaluate(batch), negated: negated)
    }
}

final class DistinctNode: ExpressionNode {
    let l: ExpressionNode, r: ExpressionNode
    let negated: Bool
    let type = DataType.boolean
    init(l: ExpressionNode, r: ExpressionNode, negated: Bool) {
        self.l = l
        self.r = r
        self.negated = negated
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let (a, b) = (try l.evaluate(batch), try r.evaluate(batch))
        if l.type == .null || r.type == .null {
            let other = l.type == .null ? b : a
            return BooleanKernels.isNull(other, negated: !negated)
        }
        return try ComparisonKernels.distinct(a, b, negated: negated, in: batch)
    }
}

/// `x IN (a, b, ...)` as OR of equalities, which gives SQL's answer: TRUE on a match, else NULL when
/// `x` or any item is NULL, else FALSE. NOT IN negates that, so one NULL in the list makes it never TRUE.
final class InListNode: ExpressionNode {
    let value: ExpressionNode
    let list: [ExpressionNode]
    let negated: Bool
    let type = DataType.boolean

    init(value: ExpressionNode, list: [ExpressionNode], negated: Bool) {
        self.value = value
        self.list = list
        self.negated = negated
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let v = try value.evaluate(batch)
        var result = Vector.constant(.bool(false), type: .boolean, count: batch.count)
        for item in list {
            let equal: Vector
            if value.type == .null || item.type == .null {
                equal = Vector.nulls(.boolean, count: batch.count)
            } else {
                equal = try ComparisonKernels.compare(.equal, v, try item.evaluate(batch), in: batch)
            }
            result = BooleanKernels.combine(result, equal, isAnd: false)
        }
        return negated ? BooleanKernels.not(result) : result
    }
}

final class BetweenNode: ExpressionNode {
    let value: ExpressionNode, low: ExpressionNode, high: ExpressionNode
    let negated: Bool
    let type = DataType.boolean

    init(value: ExpressionNode, low: ExpressionNode, high: ExpressionNode, negated: Bool) {
        self.value = value
        self.low = low
        self.high = high
        self.negated = negated
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        if value.type == .null || low.type == .null || high.type == .null {
            return Vector.nulls(.boolean, count: batch.count)
        }
        let v = try value.evaluate(batch)
        let lower = try ComparisonKernels.compare(.greaterOrEqual, v, try low.evaluate(batch), in: batch)
        let upper = try ComparisonKernels.compare(.lessOrEqual, v, try high.evaluate(batch), in: batch)
        let inside = BooleanKernels.combine(lower, upper, isAnd: true)
        return negated ? BooleanKernels.not(inside) : inside
    }

    /// Constant bounds select in one pass (a NULL value row is dropped either way).
    func select(_ batch: Batch) throws -> SelectionVector {
        if let low = low as? LiteralNode, let high = high as? LiteralNode, !low.isNull, !high.isNull,
           !(value is LiteralNode), isFixedKernelType(value.type), value.type == low.type, value.type == high.type {
            let test = ConstantSelection.Test.between(low: low.scalar, high: high.scalar, negated: negated)
            return try visitFixed(value.type, ConstantSelection(test: test, values: try value.evaluate(batch), batch: batch))
        }
        return BooleanKernels.select(try evaluate(batch), in: batch)
    }
}
