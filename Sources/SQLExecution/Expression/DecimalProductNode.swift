import Columnar

/// A decimal product with a 128-bit result whose operands the binder widened by precision only
/// (`CAST(a AS DECIMAL(31,2)) * CAST(b AS DECIMAL(31,2))`, TPC-H's `l_extendedprice * (1 - l_discount)`):
/// the operands are read at their own storage width, 64-bit pairs multiply into 128 bits in one instruction,
/// and the widening casts never materialize. Same results and errors as the cast-then-multiply plan.
final class DecimalProductNode: ExpressionNode {
    let l: ExpressionNode, r: ExpressionNode
    let type: DataType

    init(l: ExpressionNode, r: ExpressionNode, type: DataType) {
        self.l = l
        self.r = r
        self.type = type
    }

    /// The node for `l * r` of type `type`, or nil when the plan is not a 128-bit decimal product of at least
    /// one operand widened from 64 bits.
    static func compile(
        _ l: PhysicalExpression, _ r: PhysicalExpression, _ type: DataType, _ compile: (PhysicalExpression) throws -> ExpressionNode
    ) throws -> ExpressionNode? {
        guard type.isDecimal, type.fixedWidth == 16 else { return nil }
        let (a, b) = (unwidened(l), unwidened(r))
        guard a.type.isDecimal, b.type.isDecimal, a.type.fixedWidth == 8 || b.type.fixedWidth == 8 else { return nil }
        return DecimalProductNode(l: try compile(a), r: try compile(b), type: type)
    }

    /// `e` without a CAST that only raises a decimal's precision (the value and scale stay).
    private static func unwidened(_ e: PhysicalExpression) -> PhysicalExpression {
        guard case .cast(let inner, let to, false) = e, inner.type.isDecimal, to.isDecimal,
            inner.type.decimalScale == to.decimalScale, inner.type.decimalPrecision <= to.decimalPrecision
        else { return e }
        return inner
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let (a, b) = (try l.evaluate(batch), try r.evaluate(batch))
        var out: Vector
        switch (a.type.fixedWidth, b.type.fixedWidth) {
        case (8, 8): out = try multiply(a, b, Int64.self, Int64.self, batch)
        case (8, _): out = try multiply(a, b, Int64.self, Int128.self, batch)
        case (_, 8): out = try multiply(a, b, Int128.self, Int64.self, batch)
        default: out = try multiply(a, b, Int128.self, Int128.self, batch)
        }
        out.validity = Validity.intersect(a.validity, b.validity)
        return out
    }

    /// One pass with failures OR-ed into a flag; only a flagged batch is walked again for the error.
    private func multiply<A: FixedWidthInteger & BitwiseCopyable, B: FixedWidthInteger & BitwiseCopyable>(
        _ a: Vector, _ b: Vector, _: A.Type, _: B.Type, _ batch: Batch
    ) throws -> Vector {
        let bound = DecimalRescale.power(type.decimalPrecision)
        var flagged = false
        let out = a.withValues(as: A.self) { x in
            b.withValues(as: B.self) { y in
                Vector.makeFixed(type, count: batch.count, validity: nil, as: Int128.self) { out in
                    batch.forEachRow { i in
                        let (value, failed) = Self.product(x[i], y[i])
                        flagged = flagged || failed || value >= bound || value <= -bound
                        out[i] = value
                    }
                }
            }
        }
        guard flagged else { return out }
        try a.withValues(as: A.self) { x in
            try b.withValues(as: B.self) { y in
                try batch.forEachRow { i in
                    let (value, failed) = Self.product(x[i], y[i])
                    guard failed || value >= bound || value <= -bound, !a.isNull(i), !b.isNull(i) else { return }
                    throw ExecutionError.overflow(
                        ArithmeticOperator.multiply.name, type, ValueFormatter.format(x[i], a.type),
                        ValueFormatter.format(y[i], b.type), "*")
                }
            }
        }
        return out
    }

    /// The exact product, or a flag when it does not fit 128 bits. Operands that fit 64 bits take one
    /// full-width multiply and cannot overflow.
    @inline(__always)
    private static func product<A: FixedWidthInteger, B: FixedWidthInteger>(_ a: A, _ b: B) -> (Int128, Bool) {
        if A.bitWidth <= 64 || Int64(exactly: a) != nil, B.bitWidth <= 64 || Int64(exactly: b) != nil {
            let (high, low) = Int64(truncatingIfNeeded: a).multipliedFullWidth(by: Int64(truncatingIfNeeded: b))
            return (Int128(high) << 64 | Int128(low), false)
        }
        return Int128(truncatingIfNeeded: a).multipliedReportingOverflow(by: Int128(truncatingIfNeeded: b))
    }
}
