import Columnar
import SQLExecution

/// The shell's default output: a table drawn with box characters, a header of names and types, and a footer
/// with the row count. It fits `maxWidth` terminal columns: cells are cut at `maxCellWidth` with an ellipsis,
/// and when the columns still do not fit, middle columns are elided behind a `…` column. Only the first
/// `maxRows` rows are kept; the footer says how many were shown, elided and cut.
public struct BoxText {
    public var maxWidth: Int?
    public var maxRows: Int
    public var maxCellWidth = 40
    public static let null = "NULL"

    private let names: [String]
    private let types: [String]
    private let rightAligned: [Bool]
    private var rows: [[String]] = []
    private var totalRows = 0
    private var truncatedValues = false

    public init(schema: Schema, maxWidth: Int? = nil, maxRows: Int = 40) {
        names = schema.fields.map(\.name)
        types = schema.fields.map { $0.type.sqlName.lowercased() }
        rightAligned = schema.fields.map { $0.type.isNumeric }
        self.maxWidth = maxWidth
        self.maxRows = maxRows
    }

    /// Collects the live rows of `batch`, keeping the text of the first `maxRows` only.
    public mutating func append(_ batch: Batch) {
        var text: [UInt8] = []
        for i in 0..<batch.rowCount {
            totalRows += 1
            guard rows.count < maxRows else { continue }
            let row = batch.physicalRow(i)
            rows.append(batch.columns.map { vector in
                if vector.isNull(row) { return Self.null }
                text.removeAll(keepingCapacity: true)
                CSV.text(vector, row, into: &text)
                return clip(String(decoding: text, as: UTF8.self))
            })
        }
    }

    private mutating func clip(_ s: String) -> String {
        let clean = String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        guard clean.count > maxCellWidth else { return clean }
        truncatedValues = true
        return String(clean.prefix(maxCellWidth - 1)) + "…"
    }

    /// The drawn table and its footer.
    public func render() -> String {
        var widths = names.indices.map { max(names[$0].count, types[$0].count) }
        for row in rows { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.count) } }
        let shown = visibleColumns(widths)
        let elided = shown.contains(nil)
        let shownWidths = shown.map { $0.map { widths[$0] } ?? 1 }
        func line(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
            left + shownWidths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func cells(_ text: (Int) -> String, align: Bool) -> String {
            let parts = zip(shown, shownWidths).map { column, width in
                guard let column else { return " … " }
                let cell = text(column), pad = String(repeating: " ", count: width - cell.count)
                return " " + (align && rightAligned[column] ? pad + cell : cell + pad) + " "
            }
            return "│" + parts.joined(separator: "│") + "│\n"
        }
        var out = line("┌", "─", "┬", "┐")
        out += cells({ names[$0] }, align: false)
        out += cells({ types[$0] }, align: false)
        out += line("├", "─", "┼", "┤")
        for row in rows { out += cells({ row[$0] }, align: true) }
        out += line("└", "─", "┴", "┘")
        return out + footer(elidedColumns: elided ? shown.count - 1 : nil)
    }

    /// The columns that fit in `maxWidth`, taken from both ends inwards; nil marks the elision column.
    private func visibleColumns(_ widths: [Int]) -> [Int?] {
        let all = Array(widths.indices).map { Optional($0) }
        guard let maxWidth, widths.reduce(1, { $0 + $1 + 3 }) > maxWidth, widths.count > 1 else { return all }
        var left: [Int] = [], right: [Int] = []
        var used = 1 + 4  // the outer edge and the elision column
        var lo = 0, hi = widths.count - 1
        while lo <= hi {
            let takeLeft = left.count <= right.count
            let column = takeLeft ? lo : hi
            guard used + widths[column] + 3 <= maxWidth else { break }
            used += widths[column] + 3
            if takeLeft { left.append(lo); lo += 1 } else { right.insert(hi, at: 0); hi -= 1 }
        }
        if left.isEmpty { left = [0] }
        return left.map { Optional($0) } + [nil] + right.map { Optional($0) }
    }

    private func footer(elidedColumns shownColumns: Int?) -> String {
        var parts = ["\(totalRows) row\(totalRows == 1 ? "" : "s")"]
        if rows.count < totalRows { parts.append("(showing first \(rows.count) of \(totalRows) rows)") }
        if let shownColumns { parts.append("\(names.count) columns (\(shownColumns) shown)") }
        if truncatedValues { parts.append("values cut at \(maxCellWidth) characters") }
        return parts.joined(separator: "  ") + "\n"
    }
}

extension DataType {
    fileprivate var isNumeric: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32, .float64, .decimal: true
        default: false
        }
    }
}
