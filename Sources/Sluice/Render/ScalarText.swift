import Columnar

/// The text of one non-null scalar cell, shared by the renderers. JSON quoting is the caller's business:
/// `isJSONString` says whether the JSON form is a string.
enum ScalarText {
    /// Appends the plain text of row `row` of the scalar vector `vector` (not null, not nested).
    static func append(_ vector: Vector, _ row: Int, into out: inout [UInt8]) {
        switch vector.type {
        case .null: out.append(contentsOf: "null".utf8)
        case .boolean: out.append(contentsOf: (vector.buffer.load(row, as: UInt8.self) != 0 ? "true" : "false").utf8)
        case .int8: integer(Int64(vector.buffer.load(row, as: Int8.self)), into: &out)
        case .int16: integer(Int64(vector.buffer.load(row, as: Int16.self)), into: &out)
        case .int32: integer(Int64(vector.buffer.load(row, as: Int32.self)), into: &out)
        case .int64: integer(vector.buffer.load(row, as: Int64.self), into: &out)
        case .uint8: out.append(contentsOf: String(vector.buffer.load(row, as: UInt8.self)).utf8)
        case .uint16: out.append(contentsOf: String(vector.buffer.load(row, as: UInt16.self)).utf8)
        case .uint32: out.append(contentsOf: String(vector.buffer.load(row, as: UInt32.self)).utf8)
        case .uint64: out.append(contentsOf: String(vector.buffer.load(row, as: UInt64.self)).utf8)
        case .float16: float(Float16Bits.toFloat(vector.buffer.load(row, as: UInt16.self)), into: &out)
        case .float32: float(vector.buffer.load(row, as: Float.self), into: &out)
        case .float64: float(vector.buffer.load(row, as: Double.self), into: &out)
        case .decimal(let precision, let scale):
            let unscaled = precision <= 18 ? Int128(vector.buffer.load(row, as: Int64.self)) : vector.buffer.load(row, as: Int128.self)
            decimal(unscaled, scale: scale, into: &out)
        case .string: out.append(contentsOf: String(decoding: vector.bytes(at: row), as: UTF8.self).utf8)
        case .binary: base64(vector.bytes(at: row), into: &out)
        case .fixedBinary(let n): base64(vector.buffer.bytes(row * n..<(row + 1) * n), into: &out)
        case .date: TemporalText.date(days: Int64(vector.buffer.load(row, as: Int32.self)), into: &out)
        case .time(let unit): TemporalText.time(vector.buffer.load(row, as: Int64.self), unit: unit, into: &out)
        case .timestamp(let unit, let utc):
            TemporalText.timestamp(vector.buffer.load(row, as: Int64.self), unit: unit, utc: utc, into: &out)
        case .list, .structure, .map: break
        }
    }

    /// True when the JSON form of a value of `type` is a string (so it must be quoted).
    static func isJSONString(_ type: DataType) -> Bool {
        switch type {
        case .decimal, .string, .binary, .fixedBinary, .date, .time, .timestamp: true
        default: false
        }
    }

    /// True when the value is a float that JSON cannot spell (NaN, ±Infinity), which is then quoted.
    static func isNonFinite(_ vector: Vector, _ row: Int) -> Bool {
        switch vector.type {
        case .float16: !Float16Bits.toFloat(vector.buffer.load(row, as: UInt16.self)).isFinite
        case .float32: !vector.buffer.load(row, as: Float.self).isFinite
        case .float64: !vector.buffer.load(row, as: Double.self).isFinite
        default: false
        }
    }

    static func integer(_ value: Int64, into out: inout [UInt8]) { out.append(contentsOf: String(value).utf8) }

    static func float<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, into out: inout [UInt8]) {
        if value.isNaN { out.append(contentsOf: "NaN".utf8) }
        else if value.isInfinite { out.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8) }
        else { out.append(contentsOf: value.description.utf8) }
    }

    /// `unscaled / 10^scale` with exactly `scale` digits after the point.
    static func decimal(_ unscaled: Int128, scale: Int, into out: inout [UInt8]) {
        let digits = String(unscaled.magnitude)
        if unscaled < 0 { out.append(UInt8(ascii: "-")) }
        guard scale > 0 else {
            out.append(contentsOf: digits.utf8)
            return
        }
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        let point = padded.utf8.count - scale
        out.append(contentsOf: padded.utf8.prefix(point))
        out.append(UInt8(ascii: "."))
        out.append(contentsOf: padded.utf8.suffix(scale))
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ bytes: [UInt8], into out: inout [UInt8]) {
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(v >> UInt32(shift) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let v = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int(v >> 18 & 63)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
    }
}
