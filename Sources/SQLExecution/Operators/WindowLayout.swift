import Columnar

/// Rows of one window expression in (partition, order) order, with partition and peer-group boundaries.
struct WindowLayout {
    /// Input rows in window order.
    let order: ContiguousArray<Int32>
    /// Start position (in `order`) of each position's partition, and of its peer group.
    let partitionStart: ContiguousArray<Int32>
    let partitionEnd: ContiguousArray<Int32>
    let peerStart: ContiguousArray<Int32>
    let peerEnd: ContiguousArray<Int32>
    /// The single ORDER BY key as DOUBLE (for RANGE offsets), in window order, and its direction.
    let orderValues: ContiguousArray<Double>?
    let descending: Bool

    init(_ w: WindowExpression, _ input: Batch) throws {
        let n = input.count
        let all = ContiguousArray<Int32>.rows(0..<n)
        let partitions = try w.partitionBy.map { try ExpressionExecutor($0).evaluate(input) }
        let orders = try w.orderBy.map { try ExpressionExecutor($0.expression).evaluate(input) }
        let pk = KeyEncoder(columns: partitions.count).encode(partitions, rows: all)
        let ok = KeyEncoder(w.orderBy.map(\.order)).encode(orders, rows: all)
        var rows = all
        rows.sort { a, b in
            let c = pk.withKey(Int(a)) { x in pk.withKey(Int(b)) { compareKeys(x, $0) } }
            if c != 0 { return c < 0 }
            let d = ok.withKey(Int(a)) { x in ok.withKey(Int(b)) { compareKeys(x, $0) } }
            return d != 0 ? d < 0 : a < b
        }
        order = rows
        func same(_ keys: EncodedKeys, _ a: Int32, _ b: Int32) -> Bool {
            keys.withKey(Int(a)) { x in keys.withKey(Int(b)) { compareKeys(x, $0) == 0 } }
        }
        var ps = ContiguousArray<Int32>(repeating: 0, count: n), qs = ps, pe = ps, qe = ps
        for i in 0..<n where i > 0 {
            let newPartition = !same(pk, rows[i - 1], rows[i])
            ps[i] = newPartition ? Int32(i) : ps[i - 1]
            qs[i] = newPartition || !same(ok, rows[i - 1], rows[i]) ? Int32(i) : qs[i - 1]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let last = i == n - 1
            pe[i] = last || ps[i + 1] != ps[i] ? Int32(i + 1) : pe[i + 1]
            qe[i] = last || qs[i + 1] != qs[i] ? Int32(i + 1) : qe[i + 1]
        }
        partitionStart = ps
        partitionEnd = pe
        peerStart = qs
        peerEnd = qe
        descending = w.orderBy.first?.order.descending ?? false
        if w.orderBy.count == 1, let key = orders.first, key.type.isNumeric || key.type == .date {
            let asDouble = try CastKernel(from: key.type, to: .float64, isTry: false)
                .cast(key.type == .date ? Self.daysAsInt(key) : key, in: input)
            orderValues = ContiguousArray(rows.lazy.map { asDouble.isNull(Int($0)) ? .nan : asDouble.double(Int($0)) })
        } else {
            orderValues = nil
        }
    }

    private static func daysAsInt(_ v: Vector) -> Vector {
        var out = v
        out.type = .int32
        return out
    }

    var count: Int { order.count }

    func ranking(_ function: WindowExpression.Function) -> Vector {
        Vector.makeFixed(.int64, count: count, validity: nil, as: Int64.self) { out in
            var dense: Int64 = 0
            for i in 0..<count {
                switch function {
                case .rowNumber: out[i] = Int64(i) - Int64(partitionStart[i]) + 1
                case .rank: out[i] = Int64(peerStart[i]) - Int64(partitionStart[i]) + 1
                default:
                    if i == partitionStart[i] { dense = 1 } else if peerStart[i] == i { dense += 1 }
                    out[i] = dense
                }
            }
        }
    }

    /// lag / lead: the argument `shift` positions away within the partition, else `fallback`.
    func shifted(_ arg: Vector, by shift: Int, default fallback: Value?) throws -> Vector {
        var rows = ContiguousArray<Int32>(repeating: -1, count: count)
        var pick = ContiguousArray<Int32>(repeating: 1, count: count)
        for i in 0..<count {
            let j = i + shift
            if j >= Int(partitionStart[i]) && j < Int(partitionEnd[i]) {
                rows[i] = order[j]
                pick[i] = 0
            }
        }
        let values = arg.gather(rows)
        let fallbackVector = Vector.constant(fallback ?? .null, type: arg.type, count: count)
        return try Vector.choose([values, fallbackVector], pick: pick, type: arg.type)
    }

    /// The frame of position `i` as positions lo..<hi.
    func frame(_ i: Int, _ frame: WindowFrame) -> (Int, Int) {
        let ps = Int(partitionStart[i]), pe = Int(partitionEnd[i])
        let lo: Int, hi: Int
        if frame.unit == .rows {
            lo = rowsBound(i, frame.start, ps, pe, isEnd: false)
            hi = rowsBound(i, frame.end, ps, pe, isEnd: true)
        } else {
            lo = rangeBound(i, frame.start, ps, pe, isEnd: false)
            hi = rangeBound(i, frame.end, ps, pe, isEnd: true)
        }
        return (max(ps, lo), min(pe, max(hi, max(ps, lo))))
    }

    private func rowsBound(_ i: Int, _ b: WindowFrame.Bound, _ ps: Int, _ pe: Int, isEnd: Bool) -> Int {
        let extra = isEnd ? 1 : 0
        switch b {
        case .unboundedPreceding: return ps
        case .unboundedFollowing: return pe
        case .currentRow: return i + extra
        case .preceding(let k): return i - Int(k) + extra
        case .following(let k): return i + Int(k) + extra
        }
    }

    private func rangeBound(_ i: Int, _ b: WindowFrame.Bound, _ ps: Int, _ pe: Int, isEnd: Bool) -> Int {
        switch b {
        case .unboundedPreceding: return ps
        case .unboundedFollowing: return pe
        case .currentRow: return isEnd ? Int(peerEnd[i]) : Int(peerStart[i])
        case .preceding(let k), .following(let k):
            guard let values = orderValues, !values[i].isNaN else { return isEnd ? Int(peerEnd[i]) : Int(peerStart[i]) }
            let sign: Double = (b == .preceding(k)) != descending ? -1 : 1
            let target = values[i] + sign * k
            // First position whose value is beyond the target in sort direction (for the end), or not
            // before it (for the start).
            var lo = ps, hi = pe
            while lo < hi {
                let mid = (lo + hi) / 2
                let v = values[mid]
                let before = v.isNaN ? false : (descending ? (isEnd ? v >= target : v > target) : (isEnd ? v <= target : v < target))
                if before { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }
}

/// Aggregates over frames, reusing the GROUP BY states with one group per output position.
struct WindowAggregation {
    let expression: AggregateExpression
    let layout: WindowLayout
    let frame: WindowFrame

    func compute(_ args: [Vector]) throws -> Vector {
        frame.isRunning ? try running(args) : try framed(args)
    }

    /// Each position folds its own frame: group id = position.
    private func framed(_ args: [Vector]) throws -> Vector {
        let state = try expression.makeState()
        let n = layout.count
        state.resize(n)
        var rows = ContiguousArray<Int32>(), groups = ContiguousArray<Int32>()
        for i in 0..<n {
            let (lo, hi) = layout.frame(i, frame)
            for j in lo..<hi {
                rows.append(layout.order[j])
                groups.append(Int32(i))
            }
            if rows.count >= 1 << 16 || i == n - 1 { try flush(state, args, &rows, &groups) }
        }
        return try state.finalize(n)
    }

    private func flush(_ state: AggregateState, _ args: [Vector], _ rows: inout ContiguousArray<Int32>, _ groups: inout ContiguousArray<Int32>) throws {
        try rows.withUnsafeBufferPointer { r in try groups.withUnsafeBufferPointer { g in try state.update(args, rows: r, groups: g) } }
        rows.removeAll(keepingCapacity: true)
        groups.removeAll(keepingCapacity: true)
    }

    /// One state per partition, fed in order; its value is read after each row (ROWS) or peer group (RANGE).
    private func running(_ args: [Vector]) throws -> Vector {
        let n = layout.count
        var result = Vector.empty(try expression.resultType())
        var i = 0
        var state = try expression.makeState()
        while i < n {
            if i == Int(layout.partitionStart[i]) {
                state = try expression.makeState()
                state.resize(1)
            }
            let end = frame.unit == .rows ? i + 1 : Int(layout.peerEnd[i])
            var rows = ContiguousArray(layout.order[i..<end])
            var groups = ContiguousArray<Int32>(repeating: 0, count: rows.count)
            try flush(state, args, &rows, &groups)
            let value = try state.finalize(1)
            for _ in i..<end { try result.append(contentsOf: value) }
            i = end
        }
        return result
    }
}
