import Columnar

/// JSON Lines: one object per row, keys in schema order.
///
/// Numbers as JSON numbers (NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity"); decimals as
/// strings with exactly `scale` fraction digits; strings escaped, invalid UTF-8 replaced by U+FFFD; binary
/// and fixed binary as base64; dates `YYYY-MM-DD`; times `HH:MM:SS[.fraction]` and timestamps
/// `YYYY-MM-DDTHH:MM:SS[.fraction]` with the unit's digits, `Z` when UTC-adjusted; lists as arrays,
/// structs as objects, maps as arrays of `{"key": ..., "value": ...}`.
public enum JSONL {
    /// Appends the live rows of `batch`, each followed by a newline.
    public static func render(_ batch: Batch, into out: inout [UInt8]) {
        for i in 0..<batch.rowCount {
            let row = batch.physicalRow(i)
            out.append(UInt8(ascii: "{"))
            for (c, field) in batch.schema.fields.enumerated() {
                if c > 0 { out.append(UInt8(ascii: ",")) }
                string(Array(field.name.utf8), into: &out)
                out.append(UInt8(ascii: ":"))
                value(batch.columns[c], row, into: &out)
            }
            out.append(contentsOf: "}\n".utf8)
        }
    }

    /// Appends the JSON value of row `row` of `vector`.
    public static func value(_ vector: Vector, _ row: Int, into out: inout [UInt8]) {
        if vector.isNull(row) {
            out.append(contentsOf: "null".utf8)
            return
        }
        switch vector.type {
        case .list:
            out.append(UInt8(ascii: "["))
            for (n, element) in vector.childRange(at: row).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                value(vector.children[0], element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .map:
            out.append(UInt8(ascii: "["))
            for (n, entry) in vector.childRange(at: row).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: "{\"key\":".utf8)
                value(vector.children[0], entry, into: &out)
                out.append(contentsOf: ",\"value\":".utf8)
                value(vector.children[1], entry, into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        case .structure(let fields):
            out.append(UInt8(ascii: "{"))
            for (c, field) in fields.enumerated() {
                if c > 0 { out.append(UInt8(ascii: ",")) }
                string(Array(field.name.utf8), into: &out)
                out.append(UInt8(ascii: ":"))
                value(vector.children[c], row, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .string:
            string(vector.bytes(at: row), into: &out)
        default:
            if ScalarText.isJSONString(vector.type) || ScalarText.isNonFinite(vector, row) {
                out.append(UInt8(ascii: "\""))
                ScalarText.append(vector, row, into: &out)
                out.append(UInt8(ascii: "\""))
            } else {
                ScalarText.append(vector, row, into: &out)
            }
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string of `bytes`, with invalid UTF-8 replaced by U+FFFD.
    public static func string(_ bytes: [UInt8], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let valid = bytes.allSatisfy { $0 < 0x80 } ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
        for byte in valid {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
