import ArgumentParser
import Sluice

/// `sluice parquet meta FILE`: file metadata, row groups and column chunks.
struct ParquetMetaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "meta", abstract: "Print file, row group and column chunk metadata.")

    @Argument(help: "The Parquet file.") var file: String

    func run() throws {
        try ParquetCLI.run(file) {
            let reader = try ParquetCLI.open(file)
            let meta = reader.metadata
            var out = "file: \(file)\n"
            out += "created_by: \(meta.createdBy ?? "-")\nversion: \(meta.version)\n"
            out += "rows: \(reader.rowCount) (footer num_rows \(meta.numRows))\nrow groups: \(meta.rowGroups.count)\n"
            out += "leaf columns: \(reader.parquetSchema.columns.count)\n"
            for kv in meta.keyValueMetadata ?? [] {
                let value = kv.value ?? "-"
                out += "key_value: \(kv.key) = \(value.count > 80 ? String(value.prefix(79)) + "…" : value)\n"
            }
            for (index, rowGroup) in meta.rowGroups.enumerated() {
                out += "row group \(index): \(rowGroup.numRows) rows, \(rowGroup.totalByteSize) bytes\n"
                for (c, chunk) in rowGroup.columns.enumerated() {
                    let statistics = try? reader.statistics(rowGroup: index, column: c)
                    out += chunkLine(chunk, column: reader.parquetSchema.columns[c], statistics: statistics ?? nil)
                }
            }
            ParquetCLI.write(out)
        }
    }

    private func chunkLine(_ chunk: ColumnChunk, column: ColumnDescriptor, statistics: ColumnStatistics?) -> String {
        guard let m = chunk.metaData else { return "  \(column.dottedPath): \(chunk.isEncrypted ? "encrypted" : "no metadata")\n" }
        var line = "  \(column.dottedPath): \(m.type.name) \(m.codec.name) values=\(m.numValues)"
        line += " compressed=\(m.totalCompressedSize) uncompressed=\(m.totalUncompressedSize)"
        line += " encodings=\(m.encodings.map(\.name).joined(separator: ","))"
        line += " data_page_offset=\(m.dataPageOffset)"
        if let d = m.dictionaryPageOffset { line += " dictionary_page_offset=\(d)" }
        if let s = statistics {
            if let n = s.nullCount { line += " nulls=\(n)" }
            if let min = s.min { line += " min=\(Self.text(min))" }
            if let max = s.max { line += " max=\(Self.text(max))" }
        }
        return line + "\n"
    }

    /// A statistics bound as text: numbers as such, byte strings as text when printable UTF-8, else hex.
    static func text(_ value: StatisticsValue) -> String {
        switch value {
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return String(d)
        case .int96(let nanos, let day): return "int96(\(day), \(nanos))"
        case .bytes(let bytes), .decimalBytes(let bytes):
            let shown = bytes.prefix(40)
            if let s = String(validating: shown, as: UTF8.self), !s.contains(where: { $0.isNewline || $0 == "\0" }) {
                return "\"" + s + (bytes.count > 40 ? "…" : "") + "\""
            }
            return "0x" + shown.map { String($0, radix: 16).leftPadded(2) }.joined() + (bytes.count > 40 ? "…" : "")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
