import Columnar

/// How to write CSV (RFC 4180 by default).
public struct CSVWriteOptions: Sendable {
    public var delimiter = UInt8(ascii: ",")
    public var quote = UInt8(ascii: "\"")
    /// Escapes a quote inside a quoted field; nil doubles the quote.
    public var escape: UInt8?
    public var header = true
    /// NULL's text. Empty by default, so an empty string is written quoted ("") to stay distinct.
    public var nullString = ""
    /// CRLF instead of LF between records.
    public var crlf = false
    public init() {}
}

/// Writes batches as CSV. Fields holding the delimiter, the quote, the escape, CR or LF, fields with leading
/// or trailing blanks, and strings equal to the null string (the empty string by default) are quoted.
/// Nested values are written as their JSON text.
public final class CSVWriter {
    public let schema: Schema
    public let options: CSVWriteOptions
    public private(set) var rowsWritten = 0
    private let output: ByteOutput
    private var pending: [UInt8] = []
    private var cell: [UInt8] = []
    private let nullBytes: [UInt8]
    private var headerWritten = false

    public init(output: ByteOutput, schema: Schema, options: CSVWriteOptions = CSVWriteOptions()) throws {
        for byte in [options.delimiter, options.quote] + (options.escape.map { [$0] } ?? []) where byte >= 0x80 || byte == 0x0A || byte == 0x0D {
            throw TextFormatError.make(.invalidArgument, "CSV delimiter, quote and escape must be ASCII other than CR and LF")
        }
        guard options.delimiter != options.quote else {
            throw TextFormatError.make(.invalidArgument, "CSV delimiter and quote must differ")
        }
        self.output = output
        self.schema = schema
        self.options = options
        nullBytes = Array(options.nullString.utf8)
        pending.reserveCapacity(1 << 20)
    }

    public func write(_ batch: Batch) throws {
        guard batch.columns.count == schema.fields.count else {
            throw TextFormatError.make(.invalidArgument, "batch has \(batch.columns.count) columns, the writer's schema \(schema.fields.count)")
        }
        if !headerWritten { writeHeader() }
        for i in 0..<batch.rowCount {
            let row = batch.physicalRow(i)
            for (c, vector) in batch.columns.enumerated() {
                if c > 0 { pending.append(options.delimiter) }
                if vector.isNull(row) {
                    pending.append(contentsOf: nullBytes)
                    continue
                }
                cell.removeAll(keepingCapacity: true)
                if vector.type.isNested {
                    JSONLinesWriter.value(vector, row, into: &cell)
                } else {
                    ValueText.append(vector, row, into: &cell)
                }
                let isText = vector.type == .string || vector.type == .binary || vector.type.isNested
                appendCell(forceQuote: isText && cell == nullBytes)
            }
            pending.append(contentsOf: options.crlf ? [0x0D, 0x0A] : [0x0A])
            if pending.count >= 1 << 20 { try flush() }
        }
        rowsWritten += batch.rowCount
    }

    /// Writes what is buffered (and the header, if no batch came) and closes the output.
    public func finish() throws {
        if !headerWritten { writeHeader() }
        try flush()
        try output.close()
    }

    private func writeHeader() {
        headerWritten = true
        guard options.header else { return }
        for (c, field) in schema.fields.enumerated() {
            if c > 0 { pending.append(options.delimiter) }
            cell = Array(field.name.utf8)
            appendCell(forceQuote: cell.isEmpty)
        }
        pending.append(contentsOf: options.crlf ? [0x0D, 0x0A] : [0x0A])
    }

    /// Appends `cell`, quoted when it must be.
    private func appendCell(forceQuote: Bool) {
        let quote = options.quote
        let escape = options.escape ?? quote
        let needsQuotes = forceQuote || cell.contains {
            $0 == options.delimiter || $0 == quote || $0 == escape || $0 == 0x0A || $0 == 0x0D
        } || cell.first == 0x20 || cell.last == 0x20 || cell.first == 0x09 || cell.last == 0x09
        guard needsQuotes else { return pending.append(contentsOf: cell) }
        pending.append(quote)
        for byte in cell {
            if byte == quote || byte == escape { pending.append(escape) }
            pending.append(byte)
        }
        pending.append(quote)
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try output.write($0) }
        pending.removeAll(keepingCapacity: true)
    }
}
