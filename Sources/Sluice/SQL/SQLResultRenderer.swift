import Columnar
import SQLPlanner

/// Text for `sluice sql` and shell results in the shell's formats. Rows print as the box, table, CSV, JSONL
/// and line renderers print them; statements without rows print their message (and row count).
public enum SQLResultRenderer {
    public enum Format: String, CaseIterable, Sendable {
        case box, table, csv, tsv, json, jsonl, markdown, line
    }

    /// What a terminal allows: the box mode fits `width` columns and shows at most `maxRows` rows.
    public struct Limits: Sendable {
        public var width: Int?
        public var maxRows: Int
        public init(width: Int? = nil, maxRows: Int = 40) {
            self.width = width
            self.maxRows = maxRows
        }
    }

    public static func render(_ result: QueryResult, as format: Format, limits: Limits = Limits()) -> String {
        guard result.hasRows else {
            let count = result.rowCount.map { " \($0)" } ?? ""
            return [.box, .table, .markdown, .line].contains(format) ? "\(result.message ?? "OK")\(count)\n" : ""
        }
        if result.schema.fields.map(\.name) == ["explain"] {
            // Plans print as their lines, never clipped into a table.
            return result.rows.map { if case .string(let line) = $0.first { line } else { "" } }.joined(separator: "\n") + "\n"
        }
        var out: [UInt8] = []
        switch format {
        case .box:
            var box = BoxText(schema: result.schema, maxWidth: limits.width, maxRows: limits.maxRows)
            for batch in result.batches { box.append(batch) }
            return box.render()
        case .line: return LineText.render(result.schema, result.batches)
        case .table:
            var text = TableText(schema: result.schema)
            for batch in result.batches { text.append(batch) }
            return text.render()
        case .csv:
            CSV.header(result.schema, into: &out)
            for batch in result.batches { CSV.render(batch, into: &out) }
        case .jsonl:
            for batch in result.batches { JSONL.render(batch, into: &out) }
        case .json:
            for batch in result.batches { JSONL.render(batch, into: &out) }
            let lines = String(decoding: out, as: UTF8.self).split(separator: "\n")
            return "[" + lines.joined(separator: ",\n ") + "]\n"
        case .tsv: return delimited(result, separator: "\t", edge: "")
        case .markdown: return delimited(result, separator: " | ", edge: "|")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// TSV and Markdown: header, (a rule for Markdown,) and rows; NULL spelled out, tabs and newlines as spaces.
    private static func delimited(_ result: QueryResult, separator: String, edge: String) -> String {
        func line(_ cells: [String]) -> String {
            let body = cells.joined(separator: separator)
            return edge.isEmpty ? body + "\n" : "\(edge) \(body) \(edge)\n"
        }
        var text = line(result.schema.fields.map(\.name))
        if !edge.isEmpty { text += line(result.schema.fields.map { _ in "---" }) }
        var cell: [UInt8] = []
        for batch in result.batches {
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                text += line(batch.columns.map { vector in
                    if vector.isNull(row) { return "NULL" }
                    cell.removeAll(keepingCapacity: true)
                    CSV.text(vector, row, into: &cell)
                    let s = String(decoding: cell, as: UTF8.self)
                    return String(s.map { $0 == "\t" || $0.isNewline ? " " : ($0 == "|" && !edge.isEmpty ? "/" : $0) })
                })
            }
        }
        return text
    }
}
