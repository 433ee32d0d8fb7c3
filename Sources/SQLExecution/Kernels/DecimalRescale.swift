import Columnar

/// Moving unscaled decimal values between scales: up by multiplying (checked), down by rounding half away
/// from zero; `bounded` also checks the destination precision.
struct DecimalRescale {
    let from: Int, to: Int, bound: Int128?
    var truncates = false

    init(from: Int, to: Int, precision: Int, bounded: Bool) {
        self.from = from
        self.to = to
        bound = bounded && precision < 39 ? DecimalRescale.power(precision) : nil
    }

    static func power(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<min(n, 38) { p &*= 10 }
        return p
    }

    @inline(__always)
    func apply(_ v: Int128) -> Int128? {
        var result = v
        if to > from {
            let (r, o) = v.multipliedReportingOverflow(by: DecimalRescale.power(to - from))
            if o { return nil }
            result = r
        } else if to < from {
            let divisor = DecimalRescale.power(from - to)
            let (q, rem) = v.quotientAndRemainder(dividingBy: divisor)
            result = !truncates && rem.magnitude * 2 >= divisor.magnitude ? q + (v < 0 ? -1 : 1) : q
        }
        if let bound, result >= bound || result <= -bound { return nil }
        return result
    }
}
