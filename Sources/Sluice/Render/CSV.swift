import Columnar

/// CSV (RFC 4180): a header row of field names, then one line per row. Nulls are empty cells; scalars use
/// the JSONL text without JSON quoting; nested values are their JSON text. Cells holding a comma, quote,
/// CR or LF are quoted with doubled quotes.
public enum CSV {
    public static func header(_ schema: Schema, into out: inout [UInt8]) {
        for (c, field) in schema.fields.enumerated() {
            if c > 0 { out.append(UInt8(ascii: ",")) }
            cell(Array(field.name.utf8), into: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    public static func render(_ batch: Batch, into out: inout [UInt8]) {
        var text: [UInt8] = []
        for i in 0..<batch.rowCount {
            let row = batch.physicalRow(i)
            for c in batch.columns.indices {
                if c > 0 { out.append(UInt8(ascii: ",")) }
                text.removeAll(keepingCapacity: true)
                CSV.text(batch.columns[c], row, into: &text)
                cell(text, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// The unquoted text of a cell: empty for null, JSON for nested values, plain text for scalars.
    static func text(_ vector: Vector, _ row: Int, into out: inout [UInt8]) {
        if vector.isNull(row) { return }
        if vector.type.isNested {
            JSONL.value(vector, row, into: &out)
        } else if case .string = vector.type {
            out.append(contentsOf: String(decoding: vector.bytes(at: row), as: UTF8.self).utf8)
        } else {
            ScalarText.append(vector, row, into: &out)
        }
    }

    private static func cell(_ text: [UInt8], into out: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        guard text.contains(where: { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0A || $0 == 0x0D }) else {
            out.append(contentsOf: text)
            return
        }
        out.append(quote)
        for byte in text {
            if byte == quote { out.append(quote) }
            out.append(byte)
        }
        out.append(quote)
    }
}
