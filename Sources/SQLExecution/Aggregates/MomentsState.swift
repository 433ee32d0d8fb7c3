import Columnar

/// avg, stddev_samp/pop and var_samp/pop with Welford's update (count, mean, M2 per group), which stays
/// accurate where sum-of-squares cancels. Decimals are read at their scale. avg of integers and decimals of
/// at most 64 bits keeps an exact Int128 sum instead (it cannot overflow), as DuckDB does: no division per row.
final class MomentsState: AggregateState {
    enum Output { case mean, stddevSamp, stddevPop, varianceSamp, variancePop }
    let input: DataType
    let output: Output
    /// avg over a narrow integer or decimal: `sums` and `counts` only.
    let exact: Bool
    var counts = ContiguousArray<Int64>()
    var sums = ContiguousArray<Int128>()
    var means = ContiguousArray<Double>()
    var m2 = ContiguousArray<Double>()

    init(input: DataType, output: Output) {
        self.input = input
        self.output = output
        exact = output == .mean && !input.isFloatingPoint && (input.fixedWidth ?? 16) <= 8
    }

    func resize(_ count: Int) {
        grow(&counts, count)
        if exact {
            grow(&sums, count)
        } else {
            grow(&means, count)
            grow(&m2, count)
        }
    }

    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws {
        let v = args[0]
        if case .null = v.type { return }
        let divisor = Double(DecimalRescale.power(v.type.decimalScale))
        try visitFixed(v.type, Reader(state: self, v: v, rows: rows, groups: groups, divisor: divisor))
    }

    private struct Reader: FixedWidthVisitor {
        let state: MomentsState, v: Vector, rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>
        let divisor: Double
        func visitInteger<T: FixedWidthInteger & SQLOrdered>(_: T.Type) throws {
            if state.exact {
                v.withValues(as: T.self) { x in state.addExact(rows, groups, v) { Int128(x[$0]) } }
                return
            }
            v.withValues(as: T.self) { x in state.add(rows, groups, v) { Double(x[$0]) / divisor } }
        }
        func visitFloat<T: BinaryFloatingPoint & SQLOrdered>(_: T.Type) throws {
            v.withValues(as: T.self) { x in state.add(rows, groups, v) { Double(x[$0]) } }
        }
    }

    @inline(__always)
    func addExact(_ rows: UnsafeBufferPointer<Int32>, _ groups: UnsafeBufferPointer<Int32>, _ v: Vector,
                  _ value: (Int) -> Int128) {
        let hasNulls = v.validity != nil
        counts.withUnsafeMutableBufferPointer { counts in
            sums.withUnsafeMutableBufferPointer { sums in
                for k in 0..<rows.count {
                    let r = Int(rows[k])
                    if hasNulls && v.isNull(r) { continue }
                    let g = Int(groups[k])
                    counts[g] &+= 1
                    sums[g] &+= value(r)
                }
            }
        }
    }

    @inline(__always)
    func add(_ rows: UnsafeBufferPointer<Int32>, _ groups: UnsafeBufferPointer<Int32>, _ v: Vector, _ value: (Int) -> Double) {
        let hasNulls = v.validity != nil
        counts.withUnsafeMutableBufferPointer { counts in
            means.withUnsafeMutableBufferPointer { means in
                m2.withUnsafeMutableBufferPointer { m2 in
                    for k in 0..<rows.count {
                        let r = Int(rows[k])
                        if hasNulls && v.isNull(r) { continue }
                        let g = Int(groups[k])
                        let x = value(r)
                        counts[g] += 1
                        let delta = x - means[g]
                        means[g] += delta / Double(counts[g])
                        m2[g] += delta * (x - means[g])
                    }
                }
            }
        }
    }

    func finalize(_ count: Int) throws -> Vector {
        resize(count)
        let divisor = Double(DecimalRescale.power(input.decimalScale))
        var validity = Validity(allValid: count)
        let out = Vector.makeFixed(.float64, count: count, validity: nil, as: Double.self) { out in
            for g in 0..<count {
                let n = Double(counts[g])
                let minimum: Int64 = (output == .stddevSamp || output == .varianceSamp) ? 2 : 1
                if counts[g] < minimum { validity.set(g, valid: false); continue }
                switch output {
                case .mean: out[g] = exact ? Double(sums[g]) / n / divisor : means[g]
                case .variancePop: out[g] = m2[g] / n
                case .varianceSamp: out[g] = m2[g] / (n - 1)
                case .stddevPop: out[g] = (m2[g] / n).squareRoot()
                case .stddevSamp: out[g] = (m2[g] / (n - 1)).squareRoot()
                }
            }
        }
        return finish(out, validity)
    }
}
