import Columnar

/// One `name = value` line per column, a blank line between rows (the shell's `line` mode, for wide rows).
/// Names are right-aligned to the longest; nulls print as `NULL`.
public enum LineText {
    public static func render(_ schema: Schema, _ batches: [Batch]) -> String {
        let width = schema.fields.map(\.name.count).max() ?? 0
        let labels = schema.fields.map { String(repeating: " ", count: width - $0.name.count) + $0.name + " = " }
        var out = ""
        var text: [UInt8] = []
        for batch in batches {
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                if !out.isEmpty { out += "\n" }
                for (c, vector) in batch.columns.enumerated() {
                    text.removeAll(keepingCapacity: true)
                    if vector.isNull(row) { text.append(contentsOf: BoxText.null.utf8) } else { CSV.text(vector, row, into: &text) }
                    out += labels[c] + String(decoding: text, as: UTF8.self) + "\n"
                }
            }
        }
        return out
    }
}
