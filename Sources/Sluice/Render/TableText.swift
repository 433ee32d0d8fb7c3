import Columnar

/// A plain-text table for terminals: a header, a rule, and rows; cells wider than `maxCellWidth`
/// characters are cut with an ellipsis, nulls print as `NULL`, control characters as spaces.
public struct TableText {
    public var maxCellWidth = 40
    private var header: [String]
    private var rows: [[String]] = []

    public init(schema: Schema) { header = schema.fields.map(\.name) }

    /// Collects the live rows of `batch`.
    public mutating func append(_ batch: Batch) {
        var text: [UInt8] = []
        for i in 0..<batch.rowCount {
            let row = batch.physicalRow(i)
            rows.append(batch.columns.map { vector in
                if vector.isNull(row) { return "NULL" }
                text.removeAll(keepingCapacity: true)
                CSV.text(vector, row, into: &text)
                return clip(String(decoding: text, as: UTF8.self))
            })
        }
    }

    private func clip(_ s: String) -> String {
        let clean = String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return clean.count <= maxCellWidth ? clean : String(clean.prefix(maxCellWidth - 1)) + "…"
    }

    /// The table, ending with a line giving the row count.
    public func render() -> String {
        var widths = header.map(\.count)
        for row in rows { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.count) } }
        func line(_ cells: [String]) -> String {
            let text = zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " | ")
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        var out = line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "\n"
        for row in rows { out += line(row) + "\n" }
        out += "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
        return out
    }
}
