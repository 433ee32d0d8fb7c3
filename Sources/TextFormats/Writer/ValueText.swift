import Columnar

/// The text of one non-null scalar for CSV and JSON output: integers; floats in the shortest form that
/// reads back to the same value; decimals exact with `scale` fraction digits; dates `YYYY-MM-DD`; times
/// `HH:MM:SS[.fraction]`; timestamps ISO-8601 `YYYY-MM-DDTHH:MM:SS[.fraction]` with `Z` when UTC-adjusted;
/// fractions without trailing zeros.
enum ValueText {
    static func append(_ vector: Vector, _ row: Int, into out: inout [UInt8]) {
        let b = vector.buffer
        switch vector.type {
        case .null: break
        case .boolean: out.append(contentsOf: (b.load(row, as: UInt8.self) != 0 ? "true" : "false").utf8)
        case .int8: integer(Int64(b.load(row, as: Int8.self)), into: &out)
        case .int16: integer(Int64(b.load(row, as: Int16.self)), into: &out)
        case .int32: integer(Int64(b.load(row, as: Int32.self)), into: &out)
        case .int64: integer(b.load(row, as: Int64.self), into: &out)
        case .uint8: unsigned(UInt64(b.load(row, as: UInt8.self)), into: &out)
        case .uint16: unsigned(UInt64(b.load(row, as: UInt16.self)), into: &out)
        case .uint32: unsigned(UInt64(b.load(row, as: UInt32.self)), into: &out)
        case .uint64: unsigned(b.load(row, as: UInt64.self), into: &out)
        case .float16: out.append(contentsOf: Float16Bits.toFloat(b.load(row, as: UInt16.self)).description.utf8)
        case .float32: out.append(contentsOf: b.load(row, as: Float.self).description.utf8)
        case .float64: out.append(contentsOf: b.load(row, as: Double.self).description.utf8)
        case .decimal(let precision, let scale):
            let unscaled = precision <= 18 ? Int128(b.load(row, as: Int64.self)) : b.load(row, as: Int128.self)
            decimal(unscaled, scale: scale, into: &out)
        case .string, .binary: out.append(contentsOf: vector.bytes(at: row))
        case .fixedBinary(let n): out.append(contentsOf: b.bytes(row * n..<(row + 1) * n))
        case .date: date(Int64(b.load(row, as: Int32.self)), into: &out)
        case .time(let unit):
            let perDay = 86_400 &* unit.perSecond
            clock(((b.load(row, as: Int64.self) % perDay) + perDay) % perDay, unit: unit, into: &out)
        case .timestamp(let unit, let utc):
            timestamp(b.load(row, as: Int64.self), unit: unit, into: &out)
            if utc { out.append(UInt8(ascii: "Z")) }
        case .list, .structure, .map: break
        }
    }

    static func integer(_ value: Int64, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        unsigned(value.magnitude, into: &out)
    }

    static func unsigned(_ value: UInt64, into out: inout [UInt8]) {
        // 20 digits at most, written backwards into a stack buffer.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var v = value
            var i = 20
            repeat {
                i -= 1
                digits[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
            } while v > 0
            out.append(contentsOf: digits[i...])
        }
    }

    /// `unscaled / 10^scale`, exactly `scale` fraction digits.
    static func decimal(_ unscaled: Int128, scale: Int, into out: inout [UInt8]) {
        var digits = Array(String(unscaled.magnitude).utf8)
        if unscaled < 0 { out.append(UInt8(ascii: "-")) }
        guard scale > 0 else { return out.append(contentsOf: digits) }
        if digits.count <= scale { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: scale - digits.count + 1), at: 0) }
        out.append(contentsOf: digits[..<(digits.count - scale)])
        out.append(UInt8(ascii: "."))
        out.append(contentsOf: digits[(digits.count - scale)...])
    }

    /// Proleptic Gregorian date of `days` since 1970-01-01.
    static func date(_ days: Int64, into out: inout [UInt8]) {
        let (year, month, day) = CivilDate.civil(days: days)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        padded(year.magnitude, 4, into: &out)
        out.append(UInt8(ascii: "-"))
        padded(UInt64(month), 2, into: &out)
        out.append(UInt8(ascii: "-"))
        padded(UInt64(day), 2, into: &out)
    }

    static func timestamp(_ value: Int64, unit: TimeUnit, into out: inout [UInt8]) {
        let perDay = 86_400 &* unit.perSecond
        var days = value / perDay
        var inDay = value % perDay
        if inDay < 0 {
            inDay += perDay
            days -= 1
        }
        date(days, into: &out)
        out.append(UInt8(ascii: "T"))
        clock(inDay, unit: unit, into: &out)
    }

    static func clock(_ inDay: Int64, unit: TimeUnit, into out: inout [UInt8]) {
        let seconds = inDay / unit.perSecond
        var fraction = inDay % unit.perSecond
        padded(UInt64(seconds / 3600), 2, into: &out)
        out.append(UInt8(ascii: ":"))
        padded(UInt64(seconds / 60 % 60), 2, into: &out)
        out.append(UInt8(ascii: ":"))
        padded(UInt64(seconds % 60), 2, into: &out)
        guard fraction > 0 else { return }
        var width = String(unit.perSecond).count - 1
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        out.append(UInt8(ascii: "."))
        padded(UInt64(fraction), width, into: &out)
    }

    static func padded(_ value: UInt64, _ width: Int, into out: inout [UInt8]) {
        var digits = 1
        var v = value
        while v >= 10 { v /= 10; digits += 1 }
        if digits < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits)) }
        unsigned(value, into: &out)
    }
}
