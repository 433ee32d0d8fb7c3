/// Fixed-point text to an unscaled decimal: `[+-]digits[.digits]` (an exponent is accepted too, as DuckDB
/// does). Extra fraction digits round half away from zero; more integer digits than `precision - scale` fail.
extension TextParse {
    static func decimal(_ raw: UnsafePointer<UInt8>, _ rawCount: Int, precision: Int, scale: Int) -> Int128? {
        let (p, n) = trimmed(raw, rawCount)
        guard n > 0, let parts = decimalParts(p, n) else { return nil }
        // Position of the point after applying the exponent, relative to the digit string.
        let shift = scale + parts.exponent - parts.fractionDigits
        var value: Int128 = 0
        var digitsKept = 0
        var roundUp = false
        var i = 0
        var significant = 0
        let keep = parts.digitCount + shift
        guard keep <= parts.digitCount + 40 else { return nil }
        while i < parts.digitCount {
            let d = Int128(parts.digit(i))
            if i < keep {
                if value != 0 || d != 0 { significant += 1 }
                guard significant <= precision else { return nil }
                value = value * 10 + d
                digitsKept += 1
            } else if i == keep {
                roundUp = d >= 5
            }
            i += 1
        }
        // Shift left when the text has fewer fraction digits than the scale.
        var pad = keep - parts.digitCount
        while pad > 0 {
            if value != 0 { significant += 1 }
            guard significant <= precision else { return nil }
            value *= 10
            pad -= 1
        }
        if roundUp {
            value += 1
            guard value < pow10(precision) else { return nil }
        }
        return parts.negative ? -value : value
    }

    static func pow10(_ n: Int) -> Int128 {
        var v: Int128 = 1
        for _ in 0..<min(n, 38) { v *= 10 }
        return v
    }

    /// The digits of a decimal literal without the point, the count after the point, the exponent.
    struct DecimalParts {
        var start: UnsafePointer<UInt8>
        var end: Int
        var point: Int?
        var digitCount: Int
        var fractionDigits: Int
        var exponent: Int
        var negative: Bool

        /// Digit `i` of the digit string (the point skipped).
        func digit(_ i: Int) -> UInt8 {
            let at = point.map { i >= $0 ? i + 1 : i } ?? i
            return start[at] &- 0x30
        }
    }

    static func decimalParts(_ p: UnsafePointer<UInt8>, _ n: Int) -> DecimalParts? {
        var i = 0
        let negative = p[0] == UInt8(ascii: "-")
        if negative || p[0] == UInt8(ascii: "+") { i = 1 }
        let digitsStart = i
        var point: Int?
        var digitCount = 0
        var fractionDigits = 0
        while i < n {
            let c = p[i]
            if c &- 0x30 < 10 {
                digitCount += 1
                if point != nil { fractionDigits += 1 }
            } else if c == UInt8(ascii: "."), point == nil {
                point = i - digitsStart
            } else {
                break
            }
            i += 1
        }
        guard digitCount > 0 else { return nil }
        var exponent = 0
        if i < n {
            guard p[i] | 0x20 == UInt8(ascii: "e"), let e = int64(p + i + 1, n - i - 1), abs(e) <= 1000 else { return nil }
            exponent = Int(e)
        }
        return DecimalParts(
            start: p + digitsStart, end: i - digitsStart, point: point, digitCount: digitCount,
            fractionDigits: fractionDigits, exponent: exponent, negative: negative)
    }

    /// (integer digits, fraction digits) of a plain fixed-point literal (no exponent), for inference.
    static func decimalShape(_ raw: UnsafePointer<UInt8>, _ rawCount: Int) -> (integer: Int, fraction: Int)? {
        let (p, n) = trimmed(raw, rawCount)
        guard n > 0, let parts = decimalParts(p, n), parts.exponent == 0, p[n - 1] | 0x20 != UInt8(ascii: "e") else {
            return nil
        }
        var leading = 0
        while leading < parts.digitCount - parts.fractionDigits - 1 && parts.digit(leading) == 0 { leading += 1 }
        return (parts.digitCount - parts.fractionDigits - leading, parts.fractionDigits)
    }
}
