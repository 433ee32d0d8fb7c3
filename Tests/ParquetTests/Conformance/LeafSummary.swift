import Columnar

/// The leaf kinds of the corpus summary format (expected.py `_kind`), plus `int96` for raw INT96 columns.
enum LeafKind: String, Sendable {
    case bool, int, float, string, binary, decimal, date, time, timestamp, null, int96
    case fixedBinary = "fixed_binary"

    init(_ type: DataType) {
        switch type {
        case .null: self = .null
        case .boolean: self = .bool
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: self = .int
        case .float16, .float32, .float64: self = .float
        case .decimal: self = .decimal
        case .string: self = .string
        case .binary: self = .binary
        case .fixedBinary: self = .fixedBinary
        case .date: self = .date
        case .time: self = .time
        case .timestamp: self = .timestamp
        case .list, .structure, .map: self = .null  // never a leaf
        }
    }
}

/// One leaf's summary, computed from decoded vectors by the same rules expected.py applies to pyarrow arrays.
/// Texts are canonical: integers in decimal, floats as Swift's shortest round-trip text, binary in lower-case
/// hex, decimals with exactly `scale` digits; the comparison parses floats and decimals back to numbers.
struct LeafSummary: Sendable {
    var kind: LeafKind
    var type: DataType
    var slots = 0
    var nulls = 0
    var count: Int { slots - nulls }
    var min: String?
    var max: String?
    /// For values over 256 bytes: SHA-256 and length instead of the text.
    var minSHA256: String?
    var minLength: Int?
    var maxSHA256: String?
    var maxLength: Int?
    var sum: String?
    var totalBytes: String?
    var nanCount: Int?
    var digest = ""
    /// INT96 leaves: each slot's exact nanoseconds (nil for null), kept for columns of at most 16 slots.
    var int96Nanoseconds: [Int128?]?

    /// The Arrow type name pyarrow would give an int or float leaf, to check widths and signedness.
    var arrowTypeName: String? {
        switch type {
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .float16: "halffloat"
        case .float32: "float"
        case .float64: "double"
        default: nil
        }
    }
}

extension LeafSummary {
    /// Values longer than this many bytes are summarized by SHA-256 and length.
    static let longValueBytes = 256

    /// Formats an unscaled decimal with exactly `scale` digits after the point.
    static func decimalText(_ unscaled: Int128, scale: Int) -> String {
        let digits = String(unscaled.magnitude)
        let sign = unscaled < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits + String(repeating: "0", count: -scale) }
        let padded = String(repeating: "0", count: Swift.max(0, scale + 1 - digits.count)) + digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return text
    }
}
