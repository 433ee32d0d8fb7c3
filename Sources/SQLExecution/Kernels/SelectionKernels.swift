import Columnar

/// Predicates straight into selection vectors, in two passes over the live rows: the first stores each
/// row's test as a 0/1 byte (a store, not a branch, so dense loops vectorize), the second writes every
/// row's index and advances the output by its byte. No BOOLEAN vector, and no branch a predicate of middling
/// selectivity would mispredict.
enum SelectionKernels {
    /// The live rows of `batch` (in order) that are valid in `validity` and satisfy `keep(physicalRow)`.
    @inline(__always)
    static func rows(_ batch: Batch, validity: Validity?, where keep: (Int) -> Bool) -> SelectionVector {
        let live = batch.rowCount
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, live)) { mask in
            if let selection = batch.selection {
                selection.indices.withUnsafeBufferPointer { rows in
                    for k in 0..<live { mask[k] = keep(Int(rows[k])) ? 1 : 0 }
                }
            } else {
                for row in 0..<live { mask[row] = keep(row) ? 1 : 0 }
            }
            if let validity { clearInvalid(mask, batch, validity) }
            return compact(mask, batch)
        }
    }

    /// Zeroes the test bytes of NULL rows.
    private static func clearInvalid(_ mask: UnsafeMutableBufferPointer<UInt8>, _ batch: Batch, _ validity: Validity) {
        validity.words.withUnsafeBufferPointer { words in
            batch.forEachLive { k, row in
                mask[k] &= UInt8(truncatingIfNeeded: words[row &>> 6] &>> UInt64(row & 63)) & 1
            }
        }
    }

    /// The live rows whose test byte is 1.
    private static func compact(_ mask: UnsafeMutableBufferPointer<UInt8>, _ batch: Batch) -> SelectionVector {
        let indices = ContiguousArray<UInt32>(unsafeUninitializedCapacity: batch.rowCount) { out, initialized in
            var n = 0
            batch.forEachLive { k, row in
                out[n] = UInt32(truncatingIfNeeded: row)
                n &+= Int(mask[k])
            }
            initialized = n
        }
        return SelectionVector(indices)
    }
}

extension Batch {
    /// Calls `body(k, physicalRow)` for every live row `k`, in order.
    @inline(__always)
    func forEachLive(_ body: (Int, Int) -> Void) {
        if let selection {
            selection.indices.withUnsafeBufferPointer { rows in
                for k in 0..<rows.count { body(k, Int(rows[k])) }
            }
        } else {
            for row in 0..<count { body(row, row) }
        }
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
