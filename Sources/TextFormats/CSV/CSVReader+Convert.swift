import Columnar

/// Segment conversion: each column of the tokenized records in one loop, values written straight into the
/// builder's buffer. A failed value records a `Failure`; failing records are then removed and the segment is
/// converted again, so the batch never holds part of a rejected record.
extension CSVReader {
    struct Failure {
        var record: Int
        var column: Int
        var code: TextFormatError.Code
        var reason: String
    }

    /// What a column loop reads: the window, the records to convert and their fields.
    struct Segment {
        var base: UnsafePointer<UInt8>
        var rows: UnsafeBufferPointer<Int32>
        var records: UnsafeBufferPointer<CSVTokenizer.Record>
        var fields: UnsafeBufferPointer<CSVTokenizer.Field>
        /// Some byte of the segment is not ASCII, so string values are validated.
        var validateUTF8: Bool
    }

    func convertSegment() throws {
        let records = tokenizer.records
        counts.read += records.count
        var errors: [RowError] = []
        var rows = ContiguousArray<Int32>()
        rows.reserveCapacity(records.count)
        let width = schema.fields.count
        for (i, record) in records.enumerated() {
            if let problem = record.problem {
                // Only the input's end leaves a quote open.
                if problem == .unterminatedQuote { endsInsideQuotes = true }
                errors.append(rowError(record, column: nil, code: .malformedCSV, reason: Self.describe(problem)))
            } else if Int(record.fieldCount) == width || (Int(record.fieldCount) < width && options.nullPadding) {
                rows.append(Int32(i))
            } else {
                errors.append(rowError(record, column: nil, code: .malformedCSV,
                    reason: "expected \(width) fields, found \(record.fieldCount)"))
            }
        }
        let first = records[0].start
        let last = records[records.count - 1].end
        let ascii = UTF8Validation.isASCII(buffer.base + Int(first), Int(last - first))
        let startRows = rowsInBatch
        while !rows.isEmpty {
            let failures = try convertRows(rows, validateUTF8: !ascii)
            if failures.isEmpty { break }
            var failed: Set<Int> = []
            for failure in failures.sorted(by: { ($0.record, $0.column) < ($1.record, $1.column) })
            where failed.insert(failure.record).inserted {
                errors.append(rowError(records[failure.record], column: failure.column, code: failure.code, reason: failure.reason))
            }
            rows.removeAll { failed.contains(Int($0)) }
            for builder in builders { builder.truncate(to: startRows) }
        }
        counts.accepted += rows.count
        counts.rejected += errors.count
        if !errors.isEmpty { try route(errors) }
    }

    /// Applies the error policy to a segment's rejected records, earliest line first.
    func route(_ errors: [RowError]) throws {
        let ordered = errors.sorted { $0.line < $1.line }
        switch options.onError {
        case .fail: throw ordered[0].error
        case .skip: break
        case .collect: rejected.append(contentsOf: ordered)
        }
    }

    private func convertRows(_ rows: ContiguousArray<Int32>, validateUTF8: Bool) throws -> [Failure] {
        var failures: [Failure] = []
        try rows.withUnsafeBufferPointer { rowBuffer in
            try tokenizer.records.withUnsafeBufferPointer { records in
                try tokenizer.fields.withUnsafeBufferPointer { fields in
                    let segment = Segment(
                        base: UnsafePointer(buffer.base), rows: rowBuffer, records: records, fields: fields,
                        validateUTF8: validateUTF8)
                    for c in builders.indices { try convertColumn(c, segment, &failures) }
                }
            }
        }
        return failures
    }

    static func describe(_ problem: CSVTokenizer.Problem) -> String {
        switch problem {
        case .unterminatedQuote: "unterminated quoted field"
        case .textAfterQuote: "unexpected text after a closing quote"
        }
    }

    /// A `RowError` for `record`, naming the column and its value when one is at fault.
    func rowError(_ record: CSVTokenizer.Record, column: Int?, code: TextFormatError.Code, reason: String) -> RowError {
        let base = buffer.base
        let text = String(decoding: UnsafeBufferPointer(start: base + Int(record.start), count: Int(record.end - record.start)), as: UTF8.self)
        var value: String?
        if let column, column < Int(record.fieldCount) {
            let field = tokenizer.fields[Int(record.firstField) + column]
            value = String(decoding: UnsafeBufferPointer(start: base + Int(field.start), count: Int(field.end - field.start)), as: UTF8.self)
        }
        return RowError(
            code: code, file: options.fileName, line: record.line, columnIndex: column,
            columnName: column.map { schema.fields[$0].name }, value: value, record: text, reason: reason)
    }
}
