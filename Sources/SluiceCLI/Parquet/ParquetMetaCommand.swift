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
                    out += chunkLine(chunk, column: reader.parquetSchema.columns[c])
                }
            }
            ParquetCLI.write(out)
        }
    }

    private func chunkLine(_ chunk: ColumnChunk, column: ColumnDescriptor) -> String {
        guard let m = chunk.metaData else { return "  \(column.dottedPath): \(chunk.isEncrypted ? "encrypted" : "no metadata")\n" }
        var line = "  \(column.dottedPath): \(m.type.name) \(m.codec.name) values=\(m.numValues)"
        line += " compressed=\(m.totalCompressedSize) uncompressed=\(m.totalUncompressedSize)"
        line += " encodings=\(m.encodings.map(\.name).joined(separator: ","))"
        line += " data_page_offset=\(m.dataPageOffset)"
        if let d = m.dictionaryPageOffset { line += " dictionary_page_offset=\(d)" }
        if let s = m.statistics {
            if let n = s.nullCount { line += " nulls=\(n)" }
            if let min = s.minValue ?? s.min { line += " min=\(Self.statText(min, column))" }
            if let max = s.maxValue ?? s.max { line += " max=\(Self.statText(max, column))" }
        }
        return line + "\n"
    }

    /// A statistics bound in a readable form: the decoded number or text where the width is unambiguous.
    static func statText(_ bytes: [UInt8], _ column: ColumnDescriptor) -> String {
        func le<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard bytes.count == MemoryLayout<T>.size else { return nil }
            return bytes.reversed().reduce(T(0)) { $0 << 8 | T($1) }
        }
        switch column.physicalType {
        case .boolean: return bytes.first.map { $0 != 0 ? "true" : "false" } ?? "?"
        case .int32: return le(Int32.self).map { String($0) } ?? "?"
        case .int64: return le(Int64.self).map { String($0) } ?? "?"
        case .float: return le(UInt32.self).map { String(Float(bitPattern: $0)) } ?? "?"
        case .double: return le(UInt64.self).map { String(Double(bitPattern: $0)) } ?? "?"
        case .byteArray where column.dataType == .string:
            let s = String(decoding: bytes, as: UTF8.self)
            return "\"" + (s.count > 40 ? String(s.prefix(39)) + "…" : s) + "\""
        default: return "0x" + bytes.prefix(32).map { String($0, radix: 16).leftPadded(2) }.joined()
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
