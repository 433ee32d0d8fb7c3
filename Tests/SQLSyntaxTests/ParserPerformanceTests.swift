import Foundation
import SQLLogicTest
import SQLSyntax
import Testing

/// Times the parser alone over every command of select1-5.test (the files read and split first).
@Suite struct ParserPerformanceTests {
    @Test func selectFilesParseTime() throws {
        let files = Corpus.sqllogictestFiles.filter { $0.lastPathComponent.hasPrefix("select") }
        try #require(files.count == 5, "corpus not found")
        let commands = try files.flatMap { try Corpus.commands(in: $0).map(\.sql) }
        let bytes = commands.reduce(0) { $0 + $1.utf8.count }
        let clock = ContinuousClock()
        var parsed = 0
        let lexing = clock.measure {
            for sql in commands { _ = try? SQLParser.tokenize(sql) }
        }
        let elapsed = clock.measure {
            for sql in commands where (try? SQLParser.parseStatement(sql)) != nil { parsed += 1 }
        }
        print("select1-5: \(commands.count) commands, \(bytes) bytes: lexed in \(lexing), parsed in \(elapsed)")
        #expect(parsed == commands.count)
    }
}
