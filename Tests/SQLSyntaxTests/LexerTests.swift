@testable import SQLSyntax
import Testing

@Suite struct LexerTests {
    private func kinds(_ sql: String) throws -> [Token.Kind] {
        try SQLParser.tokenize(sql).map(\.kind)
    }

    private func texts(_ sql: String) throws -> [String] {
        try SQLParser.tokenize(sql).dropLast().map(\.text)
    }

    @Test func wordsKeywordsAndCase() throws {
        let tokens = try SQLParser.tokenize("select Foo_1 FROM \"Mixed Case\" `back``tick`")
        #expect(tokens.map(\.kind) == [.word, .word, .word, .quotedIdentifier, .quotedIdentifier, .end])
        #expect(tokens[0].keyword == .select)
        #expect(tokens[1].keyword == nil)
        #expect(tokens[2].keyword == .from)
        #expect(tokens[3].text == "Mixed Case")
        #expect(tokens[4].text == "back`tick")
    }

    @Test func stringsAndEscapes() throws {
        #expect(try texts("'it''s' E'a\\nb\\'c' X'0aFF' ''") == ["it's", "a\nb'c", "0aFF", ""])
        #expect(try kinds("'a' E'b' x'00'") == [.string, .string, .blob, .end])
    }

    @Test func numbers() throws {
        #expect(try kinds("42 1.5 .5 3. 1e10 2.5E-3 4e+2") == [.integer, .decimal, .decimal, .decimal, .float, .float,
                                                                 .float, .end])
        #expect(try texts("12345678901234567890123") == ["12345678901234567890123"])
    }

    @Test func operatorsLongestFirst() throws {
        #expect(try texts("a<=b<>c!=d==e||f::g=>h<<i>>j>=k") == [
            "a", "<=", "b", "<>", "c", "!=", "d", "==", "e", "||", "f", "::", "g", "=>", "h", "<<", "i", ">>", "j",
            ">=", "k",
        ])
        let tokens = try SQLParser.tokenize("a - b DIV c")
        #expect(tokens[1].binaryOperator == .subtract)
        #expect(tokens[3].binaryOperator == .integerDivide)
    }

    @Test func commentsAreSkippedAndLinesCounted() throws {
        let tokens = try SQLParser.tokenize("-- first\nSELECT /* a\nb */ x\n  FROM t")
        #expect(tokens.map(\.text) == ["SELECT", "x", "FROM", "t", ""])
        #expect(tokens[0].location == SourceLocation(offset: 9, line: 2, column: 1))
        #expect(tokens[1].location.line == 3)
        #expect(tokens[1].location.column == 6)
        #expect(tokens[2].location == SourceLocation(offset: 30, line: 4, column: 3))
    }

    @Test func nonASCIIIdentifiers() throws {
        let tokens = try SQLParser.tokenize("SELECT prénom, 名前 FROM t")
        #expect(tokens[1].text == "prénom")
        #expect(tokens[3].text == "名前")
        #expect(tokens[3].location.column == 17)
    }

    @Test(arguments: [
        ("SELECT 'abc", "Parser Error: unterminated quoted string at 1:8"),
        ("SELECT \"abc", "Parser Error: unterminated quoted identifier at 1:8"),
        ("SELECT 1 /* never closed", "Parser Error: unterminated /* comment at 1:10"),
        ("SELECT @x", "Parser Error: syntax error at or near \"@\" at 1:8"),
        ("SELECT X'0g'", "Parser Error: invalid hexadecimal digit in blob literal at 1:11"),
        ("SELECT X'abc'", "Parser Error: blob literal X'abc' has an odd number of hex digits at 1:8"),
        ("SELECT 12abc", "Parser Error: trailing junk after numeric literal \"12a\" at 1:8"),
        ("SELECT 7e", "Parser Error: trailing junk after numeric literal \"7e\" at 1:8"),
        ("SELECT \"\"", "Parser Error: zero-length delimited identifier at 1:8"),
    ])
    func lexicalErrors(sql: String, message: String) {
        #expect(throws: ParserError.self) { try SQLParser.tokenize(sql) }
        do {
            _ = try SQLParser.tokenize(sql)
        } catch {
            #expect(error.description == message)
        }
    }
}
