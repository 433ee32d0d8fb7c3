import Columnar

/// Renders rows exactly as scripts/interop/hudi_expected.py does, so rows compare as strings: floats as
/// "f:<shortest repr>", decimals as "d:<unscaled>", bytes as "b:<hex>", dates and timestamps as integers,
/// structs as arrays, maps as arrays of [key, value]; JSON text as Python's json.dumps(ensure_ascii=True).
enum CanonicalRow {
    static func rows(_ batches: [Batch], columns: [String]) -> [String] {
        var out: [String] = []
        for batch in batches {
            let indices = columns.map { batch.schema.index(of: $0) }
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                let cells = indices.map { index in index.map { render(batch.columns[$0], row) } ?? "<missing>" }
                out.append("[" + cells.joined(separator: ",") + "]")
            }
        }
        return out.sorted()
    }

    static func render(_ vector: Vector, _ row: Int) -> String {
        if vector.isNull(row) { return "null" }
        switch vector.type {
        case .null: return "null"
        case .boolean: return vector.buffer.load(row, as: UInt8.self) != 0 ? "true" : "false"
        case .int8: return String(vector.buffer.load(row, as: Int8.self))
        case .int16: return String(vector.buffer.load(row, as: Int16.self))
        case .int32, .date: return String(vector.buffer.load(row, as: Int32.self))
        case .int64, .time, .timestamp: return String(vector.buffer.load(row, as: Int64.self))
        case .uint8: return String(vector.buffer.load(row, as: UInt8.self))
        case .uint16: return String(vector.buffer.load(row, as: UInt16.self))
        case .uint32: return String(vector.buffer.load(row, as: UInt32.self))
        case .uint64: return String(vector.buffer.load(row, as: UInt64.self))
        case .float16: return quoted("f:" + "\(Double(Float16Bits.toFloat(vector.buffer.load(row, as: UInt16.self))))")
        case .float32: return quoted("f:" + "\(Double(vector.buffer.load(row, as: Float.self)))")
        case .float64: return quoted("f:" + "\(vector.buffer.load(row, as: Double.self))")
        case .decimal(let precision, _):
            let unscaled = precision <= 18 ? String(vector.buffer.load(row, as: Int64.self)) : String(vector.buffer.load(row, as: Int128.self))
            return quoted("d:" + unscaled)
        case .string: return quoted(String(decoding: vector.bytes(at: row), as: UTF8.self))
        case .binary: return quoted("b:" + hex(vector.bytes(at: row)))
        case .fixedBinary(let n): return quoted("b:" + hex(vector.buffer.bytes(row * n..<(row + 1) * n)))
        case .list:
            return "[" + vector.childRange(at: row).map { render(vector.children[0], $0) }.joined(separator: ",") + "]"
        case .map:
            return "[" + vector.childRange(at: row).map { "[" + render(vector.children[0], $0) + "," + render(vector.children[1], $0) + "]" }
                .joined(separator: ",") + "]"
        case .structure:
            return "[" + vector.children.map { render($0, row) }.joined(separator: ",") + "]"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0 >> 4, radix: 16) + String($0 & 15, radix: 16) }.joined()
    }

    /// Python's json.dumps string escaping with ensure_ascii=True.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(unit)!)
            default:
                let h = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            }
        }
        return out + "\""
    }
}
