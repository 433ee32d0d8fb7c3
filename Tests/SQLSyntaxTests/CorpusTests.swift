import Foundation
import SQLLogicTest
import SQLSyntax
import Testing

/// Every statement of SQLite's select1-5 and evidence files that Sluice would run must parse and round-trip
/// through the formatter; the only allowed failures are SQLite-only features reported as `.unsupported`
/// (triggers, REINDEX, REPLACE). The parse time of select1-5 is printed (debug builds are about 20x slower
/// than release, and the machine is shared, so it is not asserted).
@Suite struct CorpusTests {
    struct Tally {
        var parsed: [(Statement, String, RecordLocation)] = []
        var unsupported = 0
        var otherEngines = 0
        var otherEnginesParsed = 0
        var failures: [String] = []
    }

    @Test func sqllogictestFilesParseAndRoundTrip() throws {
        let files = Corpus.sqllogictestFiles
        try #require(!files.isEmpty, "corpus not found")
        var tally = Tally()
        var selectBytes = 0
        var selectTime = Duration.zero
        for file in files {
            let commands = try Corpus.commands(in: file)
            let start = ContinuousClock.now
            for command in commands { parse(command, into: &tally) }
            if file.lastPathComponent.hasPrefix("select") {
                selectTime += ContinuousClock.now - start
                selectBytes += commands.reduce(0) { $0 + $1.sql.utf8.count }
            }
        }
        for (statement, sql, location) in tally.parsed {
            let printed = SQLFormatter.statement(statement)
            if (try? SQLParser.parseStatement(printed)) != statement {
                tally.failures.append("\(location): does not round-trip: \(printed)\n\(sql)")
            }
        }
        print("sqllogictest corpus: \(tally.parsed.count) parsed, \(tally.unsupported) SQLite-only (unsupported), "
              + "\(tally.failures.count) failed; other engines' records: \(tally.otherEnginesParsed) of "
              + "\(tally.otherEngines) parse; select1-5: \(selectBytes) bytes parsed in \(selectTime)")
        #expect(tally.failures.isEmpty, "\(tally.failures.count) failures:\n\(tally.failures.prefix(20).joined(separator: "\n"))")
        #expect(tally.parsed.count > 10_000)
    }

    private func parse(_ command: (sql: String, location: RecordLocation, isOurs: Bool), into tally: inout Tally) {
        let result = Result { () throws(ParserError) in try SQLParser.parseStatement(command.sql) }
        guard command.isOurs else {
            tally.otherEngines += 1
            if case .success = result { tally.otherEnginesParsed += 1 }
            return
        }
        switch result {
        case .success(let statement): tally.parsed.append((statement, command.sql, command.location))
        case .failure(let error) where error.code == .unsupported: tally.unsupported += 1
        case .failure(let error): tally.failures.append("\(command.location): \(error)\n\(command.sql)")
        }
    }

    @Test func tpchQueriesParseAndRoundTrip() throws {
        let queries = Corpus.tpchQueries
        try #require(queries.count == 22, "corpus not found")
        var count = 0
        for file in queries {
            let text = try String(contentsOf: file, encoding: .utf8)
            let statements = try SQLParser.parse(text)
            #expect(!statements.isEmpty, "\(file.lastPathComponent)")
            for statement in statements {
                count += 1
                let printed = SQLFormatter.statement(statement)
                #expect(try SQLParser.parseStatement(printed) == statement, "\(file.lastPathComponent): \(printed)")
            }
        }
        #expect(count == 24)  // q15 is CREATE VIEW, SELECT, DROP VIEW
    }
}
