/// SQLLogicTest: reads sqllogictest files (SQLite's classic format and DuckDB's dialect) into records with
/// file:line, renders and compares query results by the format's rules (type letters, `%.3f` reals, `NULL`,
/// `(empty)`, sort modes, MD5 hashing above the hash threshold, labels), and runs files against any engine
/// behind `SQLLogicTestEngine`. It knows nothing of SQL: the engine gets the SQL text as written.
///
/// File rules (see docs/sqllogictest.md): records are runs of non-blank lines; lines starting with `#` are
/// dropped everywhere; a record opens with zero or more `skipif`/`onlyif` lines and a directive whose first
/// four whitespace-separated words count (so `skipif mysql # comment` works).
public enum SQLLogicTestParser {
    public static func parse(_ text: String, file: String) throws(SQLLogicTestError) -> [Record] {
        var records: [Record] = []
        var block: [(line: Int, text: String)] = []
        var lineNumber = 0
        // Split on bytes: "\r\n" is one Character, so a Character split would miss it.
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(decoding: rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine[...],
                              as: UTF8.self)
            if line.hasPrefix("#") { continue }
            if line.allSatisfy(\.isWhitespace) {
                try flush(&block, into: &records, file: file)
            } else {
                block.append((lineNumber, line))
            }
        }
        try flush(&block, into: &records, file: file)
        return records
    }

    private static func flush(_ block: inout [(line: Int, text: String)], into records: inout [Record],
                              file: String) throws(SQLLogicTestError) {
        var rest = block[...]
        block.removeAll(keepingCapacity: true)
        while !rest.isEmpty {
            let (record, remaining) = try parseRecord(rest, file: file)
            records.append(record)
            rest = remaining
        }
    }

    /// One record from the start of a block, and what is left of the block (single-line directives such as
    /// `loop` may share a block with the record after them).
    private static func parseRecord(_ lines: ArraySlice<(line: Int, text: String)>, file: String)
        throws(SQLLogicTestError) -> (Record, ArraySlice<(line: Int, text: String)>) {
        var rest = lines
        var conditions: [Condition] = []
        let location = RecordLocation(file: file, line: lines[lines.startIndex].line)
        while let first = rest.first {
            let words = directiveWords(first.text)
            guard words.first == "skipif" || words.first == "onlyif" else { break }
            guard words.count >= 2 else {
                throw SQLLogicTestError(.malformedDirective, "\(words[0]) needs an engine name",
                                        at: RecordLocation(file: file, line: first.line))
            }
            conditions.append(words[0] == "skipif" ? .skipIf(words[1]) : .onlyIf(words[1]))
            rest = rest.dropFirst()
        }
        guard let head = rest.first else {
            throw SQLLogicTestError(.malformedDirective, "skipif/onlyif without a record", at: location)
        }
        let here = RecordLocation(file: file, line: head.line)
        let words = directiveWords(head.text)
        let body = rest.dropFirst()
        var kind: Record.Kind
        switch words[0] {
        case "statement":
            return (Record(location: location, conditions: conditions,
                           kind: .statement(try statement(words, body, at: here))), [])
        case "query":
            return (Record(location: location, conditions: conditions,
                           kind: .query(try query(words, body, at: here))), [])
        default:
            kind = try singleLineDirective(words, line: head.text, at: here)
        }
        return (Record(location: location, conditions: conditions, kind: kind), body)
    }

    /// The first four whitespace-separated words, as SQLite's runner reads them.
    static func directiveWords(_ line: String) -> [String] {
        Array(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(4).map(String.init))
    }

    private static func statement(_ words: [String], _ body: ArraySlice<(line: Int, text: String)>,
                                  at location: RecordLocation) throws(SQLLogicTestError) -> StatementRecord {
        let (sql, expected) = splitAtDashes(body)
        switch words.count > 1 ? words[1] : "" {
        case "ok": return StatementRecord(expectation: .ok, sql: sql)
        case "maybe": return StatementRecord(expectation: .maybe, sql: sql)
        case "error":
            let message = expected.isEmpty ? nil : expected.joined(separator: "\n")
            return StatementRecord(expectation: .error(message: message), sql: sql)
        default:
            throw SQLLogicTestError(.malformedDirective, "statement needs ok, error or maybe", at: location)
        }
    }

    private static func query(_ words: [String], _ body: ArraySlice<(line: Int, text: String)>,
                              at location: RecordLocation) throws(SQLLogicTestError) -> QueryRecord {
        guard words.count > 1 else {
            throw SQLLogicTestError(.malformedDirective, "query needs a type string", at: location)
        }
        var types: [ColumnType] = []
        for letter in words[1] {
            guard let type = ColumnType(rawValue: letter) else {
                throw SQLLogicTestError(.malformedDirective, "unknown type letter '\(letter)' in \"\(words[1])\"",
                                        at: location)
            }
            types.append(type)
        }
        var sortMode = SortMode.noSort
        var label: String?
        if words.count > 2, !words[2].hasPrefix("#") {
            guard let mode = SortMode(rawValue: words[2]) else {
                throw SQLLogicTestError(.unknownSortMode, "unknown sort method: \"\(words[2])\"", at: location)
            }
            sortMode = mode
            if words.count > 3, !words[3].hasPrefix("#") { label = words[3] }
        }
        let (sql, expected) = splitAtDashes(body)
        return QueryRecord(columnTypes: types, sortMode: sortMode, label: label, sql: sql, expected: expected)
    }

    /// The SQL lines up to `----` (joined with newlines) and the lines after it.
    private static func splitAtDashes(_ body: ArraySlice<(line: Int, text: String)>) -> (String, [String]) {
        let texts = body.map(\.text)
        guard let dashes = texts.firstIndex(of: "----") else { return (texts.joined(separator: "\n"), []) }
        return (texts[..<dashes].joined(separator: "\n"), Array(texts[(dashes + 1)...]))
    }

    private static func singleLineDirective(_ words: [String], line: String, at location: RecordLocation)
        throws(SQLLogicTestError) -> Record.Kind {
        func argument(_ index: Int) throws(SQLLogicTestError) -> String {
            guard index < words.count else {
                throw SQLLogicTestError(.malformedDirective, "\(words[0]) needs an argument", at: location)
            }
            return words[index]
        }
        switch words[0] {
        case "hash-threshold":
            guard let value = Int(try argument(1)), value >= 0 else {
                throw SQLLogicTestError(.malformedDirective, "hash-threshold needs a count", at: location)
            }
            return .hashThreshold(value)
        case "halt": return .halt
        case "endloop": return .endLoop
        case "require": return .require(try argument(1))
        case "mode": return .mode(try argument(1))
        case "loop":
            guard let start = Int(try argument(2)), let end = Int(try argument(3)) else {
                throw SQLLogicTestError(.malformedDirective, "loop needs a variable, a start and an end", at: location)
            }
            return .loop(variable: try argument(1), start: start, end: end)
        case "foreach":
            _ = try argument(2)
            let all = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            return .foreach(variable: words[1], values: Array(all.dropFirst(2)))
        default:
            throw SQLLogicTestError(.unknownDirective, "unknown directive \"\(words[0])\"", at: location)
        }
    }
}
