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
            let bound = decimalBound(T.self)
            let (high, low) = bound.map { ($0, 0 &- $0) } ?? (T.max, T.min)
            return try l.withValues(as: T.self) { a in
                try r.withValues(as: T.self) { b in
                    try Vector.makeFixed(result, count: batch.count, validity: nil, as: T.self) { out in
                        try batch.forEachRow { i in
                            let (value, failed) = apply(a[i], b[i])
                            if failed || (bound != nil && (value >= high || value <= low)) {
                                try fail(i, a[i], b[i])
                            }
                            out[i] = value
                        }
                    }
                }
            }
        }

        @inline(__always)
        func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> (T, Bool) {
            switch op {
            case .add: return a.addingReportingOverflow(b)
            case .subtract: return a.subtractingReportingOverflow(b)
            case .multiply:
                // 128-bit operands that fit in 64 bits cannot overflow: skip the slow checked wide multiply.
                if T.bitWidth > 64, a == T(truncatingIfNeeded: Int64(truncatingIfNeeded: a)),
                    b == T(truncatingIfNeeded: Int64(truncatingIfNeeded: b))
                {
                    return (a &* b, false)
                }
                return a.multipliedReportingOverflow(by: b)
            case .integerDivide, .divide: return b == 0 ? (0, true) : a.dividedReportingOverflow(by: b)
            case .modulo: return b == 0 ? (0, true) : a.remainderReportingOverflow(dividingBy: b)
            }
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
