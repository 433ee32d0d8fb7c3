/// Splits CSV bytes into records and fields without copying: each field is a span of the reader's window.
///
/// RFC 4180: fields separated by the delimiter, records by LF, CRLF or CR; a field that starts with the quote
/// runs to the matching quote, may hold delimiters and newlines, and spells a quote as two quotes (or as
/// escape + quote). Unquoted fields are scanned eight bytes at a time (a SWAR test for the four special bytes),
/// then with a byte-class table up to the window's LF sentinel, so no loop needs a bounds test per byte.
struct CSVTokenizer {
    /// One field: bytes `[start, end)` of the window, quotes removed.
    struct Field {
        var start: Int32
        var end: Int32
        var flags: UInt8
        static let quoted: UInt8 = 1
        /// Holds doubled quotes or escapes that must be removed when copied.
        static let escaped: UInt8 = 2
    }

    /// One record: its fields in `fields[firstField..<firstField + fieldCount]`.
    struct Record {
        var start: Int32
        var end: Int32
        var line: Int
        var firstField: Int32
        var fieldCount: Int32
        /// Why the record is malformed, if it is.
        var problem: Problem?
    }

    enum Problem: Equatable {
        case unterminatedQuote
        case textAfterQuote
    }

    enum Outcome { case record, needMore, end }

    let delimiter: UInt8
    let quote: UInt8
    let escape: UInt8
    let comment: UInt8?
    /// A record's fields and offsets are Int32 window positions.
    var fields: ContiguousArray<Field> = []
    var records: ContiguousArray<Record> = []
    /// Line number of the next record.
    var line = 1
    /// Skip empty lines (true when there is more than one column).
    var skipEmptyLines = true
    private let special: ByteClassTable
    /// The delimiter and the quote in every byte of a word.
    private let delimiterPattern: UInt64
    private let quotePattern: UInt64

    init(delimiter: UInt8, quote: UInt8, escape: UInt8, comment: UInt8?) {
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape
        self.comment = comment
        special = ByteClassTable([delimiter, quote, 0x0A, 0x0D])
        delimiterPattern = 0x0101_0101_0101_0101 &* UInt64(delimiter)
        quotePattern = 0x0101_0101_0101_0101 &* UInt64(quote)
    }

    mutating func reset() {
        fields.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
    }

    /// Tokenizes the record at `position` of `p[0..<end]` (with `p[end]` = LF). On `.record` the record is
    /// appended and `position` moves past it; on `.needMore` nothing changes and the caller refills.
    mutating func next(_ p: UnsafePointer<UInt8>, position: inout Int, end: Int, atEnd: Bool) -> Outcome {
        if let stop = skipIgnoredLines(p, &position, end: end, atEnd: atEnd) { return stop }
        let firstField = fields.count
        let recordStart = position
        var pos = position
        var newlines = 0
        var problem: Problem?
        while true {
            if p[pos] == quote && pos < end {
                guard let quoted = quotedField(p, &pos, end: end, atEnd: atEnd, newlines: &newlines) else {
                    return rollback(firstField)
                }
                fields.append(quoted.field)
                if quoted.unterminated { problem = .unterminatedQuote }
                if pos < end && p[pos] != delimiter && p[pos] != 0x0A && p[pos] != 0x0D {
                    // Text after the closing quote: the rest of the line is one malformed record.
                    guard let after = lineEnd(p, from: pos, end: end, atEnd: atEnd) else { return rollback(firstField) }
                    appendRecord(start: recordStart, end: after, firstField: firstField, problem: problem ?? .textAfterQuote, newlines: newlines)
                    position = after
                    return .record
                }
            } else {
                fields.append(unquotedField(p, &pos, end: end))
            }
            // The field's terminator: a delimiter, LF, CR or CRLF, or the end of input.
            if pos < end && p[pos] == delimiter {
                pos &+= 1
                continue
            }
            if pos == end && !atEnd || (pos + 1 == end && p[pos] == 0x0D && !atEnd) { return rollback(firstField) }
            appendRecord(start: recordStart, end: pos, firstField: firstField, problem: problem, newlines: newlines)
            if pos < end { pos += (p[pos] == 0x0D && pos + 1 < end && p[pos + 1] == 0x0A) ? 2 : 1 }
            position = pos
            return .record
        }
    }

    /// Moves past blank lines (when skipped) and comment lines; a non-nil outcome means no record starts here.
    private mutating func skipIgnoredLines(_ p: UnsafePointer<UInt8>, _ position: inout Int, end: Int, atEnd: Bool) -> Outcome? {
        while true {
            let pos = position
            if pos == end { return atEnd ? .end : .needMore }
            let b = p[pos]
            if let comment, b == comment {
                guard let after = lineEnd(p, from: pos, end: end, atEnd: atEnd) else { return .needMore }
                position = after
            } else if skipEmptyLines && (b == 0x0A || b == 0x0D) {
                if b == 0x0D && pos + 1 == end && !atEnd { return .needMore }
                position = pos + ((b == 0x0D && pos + 1 < end && p[pos + 1] == 0x0A) ? 2 : 1)
            } else {
                return nil
            }
            line += 1
        }
    }

    /// An unquoted field from `pos` to the next delimiter, CR or LF; a quote inside it is an ordinary byte.
    /// The LF sentinel at `p[end]` ends the scan without a bounds test.
    @inline(__always)
    private func unquotedField(_ p: UnsafePointer<UInt8>, _ pos: inout Int, end: Int) -> Field {
        let start = pos
        let table = special.pointer
        while true {
            // Eight bytes at a time: the lowest flagged byte of the word is the first special one.
            while pos &+ 8 <= end {
                let flags = specialBytes(UInt64(littleEndian: UnsafeRawPointer(p + pos).loadUnaligned(as: UInt64.self)))
                if flags != 0 {
                    pos &+= flags.trailingZeroBitCount &>> 3
                    break
                }
                pos &+= 8
            }
            while table[Int(p[pos])] == 0 { pos &+= 1 }
            if p[pos] == quote && pos < end {
                pos &+= 1
                continue
            }
            return Field(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: pos), flags: 0)
        }
    }

    /// The high bit of each byte of `word` that is a delimiter, quote, LF or CR (SWAR zero-byte test on
    /// `word ^ pattern`). Bits above the first flagged byte may be spurious; the lowest one is exact.
    @inline(__always)
    private func specialBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- low) & ~x & high }
        return zeroBytes(word ^ delimiterPattern) | zeroBytes(word ^ quotePattern)
            | zeroBytes(word ^ (low &* 0x0A)) | zeroBytes(word ^ (low &* 0x0D))
    }

    /// Forgets the fields of an unfinished record.
    private mutating func rollback(_ firstField: Int) -> Outcome {
        fields.removeSubrange(firstField...)
        return .needMore
    }

    private mutating func appendRecord(start: Int, end: Int, firstField: Int, problem: Problem?, newlines: Int) {
        records.append(Record(
            start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), line: line,
            firstField: Int32(truncatingIfNeeded: firstField), fieldCount: Int32(truncatingIfNeeded: fields.count - firstField),
            problem: problem))
        line += 1 + newlines
    }

    /// A quoted field from the opening quote at `pos`; nil when the window ends inside it and more may come.
    /// At the end of input an unclosed quote yields the rest as the field, flagged unterminated.
    private func quotedField(
        _ p: UnsafePointer<UInt8>, _ pos: inout Int, end: Int, atEnd: Bool, newlines: inout Int
    ) -> (field: Field, unterminated: Bool)? {
        var i = pos + 1
        let contentStart = i
        var flags = Field.quoted
        var lines = 0
        while true {
            while i < end && p[i] != quote && p[i] != escape {
                if p[i] == 0x0A { lines += 1 }
                i &+= 1
            }
            if i == end {
                guard atEnd else { return nil }
                newlines += lines
                pos = end
                return (Field(start: Int32(truncatingIfNeeded: contentStart), end: Int32(truncatingIfNeeded: end), flags: flags), true)
            }
            if i + 1 == end && !atEnd { return nil }
            let next: UInt8? = i + 1 < end ? p[i + 1] : nil
            if p[i] == escape && (next == quote || (escape != quote && next == escape)) {
                flags |= Field.escaped
                i += 2
                continue
            }
            if p[i] == escape && escape != quote {
                i += 1  // a lone escape is literal
                continue
            }
            newlines += lines
            pos = i + 1
            return (Field(start: Int32(truncatingIfNeeded: contentStart), end: Int32(truncatingIfNeeded: i), flags: flags), false)
        }
    }

    /// The position after the next line end from `from`, ignoring quotes; nil if the window ends first.
    private func lineEnd(_ p: UnsafePointer<UInt8>, from: Int, end: Int, atEnd: Bool) -> Int? {
        var i = from
        while i < end && p[i] != 0x0A && p[i] != 0x0D { i += 1 }
        if i == end { return atEnd ? end : nil }
        if p[i] == 0x0D {
            if i + 1 == end && !atEnd { return nil }
            return i + 1 < end && p[i + 1] == 0x0A ? i + 2 : i + 1
        }
        return i + 1
    }
}

/// 256 flags, one per byte value: 1 for the bytes that end an unquoted run.
final class ByteClassTable: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<UInt8>

    init(_ bytes: [UInt8]) {
        pointer = .allocate(capacity: 256)
        pointer.initialize(repeating: 0, count: 256)
        for byte in bytes { pointer[Int(byte)] = 1 }
    }

    deinit { pointer.deallocate() }
}
