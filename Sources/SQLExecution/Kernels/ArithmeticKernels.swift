import Columnar

/// + - * / DIV % over two vectors of one physical type. Integer and decimal results are checked: overflow
/// (or a decimal leaving its precision) and division by zero throw, naming the operation and the values.
/// Only live rows are computed, so a filtered-out row can never raise an error.
enum ArithmeticKernels {
    static func evaluate(_ op: ArithmeticOperator, _ l: Vector, _ r: Vector, result: DataType, in batch: Batch)
        throws -> Vector
    {
        var out = try visitFixed(l.type, Visitor(op: op, l: l, r: r, result: result, batch: batch))
        out.validity = Validity.intersect(l.validity, r.validity)
        return out
    }

    private struct Visitor: FixedWidthVisitor {
        let op: ArithmeticOperator
        let l: Vector, r: Vector, result: DataType, batch: Batch

        func visitInteger<T: FixedWidthInteger & SQLOrdered>(_: T.Type) throws -> Vector {
            switch op {
            case .add: return try run(T.self) { $0.addingReportingOverflow($1) }
            case .subtract: return try run(T.self) { $0.subtractingReportingOverflow($1) }
            case .multiply:
                // 128-bit operands that fit in 64 bits cannot overflow: skip the slow checked wide multiply.
                return try run(T.self) { a, b in
                    if T.bitWidth > 64, a == T(truncatingIfNeeded: Int64(truncatingIfNeeded: a)),
                        b == T(truncatingIfNeeded: Int64(truncatingIfNeeded: b))
                    {
                        return (a &* b, false)
                    }
                    return a.multipliedReportingOverflow(by: b)
                }
            case .integerDivide, .divide: return try run(T.self) { $1 == 0 ? (0, true) : $0.dividedReportingOverflow(by: $1) }
            case .modulo: return try run(T.self) { $1 == 0 ? (0, true) : $0.remainderReportingOverflow(dividingBy: $1) }
            }
        }

        /// One pass per operator with no branch on failure: overflow, division by zero and a decimal
        /// leaving its precision are OR-ed into a flag, and only a flagged batch is walked again to raise
        /// the first live, non-NULL row's error (NULL rows hold garbage that may "fail").
        @inline(__always)
        func run<T: FixedWidthInteger & SQLOrdered>(_: T.Type, _ apply: (T, T) -> (T, Bool)) throws -> Vector {
            // Decimal results must stay strictly inside ±10^precision; plain integers only must not overflow.
            let (high, low) = decimalBound(T.self).map { ($0 &- 1, 1 &- $0) } ?? (T.max, T.min)
            var flagged: UInt8 = 0
            let out = l.withValues(as: T.self) { a in
                r.withValues(as: T.self) { b in
                    Vector.makeFixed(result, count: batch.count, validity: nil, as: T.self) { out in
                        batch.forEachRow { i in
                            let (value, failed) = apply(a[i], b[i])
                            flagged |= (failed || value > high || value < low) ? 1 : 0
                            out[i] = value
                        }
                    }
                }
            }
            guard flagged != 0 else { return out }
            try l.withValues(as: T.self) { a in
                try r.withValues(as: T.self) { b in
                    try batch.forEachRow { i in
                        let (value, failed) = apply(a[i], b[i])
                        if failed || value > high || value < low { try fail(i, a[i], b[i]) }
                    }
                }
            }
            return out
        }

        /// 10^precision for a decimal result: raw values must stay strictly inside ±bound.
        func decimalBound<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard case .decimal(let p, _) = result else { return nil }
            var bound: T = 1
            for _ in 0..<p {
                let (next, o) = bound.multipliedReportingOverflow(by: 10)
                if o { return nil }
                bound = next
            }
            return bound
        }

        /// Raises the error for row `i` unless one operand is NULL (a NULL row's slot holds garbage).
        func fail<T: FixedWidthInteger>(_ i: Int, _ a: T, _ b: T) throws {
            if l.isNull(i) || r.isNull(i) { return }
            let lhs = ValueFormatter.format(a, l.type), rhs = ValueFormatter.format(b, r.type)
            if (op == .integerDivide || op == .modulo || op == .divide) && b == 0 {
                throw ExecutionError.divisionByZero(result, lhs, op.rawValue)
            }
            throw ExecutionError.overflow(op.name, result, lhs, rhs, op.rawValue)
        }

        func visitFloat<T: BinaryFloatingPoint & SQLOrdered>(_: T.Type) throws -> Vector {
            try l.withValues(as: T.self) { a in
                try r.withValues(as: T.self) { b in
                    try Vector.makeFixed(result, count: batch.count, validity: nil, as: T.self) { out in
                        switch op {
                        case .add: batch.forEachRow { i in out[i] = a[i] + b[i] }
                        case .subtract: batch.forEachRow { i in out[i] = a[i] - b[i] }
                        case .multiply: batch.forEachRow { i in out[i] = a[i] * b[i] }
                        case .divide, .integerDivide, .modulo:
                            try batch.forEachRow { i in
                                if b[i] == 0 {
                                    if l.isNull(i) || r.isNull(i) { return }
                                    throw ExecutionError.divisionByZero(result, "\(a[i])", op.rawValue)
                                }
                                out[i] = op == .modulo ? a[i].truncatingRemainder(dividingBy: b[i]) : a[i] / b[i]
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Formats raw values for error messages and string casts.
enum ValueFormatter {
    static func format<T: FixedWidthInteger>(_ raw: T, _ type: DataType) -> String {
        if case .decimal(_, let scale) = type { return decimal(Int128(raw), scale: scale) }
        if type == .boolean { return raw != 0 ? "true" : "false" }
        return "\(raw)"
    }

    static func decimal(_ raw: Int128, scale: Int) -> String {
        guard scale > 0 else { return "\(raw)" }
        let negative = raw < 0
        var digits = String(raw.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<split] + "." + digits[split...]
    }
}
