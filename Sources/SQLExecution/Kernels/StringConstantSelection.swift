import Columnar

/// `column <op> 'constant'` over strings and binaries (TPC-H's `l_returnflag = 'R'`, `c_mktsegment =
/// 'BUILDING'`), evaluated into a selection: each row's bytes are compared with the constant's in place,
/// equality by length first, with no broadcast constant vector and no BOOLEAN vector.
enum StringConstantSelection {
    static func select(_ op: ComparisonOperator, _ values: Vector, constant: Vector, in batch: Batch) -> SelectionVector {
        constant.withBytes { c in
            let key = c.row(0)
            return values.withBytes { reader in
                switch op {
                case .equal:
                    return SelectionKernels.rows(batch, validity: values.validity) { equal(reader.row($0), key) }
                case .notEqual:
                    return SelectionKernels.rows(batch, validity: values.validity) { !equal(reader.row($0), key) }
                default:
                    return SelectionKernels.rows(batch, validity: values.validity) {
                        ComparisonKernels.satisfies(op, ComparisonKernels.compareRaw(reader.row($0), key))
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where a[k] != b[k] { return false }
        return true
    }
}
