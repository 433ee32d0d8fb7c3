import Columnar

/// Predicates straight into selection vectors. A filter keeps only the row indices, so the kernels write
/// each live row's index unconditionally and advance the output by the predicate's 0 or 1: no BOOLEAN
/// vector, no branch per row, one allocation per batch.
enum SelectionKernels {
    /// The live rows of `batch` (in order) that are valid in `validity` and satisfy `keep(physicalRow)`.
    @inline(__always)
    static func rows(_ batch: Batch, validity: Validity?, where keep: (Int) -> Bool) -> SelectionVector {
        guard let validity else { return rows(batch, where: keep) }
        return validity.words.withUnsafeBufferPointer { words in
            rows(batch) { row in
                let valid = words[row &>> 6] &>> UInt64(row & 63) & 1
                return valid != 0 && keep(row)
            }
        }
    }

    @inline(__always)
    static func rows(_ batch: Batch, where keep: (Int) -> Bool) -> SelectionVector {
        let indices = ContiguousArray<UInt32>(unsafeUninitializedCapacity: batch.rowCount) { out, initialized in
            var n = 0
            if let selection = batch.selection {
                selection.indices.withUnsafeBufferPointer { live in
                    for row in live {
                        out[n] = row
                        n &+= keep(Int(row)) ? 1 : 0
                    }
                }
            } else {
                for row in 0..<batch.count {
                    out[n] = UInt32(truncatingIfNeeded: row)
                    n &+= keep(row) ? 1 : 0
                }
            }
            initialized = n
        }
        return SelectionVector(indices)
    }
}

/// `column <op> constant` and `column [NOT] BETWEEN constant AND constant` over fixed-width values, the
/// shape of most scan filters, evaluated into a selection without broadcasting the constants.
struct ConstantSelection: FixedWidthVisitor {
    enum Test {
        case compare(ComparisonOperator, Vector)
        case between(low: Vector, high: Vector, negated: Bool)
    }

    let test: Test
    /// The non-constant operand, evaluated over the batch.
    let values: Vector
    let batch: Batch

    func visitInteger<T: FixedWidthInteger & SQLOrdered>(_: T.Type) -> SelectionVector { run(T.self) }
    func visitFloat<T: BinaryFloatingPoint & SQLOrdered>(_: T.Type) -> SelectionVector { run(T.self) }

    private func run<T: SQLOrdered>(_: T.Type) -> SelectionVector {
        switch test {
        case .compare(let op, let constant):
            let c = constant.withValues(as: T.self) { $0[0] }
            switch op {
            case .equal: return scan(T.self) { T.sqlEqual($0, c) }
            case .notEqual: return scan(T.self) { !T.sqlEqual($0, c) }
            case .less: return scan(T.self) { T.sqlLess($0, c) }
            case .lessOrEqual: return scan(T.self) { !T.sqlLess(c, $0) }
            case .greater: return scan(T.self) { T.sqlLess(c, $0) }
            case .greaterOrEqual: return scan(T.self) { !T.sqlLess($0, c) }
            }
        case .between(let low, let high, let negated):
            let lo = low.withValues(as: T.self) { $0[0] }, hi = high.withValues(as: T.self) { $0[0] }
            if negated { return scan(T.self) { T.sqlLess($0, lo) || T.sqlLess(hi, $0) } }
            return scan(T.self) { !T.sqlLess($0, lo) && !T.sqlLess(hi, $0) }
        }
    }

    @inline(__always)
    private func scan<T: SQLOrdered>(_: T.Type, _ keep: (T) -> Bool) -> SelectionVector {
        values.withValues(as: T.self) { a in
            SelectionKernels.rows(batch, validity: values.validity) { keep(a[$0]) }
        }
    }
}
