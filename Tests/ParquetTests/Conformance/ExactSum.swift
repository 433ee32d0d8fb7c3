/// Python's `math.fsum`: Shewchuk's exactly rounded sum of doubles, kept as non-overlapping partials, so a
/// float column's sum matches the reference bit for bit and not only within a tolerance.
struct ExactSum {
    private var partials: [Double] = []
    private(set) var positiveInfinity = false
    private(set) var negativeInfinity = false

    mutating func add(_ value: Double) {
        if value.isInfinite {
            if value > 0 { positiveInfinity = true } else { negativeInfinity = true }
            return
        }
        var x = value
        var kept = 0
        for i in partials.indices {
            var y = partials[i]
            if abs(x) < abs(y) { swap(&x, &y) }
            let hi = x + y
            let lo = y - (hi - x)
            if lo != 0 {
                partials[kept] = lo
                kept += 1
            }
            x = hi
        }
        partials.removeSubrange(kept...)
        if x != 0 { partials.append(x) }
    }

    /// The correctly rounded sum, as `math.fsum` rounds it (half-even on the partials).
    var value: Double {
        if positiveInfinity && negativeInfinity { return .nan }
        if positiveInfinity { return .infinity }
        if negativeInfinity { return -.infinity }
        guard var n = partials.indices.last else { return 0 }
        var hi = partials[n]
        var lo = 0.0
        while n > 0 {
            n -= 1
            let x = hi
            let y = partials[n]
            hi = x + y
            lo = y - (hi - x)
            if lo != 0 { break }
        }
        // Round half-even across the remaining partials, as CPython does.
        if n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)) {
            let y = lo * 2
            let x = hi + y
            if y == x - hi { hi = x }
        }
        return hi
    }
}
