import Foundation
import SQLLogicTest
import SQLSyntax
import Testing

/// Every statement of SQLite's select1-5 and evidence files that Sluice would run must parse; the only allowed
/// failures are SQLite-only features reported as `.unsupported` (triggers, REINDEX, REPLACE).
@Suite struct CorpusTests {
    @Test func sqllogictestFilesParse() throws {
        let files = Corpus.sqllogictestFiles
        try #require(!files.isEmpty, "corpus not found")
        var parsed = 0, unsupported = 0, otherEngines = 0, otherEnginesParsed = 0
        var failures: [String] = []
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for file in files {
                for command in try Corpus.commands(in: file) {
                    let result = Result { () throws(ParserError) in try SQLParser.parseStatement(command.sql) }
                    guard command.isOurs else {
                        otherEngines += 1
                        if case .success = result { otherEnginesParsed += 1 }
                        continue
                    }
                    switch result {
                    case .success(let statement):
                        parsed += 1
                        let printed = SQLFormatter.statement(statement)
                        if (try? SQLParser.parseStatement(printed)) != statement {
                            failures.append("\(command.location): does not round-trip: \(printed)\n\(command.sql)")
                        }
                    case .failure(let error) where error.code == .unsupported: unsupported += 1
                    case .failure(let error): failures.append("\(command.location): \(error)\n\(command.sql)")
                    }
                }
            }
        }
        print("sqllogictest corpus: \(parsed) parsed, \(unsupported) SQLite-only (unsupported), "
              + "\(failures.count) failed; other engines' records: \(otherEnginesParsed) of \(otherEngines) parse; \(elapsed)")
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(20).joined(separator: "\n"))")
        #expect(parsed > 10_000)
    }

    @Test func tpchQueriesParse() throws {
        let queries = Corpus.tpchQueries
        try #require(queries.count == 22, "corpus not found")
        for file in queries {
            let text = try String(contentsOf: file, encoding: .utf8)
            let statements = try SQLParser.parse(text)
            #expect(!statements.isEmpty, "\(file.lastPathComponent)")
            for statement in statements {
                let printed = SQLFormatter.statement(statement)
                #expect(try SQLParser.parseStatement(printed) == statement, "\(file.lastPathComponent): \(printed)")
            }
        }
    }
}
