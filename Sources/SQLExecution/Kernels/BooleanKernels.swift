import Columnar

/// Three-valued logic over BOOLEAN vectors (one byte per row, 0 or 1).
enum BooleanKernels {
    /// AND (`isAnd`) or OR of two boolean vectors: FALSE dominates AND, TRUE dominates OR, else NULL propagates.
    static func combine(_ a: Vector, _ b: Vector, isAnd: Bool) -> Vector {
        let n = a.count
        if a.validity == nil && b.validity == nil {
            return a.withValues(as: UInt8.self) { x in
                b.withValues(as: UInt8.self) { y in
                    Vector.makeFixed(.boolean, count: n, validity: nil, as: UInt8.self) { out in
                        if isAnd { for i in 0..<n { out[i] = x[i] & y[i] } } else { for i in 0..<n { out[i] = x[i] | y[i] } }
                    }
                }
            }
        }
        var validity = Validity(allValid: n)
        let dominant: UInt8 = isAnd ? 0 : 1
        let result = a.withValues(as: UInt8.self) { x in
            b.withValues(as: UInt8.self) { y in
                Vector.makeFixed(.boolean, count: n, validity: nil, as: UInt8.self) { out in
                    for i in 0..<n {
                        let av = !a.isNull(i), bv = !b.isNull(i)
                        if (av && x[i] == dominant) || (bv && y[i] == dominant) {
                            out[i] = dominant
                        } else if av && bv {
                            out[i] = 1 &- dominant
                        } else {
                            validity.set(i, valid: false)
                        }
                    }
                }
            }
        }
        var vector = result
        vector.validity = validity
        return vector
    }

    static func not(_ a: Vector) -> Vector {
        a.withValues(as: UInt8.self) { x in
            Vector.makeFixed(.boolean, count: a.count, validity: a.validity, as: UInt8.self) { out in
                for i in 0..<a.count { out[i] = x[i] ^ 1 }
            }
        }
    }

    /// The rows of `batch` (within its selection) where `predicate` is TRUE: NULL and FALSE both drop the row.
    static func select(_ predicate: Vector, in batch: Batch) -> SelectionVector {
        predicate.withValues(as: UInt8.self) { x in
            SelectionKernels.rows(batch, validity: predicate.validity) { x[$0] != 0 }
        }
    }

    /// IS NULL / IS NOT NULL.
    static func isNull(_ a: Vector, negated: Bool) -> Vector {
        Vector.makeFixed(.boolean, count: a.count, validity: nil, as: UInt8.self) { out in
            guard let validity = a.validity else {
                if case .null = a.type { for i in 0..<a.count { out[i] = negated ? 0 : 1 } }
                else { for i in 0..<a.count { out[i] = negated ? 1 : 0 } }
                return
            }
            for i in 0..<a.count { out[i] = (validity.isValid(i) == negated) ? 1 : 0 }
        }
    }
}
