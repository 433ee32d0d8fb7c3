import Columnar

/// Detects what the options leave open, from the records in the reader's first window: the delimiter (the
/// candidate that splits the most records into the same number of fields, more than one), the column types
/// (`TextTypeInference` per column) and whether the first record is a header (a value that does not parse as
/// its column's type, or, when every column is text, distinct non-empty names).
struct CSVSniffer {
    struct Dialect {
        var delimiter: UInt8
        var header: Bool
        var schema: Schema
    }

    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ";"), 0x09]

    let buffer: ChunkBuffer
    let options: CSVOptions

    func sniff() throws -> Dialect {
        let delimiter = options.delimiter ?? bestDelimiter()
        var tokenizer = CSVTokenizer(delimiter: delimiter, quote: options.quote, escape: options.escapeByte, comment: options.comment)
        tokenize(&tokenizer, limit: options.sampleRows + 1)
        let records = Array(tokenizer.records.filter { $0.problem == nil })
        let width = options.schema?.fields.count ?? modalWidth(records)
        var types = options.schema?.fields.map(\.type) ?? inferTypes(records.dropFirst(), tokenizer, width: width)
        let header = options.header ?? detectHeader(records.first, tokenizer, types: types)
        if options.schema == nil && !header { types = inferTypes(records[...], tokenizer, width: width) }
        let schema = options.schema ?? Schema(zip(names(header ? records.first : nil, tokenizer, width: width), types).map {
            Field($0, $1)
        })
        if let schema = options.schema { try Self.checkSupported(schema) }
        return Dialect(delimiter: delimiter, header: header, schema: schema)
    }

    /// Tokenizes up to `limit` records of the window without consuming them.
    private func tokenize(_ tokenizer: inout CSVTokenizer, limit: Int) {
        var position = buffer.start
        while tokenizer.records.count < limit,
            tokenizer.next(buffer.base, position: &position, end: buffer.end, atEnd: buffer.atEnd) == .record {}
    }

    private func bestDelimiter() -> UInt8 {
        var best = (delimiter: Self.candidates[0], score: 0, consistent: 0)
        for candidate in Self.candidates where candidate != options.quote {
            var tokenizer = CSVTokenizer(delimiter: candidate, quote: options.quote, escape: options.escapeByte, comment: options.comment)
            tokenize(&tokenizer, limit: min(options.sampleRows, 1_000))
            let width = modalWidth(tokenizer.records.filter { $0.problem == nil })
            let consistent = tokenizer.records.filter { Int($0.fieldCount) == width && $0.problem == nil }.count
            // Most fields among dialects where at least 90% of the records agree.
            let score = width > 1 && consistent * 10 >= tokenizer.records.count * 9 ? width : 0
            if score > best.score || (score == best.score && consistent > best.consistent && score > 0) {
                best = (candidate, score, consistent)
            }
        }
        return best.delimiter
    }

    /// The most common field count (the larger on a tie); 1 for no records.
    private func modalWidth(_ records: [CSVTokenizer.Record]) -> Int {
        var histogram: [Int: Int] = [:]
        for record in records { histogram[Int(record.fieldCount), default: 0] += 1 }
        return histogram.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 1
    }

    private func inferTypes(_ rows: ArraySlice<CSVTokenizer.Record>, _ tokenizer: CSVTokenizer, width: Int) -> [DataType] {
        var inference = [TextTypeInference](repeating: TextTypeInference(), count: width)
        for record in rows where Int(record.fieldCount) == width {
            for c in 0..<width {
                let value = fieldBytes(record, c, tokenizer)
                if !isNull(value) { inference[c].observe(value) }
            }
        }
        return inference.map { $0.resolved(inferDecimal: options.inferDecimal) }
    }

    private func detectHeader(_ first: CSVTokenizer.Record?, _ tokenizer: CSVTokenizer, types: [DataType]) -> Bool {
        guard let first else { return false }
        let values = (0..<types.count).map { fieldBytes(first, $0, tokenizer) }
        if types.contains(where: { $0 != .string }) {
            return zip(values, types).contains { value, type in
                type != .string && !isNull(value)
                    && !value.withUnsafeBufferPointer { TextTypeInference.parses($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count, as: type) }
            }
        }
        return values.allSatisfy { !$0.isEmpty } && Set(values).count == values.count
    }

    /// Header names, or `column0`, `column1`, ...; empty names are numbered and duplicates get `_1`, `_2`.
    private func names(_ header: CSVTokenizer.Record?, _ tokenizer: CSVTokenizer, width: Int) -> [String] {
        var seen: Set<String> = []
        return (0..<width).map { c in
            var name = header.map { String(decoding: fieldBytes($0, c, tokenizer), as: UTF8.self) } ?? ""
            if name.isEmpty { name = "column\(c)" }
            var unique = name
            var n = 1
            while !seen.insert(unique).inserted {
                unique = "\(name)_\(n)"
                n += 1
            }
            return unique
        }
    }

    /// Field `c` of `record`, unescaped (empty when the record is short).
    private func fieldBytes(_ record: CSVTokenizer.Record, _ c: Int, _ tokenizer: CSVTokenizer) -> [UInt8] {
        guard c < Int(record.fieldCount) else { return [] }
        let field = tokenizer.fields[Int(record.firstField) + c]
        let bytes = UnsafeBufferPointer(start: buffer.base + Int(field.start), count: Int(field.end - field.start))
        guard field.flags & CSVTokenizer.Field.escaped != 0 else { return Array(bytes) }
        var out: [UInt8] = []
        CSVUnescape.append(bytes, quote: options.quote, escape: options.escapeByte, into: &out)
        return out
    }

    /// Empty values are NULL for every non-string type, so they narrow nothing.
    private func isNull(_ value: [UInt8]) -> Bool {
        value.isEmpty || options.nullStrings.contains { Array($0.utf8) == value }
    }

    /// The column types CSV can hold.
    static func checkSupported(_ schema: Schema) throws {
        for field in schema.fields {
            switch field.type {
            case .list, .structure, .map, .fixedBinary, .null, .float16:
                throw TextFormatError.make(.invalidArgument, "CSV column '\(field.name)' cannot be \(TypeName.of(field.type))")
            default: continue
            }
        }
    }
}

/// Removing the quoting from a quoted field's content: a doubled quote or escape + quote (or escape + escape)
/// becomes the one character.
enum CSVUnescape {
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, quote: UInt8, escape: UInt8, into out: inout [UInt8]) {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == escape && i + 1 < bytes.count && (bytes[i + 1] == quote || bytes[i + 1] == escape) {
                out.append(bytes[i + 1])
                i += 2
            } else {
                out.append(b)
                i += 1
            }
        }
    }
}
