import Columnar

/// Writes batches as JSON Lines: one object per row, keys in schema order, NULL as `null`.
/// Integers and floats as JSON numbers (NaN and ±Infinity, which JSON cannot spell, as the strings "NaN",
/// "Infinity", "-Infinity"); decimals as exact JSON numbers; dates, times, timestamps and strings as JSON
/// strings (binary as its bytes, invalid UTF-8 replaced by U+FFFD); lists as arrays, structs as objects,
/// maps as objects when keys are strings and as arrays of {"key", "value"} otherwise.
public final class JSONLinesWriter {
    public let schema: Schema
    public private(set) var rowsWritten = 0
    private let output: ByteOutput
    private var pending: [UInt8] = []
    private let keys: [[UInt8]]

    public init(output: ByteOutput, schema: Schema) {
        self.output = output
        self.schema = schema
        keys = schema.fields.map { field in
            var key: [UInt8] = []
            JSONLinesWriter.string(Array(field.name.utf8), into: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    public func write(_ batch: Batch) throws {
        guard batch.columns.count == schema.fields.count else {
            throw TextFormatError.make(.invalidArgument, "batch has \(batch.columns.count) columns, the writer's schema \(schema.fields.count)")
        }
        for i in 0..<batch.rowCount {
            let row = batch.physicalRow(i)
            pending.append(UInt8(ascii: "{"))
            for (c, vector) in batch.columns.enumerated() {
                if c > 0 { pending.append(UInt8(ascii: ",")) }
                pending.append(contentsOf: keys[c])
                Self.value(vector, row, into: &pending)
            }
            pending.append(contentsOf: "}\n".utf8)
            if pending.count >= 1 << 20 { try flush() }
        }
        rowsWritten += batch.rowCount
    }

    public func finish() throws {
        try flush()
        try output.close()
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try output.write($0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// The JSON text of row `row` of `vector`.
    static func value(_ vector: Vector, _ row: Int, into out: inout [UInt8]) {
        if vector.isNull(row) { return out.append(contentsOf: "null".utf8) }
        switch vector.type {
        case .list:
            out.append(UInt8(ascii: "["))
            for (n, element) in vector.childRange(at: row).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                value(vector.children[0], element, into: &out)
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
        case .map(let key, _):
            map(vector, row, stringKeys: key.type == .string, into: &out)
        case .string, .binary, .fixedBinary, .date, .time, .timestamp:
            var text: [UInt8] = []
            ValueText.append(vector, row, into: &text)
            string(text, into: &out)
        case .float16, .float32, .float64:
            var text: [UInt8] = []
            ValueText.append(vector, row, into: &text)
            let finite = text.allSatisfy { $0 != UInt8(ascii: "n") && $0 != UInt8(ascii: "i") }
            if finite { out.append(contentsOf: text) } else { string(Array(nonFinite(text).utf8), into: &out) }
        default:
            ValueText.append(vector, row, into: &out)
        }
    }

    private static func nonFinite(_ text: [UInt8]) -> String {
        text.contains(UInt8(ascii: "a")) ? "NaN" : text.first == UInt8(ascii: "-") ? "-Infinity" : "Infinity"
    }

    private static func map(_ vector: Vector, _ row: Int, stringKeys: Bool, into out: inout [UInt8]) {
        out.append(UInt8(ascii: stringKeys ? "{" : "["))
        for (n, entry) in vector.childRange(at: row).enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            if stringKeys {
                value(vector.children[0], entry, into: &out)
                out.append(UInt8(ascii: ":"))
                value(vector.children[1], entry, into: &out)
            } else {
                out.append(contentsOf: "{\"key\":".utf8)
                value(vector.children[0], entry, into: &out)
                out.append(contentsOf: ",\"value\":".utf8)
                value(vector.children[1], entry, into: &out)
                out.append(UInt8(ascii: "}"))
            }
        }
        out.append(UInt8(ascii: stringKeys ? "}" : "]"))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string of `bytes`; invalid UTF-8 becomes U+FFFD.
    static func string(_ bytes: [UInt8], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let valid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalid($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) == nil }
            ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
        for byte in valid {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
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
