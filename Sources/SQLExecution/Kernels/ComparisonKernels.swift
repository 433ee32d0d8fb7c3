import Columnar

/// Comparisons of two vectors of one type into a BOOLEAN vector. Fixed-width comparisons cannot fail, so a
/// dense selection is compared branch-free over every row; a sparse one only at its rows.
enum ComparisonKernels {
    static func compare(_ op: ComparisonOperator, _ l: Vector, _ r: Vector, in batch: Batch) throws -> Vector {
        let validity = Validity.intersect(l.validity, r.validity)
        if isFixedKernelType(l.type) {
            var result = try visitFixed(l.type, FixedComparison(op: op, l: l, r: r, batch: batch))
            result.validity = validity
            return result
        }
        switch l.type {
        case .string, .binary, .fixedBinary:
            var result = compareBytes(op, l, r, batch)
            result.validity = validity
            return result
        case .null:
            return Vector.nulls(.boolean, count: batch.count)
        default:
            return try compareBoxed(op, l, r, batch, validity)
        }
    }

    /// Whether a selection is sparse enough that visiting only its rows beats a dense branch-free loop.
    static func isSparse(_ batch: Batch) -> Bool {
        guard let selection = batch.selection else { return false }
        return selection.count * 4 < batch.count
    }

    private struct FixedComparison: FixedWidthVisitor {
        let op: ComparisonOperator
        let l: Vector, r: Vector, batch: Batch

        func visitInteger<T: FixedWidthInteger & SQLOrdered>(_: T.Type) -> Vector { run(T.self) }
        func visitFloat<T: BinaryFloatingPoint & SQLOrdered>(_: T.Type) -> Vector { run(T.self) }

        func run<T: SQLOrdered>(_: T.Type) -> Vector {
            switch op {
            case .equal: loop(T.self) { T.sqlEqual($0, $1) }
            case .notEqual: loop(T.self) { !T.sqlEqual($0, $1) }
            case .less: loop(T.self) { T.sqlLess($0, $1) }
            case .lessOrEqual: loop(T.self) { !T.sqlLess($1, $0) }
            case .greater: loop(T.self) { T.sqlLess($1, $0) }
            case .greaterOrEqual: loop(T.self) { !T.sqlLess($0, $1) }
            }
        }

        @inline(__always)
        func loop<T: SQLOrdered>(_: T.Type, _ predicate: (T, T) -> Bool) -> Vector {
            l.withValues(as: T.self) { a in
                r.withValues(as: T.self) { b in
                    Vector.makeFixed(.boolean, count: batch.count, validity: nil, as: UInt8.self) { out in
                        if isSparse(batch) {
                            batch.forEachRow { i in out[i] = predicate(a[i], b[i]) ? 1 : 0 }
                        } else {
                            for i in 0..<batch.count { out[i] = predicate(a[i], b[i]) ? 1 : 0 }
                        }
                    }
                }
            }
        }
    }

    private static func compareBytes(_ op: ComparisonOperator, _ l: Vector, _ r: Vector, _ batch: Batch) -> Vector {
        Vector.makeFixed(.boolean, count: batch.count, validity: nil, as: UInt8.self) { out in
            withRowBytes(l) { a in
                withRowBytes(r) { b in
                    batch.forEachRow { i in
                        let c = compareRaw(a(i), b(i))
                        out[i] = satisfies(op, c) ? 1 : 0
                    }
                }
            }
        }
    }

    /// Row bytes of a string, binary or fixed binary vector.
    static func withRowBytes<R>(_ v: Vector, _ body: ((Int) -> UnsafeRawBufferPointer) -> R) -> R {
        if case .fixedBinary(let n) = v.type {
            return v.buffer.withUnsafeBytes { raw in
                body { i in UnsafeRawBufferPointer(rebasing: raw[i * n..<(i + 1) * n]) }
            }
        }
        return v.withBytes { reader in body { reader.row($0) } }
    }

    /// memcmp order, shorter first on a common prefix: -1, 0 or 1.
    @inline(__always)
    static func compareRaw(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        for k in 0..<n where a[k] != b[k] { return a[k] < b[k] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    @inline(__always)
    static func satisfies(_ op: ComparisonOperator, _ c: Int) -> Bool {
        switch op {
        case .equal: c == 0
        case .notEqual: c != 0
        case .less: c < 0
        case .lessOrEqual: c <= 0
        case .greater: c > 0
        case .greaterOrEqual: c >= 0
        }
    }

    /// Nested types: equality only, through boxed values (rare; never on a scan's hot path).
    private static func compareBoxed(
        _ op: ComparisonOperator, _ l: Vector, _ r: Vector, _ batch: Batch, _ validity: Validity?
    ) throws -> Vector {
        guard op == .equal || op == .notEqual else {
            throw ExecutionError.mismatch("Cannot order values of type \(l.type.sqlName)")
        }
        var result = Vector.makeFixed(.boolean, count: batch.count, validity: nil, as: UInt8.self) { out in
            batch.forEachRow { i in out[i] = (l.value(at: i) == r.value(at: i)) == (op == .equal) ? 1 : 0 }
        }
        result.validity = validity
        return result
    }

    /// IS [NOT] DISTINCT FROM: equality where NULL equals NULL, never NULL itself.
    static func distinct(_ l: Vector, _ r: Vector, negated: Bool, in batch: Batch) throws -> Vector {
        let equal = try compare(.equal, l, r, in: batch)
        return equal.withValues(as: UInt8.self) { eq in
            Vector.makeFixed(.boolean, count: batch.count, validity: nil, as: UInt8.self) { out in
                batch.forEachRow { i in
                    let ln = l.isNull(i), rn = r.isNull(i)
                    let same = (ln && rn) || (!ln && !rn && eq[i] != 0)
                    out[i] = same == negated ? 1 : 0
                }
            }
        }
    }
}
