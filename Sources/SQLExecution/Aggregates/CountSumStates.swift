import Columnar

/// count(x) and count(*).
final class CountState: AggregateState {
    let countNulls: Bool
    var counts = ContiguousArray<Int64>()

    init(countNulls: Bool) { self.countNulls = countNulls }

    func resize(_ count: Int) {
        if counts.count < count { counts.append(contentsOf: repeatElement(0, count: count - counts.count)) }
    }

    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws {
        counts.withUnsafeMutableBufferPointer { c in
            if countNulls || args.isEmpty || args[0].validity == nil {
                if case .null = args.first?.type, !countNulls { return }
                for g in groups { c[Int(g)] &+= 1 }
                return
            }
            let validity = args[0].validity!
            for k in 0..<rows.count where validity.isValid(Int(rows[k])) { c[Int(groups[k])] &+= 1 }
        }
    }

    func finalize(_ count: Int) throws -> Vector {
        resize(count)
        return Vector.makeFixed(.int64, count: count, validity: nil, as: Int64.self) { out in
            for g in 0..<count { out[g] = counts[g] }
        }
    }
}

/// Tracks which groups have seen a non-NULL value (aggregates over no values are NULL).
struct SeenGroups {
    var seen = ContiguousArray<UInt8>()

    mutating func resize(_ count: Int) {
        if seen.count < count { seen.append(contentsOf: repeatElement(0, count: count - seen.count)) }
    }

    func validity(_ count: Int) -> Validity? {
        var v = Validity(allValid: count)
        var any = false
        for g in 0..<count where seen[g] == 0 {
            v.set(g, valid: false)
            any = true
        }
        return any ? v : nil
    }
}

/// sum: integers into a checked Int64 (BIGINT), decimals into Int128 bounded by 38 digits, floats into DOUBLE.
final class SumState: AggregateState {
    enum Mode { case integer, decimal, double }
    let mode: Mode
    let result: DataType
    var integers = ContiguousArray<Int64>()
    var decimals = ContiguousArray<Int128>()
    var doubles = ContiguousArray<Double>()
    var seen = SeenGroups()

    init(result: DataType) {
        self.result = result
        mode = result == .int64 ? .integer : (result.isDecimal ? .decimal : .double)
    }

    static func make(input: DataType, result: DataType) throws -> SumState { SumState(result: result) }

    func resize(_ count: Int) {
        seen.resize(count)
        switch mode {
        case .integer: grow(&integers, count)
        case .decimal: grow(&decimals, count)
        case .double: grow(&doubles, count)
        }
    }

    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws {
        let v = args[0]
        if case .null = v.type { return }
        try visitFixed(v.type, Updater(state: self, v: v, rows: rows, groups: groups))
    }

    private struct Updater: FixedWidthVisitor {
        let state: SumState, v: Vector, rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>

        func visitInteger<T: FixedWidthInteger & SQLOrdered>(_: T.Type) throws {
            try v.withValues(as: T.self) { x in
                switch state.mode {
                case .integer: try state.addIntegers(x, v, rows, groups)
                case .decimal: try state.addDecimals(x, v, rows, groups)
                case .double: state.addDoubles(x, v, rows, groups) { Double($0) }
                }
            }
        }

        func visitFloat<T: BinaryFloatingPoint & SQLOrdered>(_: T.Type) throws {
            v.withValues(as: T.self) { x in state.addDoubles(x, v, rows, groups) { Double($0) } }
        }
    }

    /// The hot path: checked Int64 addition, one branch per row for NULLs only when the input has them.
    private func addIntegers<T: FixedWidthInteger>(
        _ x: UnsafeBufferPointer<T>, _ v: Vector, _ rows: UnsafeBufferPointer<Int32>, _ groups: UnsafeBufferPointer<Int32>
    ) throws {
        let hasNulls = v.validity != nil
        if integers.count == 1 && !hasNulls {
            // Ungrouped without NULLs: one running total in a register.
            var total = integers[0]
            for k in 0..<rows.count {
                let r = Int(rows[k])
                guard let value = Int64(exactly: x[r]) else { throw overflow(total, x[r]) }
                let (next, o) = total.addingReportingOverflow(value)
                if o { throw overflow(total, x[r]) }
                total = next
            }
            integers[0] = total
            if rows.count > 0 { seen.seen[0] = 1 }
            return
        }
        try integers.withUnsafeMutableBufferPointer { s in
            try seen.seen.withUnsafeMutableBufferPointer { seen in
                for k in 0..<rows.count {
                    let r = Int(rows[k])
                    if hasNulls && v.isNull(r) { continue }
                    let g = Int(groups[k])
                    guard let value = Int64(exactly: x[r]) else { throw overflow(s[g], x[r]) }
                    let (total, o) = s[g].addingReportingOverflow(value)
                    if o { throw overflow(s[g], x[r]) }
                    s[g] = total
                    seen[g] = 1
                }
            }
        }
    }

    /// Values of at most 64 bits cannot take an Int128 total past 38 digits: fewer than 2^63 of them add up
    /// to less than 2^126 < 10^38, so they are added unchecked. Wider inputs check the addition and the bound.
    /// The state arrays are borrowed once per batch, not per row.
    private func addDecimals<T: FixedWidthInteger>(
        _ x: UnsafeBufferPointer<T>, _ v: Vector, _ rows: UnsafeBufferPointer<Int32>, _ groups: UnsafeBufferPointer<Int32>
    ) throws {
        let bound = DecimalRescale.power(38)
        let hasNulls = v.validity != nil
        try decimals.withUnsafeMutableBufferPointer { s in
            try seen.seen.withUnsafeMutableBufferPointer { seen in
                for k in 0..<rows.count {
                    let r = Int(rows[k])
                    if hasNulls && v.isNull(r) { continue }
                    let g = Int(groups[k])
                    if T.bitWidth <= 64 {
                        s[g] &+= Int128(x[r])
                    } else {
                        let (total, o) = s[g].addingReportingOverflow(Int128(x[r]))
                        if o || total >= bound || total <= -bound { throw overflow(s[g], x[r]) }
                        s[g] = total
                    }
                    seen[g] = 1
                }
            }
        }
    }

    private func addDoubles<T>(
        _ x: UnsafeBufferPointer<T>, _ v: Vector, _ rows: UnsafeBufferPointer<Int32>, _ groups: UnsafeBufferPointer<Int32>,
        _ convert: (T) -> Double
    ) {
        let hasNulls = v.validity != nil
        doubles.withUnsafeMutableBufferPointer { s in
            seen.seen.withUnsafeMutableBufferPointer { seen in
                for k in 0..<rows.count {
                    let r = Int(rows[k])
                    if hasNulls && v.isNull(r) { continue }
                    let g = Int(groups[k])
                    s[g] += convert(x[r])
                    seen[g] = 1
                }
            }
        }
    }

    func overflow(_ total: some Any, _ value: some Any) -> ExecutionError {
        ExecutionError(.outOfRange, "Overflow in SUM of \(result.sqlName) (\(total) + \(value))")
    }

    func finalize(_ count: Int) throws -> Vector {
        resize(count)
        let validity = seen.validity(count)
        switch mode {
        case .integer: return copyOut(integers, count, validity)
        case .decimal: return copyOut(decimals, count, validity)
        case .double: return copyOut(doubles, count, validity)
        }
    }

    private func copyOut<T: BitwiseCopyable>(_ a: ContiguousArray<T>, _ count: Int, _ validity: Validity?) -> Vector {
        Vector.makeFixed(result, count: count, validity: validity, as: T.self) { out in
            for g in 0..<count { out[g] = a[g] }
        }
    }
}

func grow<T: Numeric>(_ a: inout ContiguousArray<T>, _ count: Int) {
    if a.count < count { a.append(contentsOf: repeatElement(0, count: count - a.count)) }
}
