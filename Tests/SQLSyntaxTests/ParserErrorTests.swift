import SQLSyntax
import Testing

/// Exact messages: the class prefix, the offending token, line:column.
@Suite struct ParserErrorTests {
    private func message(_ sql: String) -> String? {
        do {
            _ = try SQLParser.parse(sql)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        ("SELECT a FORM t", "Parser Error: syntax error at or near \"t\" at 1:15"),
        ("SELECT * FORM t", "Parser Error: syntax error at or near \"FORM\" at 1:10"),
        ("SELECT a,\n  FROM t", "Parser Error: syntax error at or near \"FROM\" at 2:3"),
        ("SELECT (1 + 2", "Parser Error: syntax error at end of input at 1:14"),
        ("SELECT 'x' 'y'", "Parser Error: syntax error at or near \"'y'\" at 1:12"),
        ("SELEC 1", "Parser Error: syntax error at or near \"SELEC\" at 1:1"),
        ("SELECT CASE END", "Parser Error: syntax error at or near \"END\" at 1:13"),
        ("SELECT * FROM t WHERE", "Parser Error: syntax error at end of input at 1:22"),
        ("CREATE TRIGGER r UPDATE ON t BEGIN SELECT 1; END", "Parser Error: CREATE TRIGGER is not supported at 1:8"),
        ("DROP TRIGGER r", "Parser Error: DROP TRIGGER is not supported at 1:6"),
        ("REINDEX t1", "Parser Error: REINDEX is not supported at 1:1"),
        ("REPLACE INTO t VALUES (1)", "Parser Error: REPLACE INTO is not supported at 1:1"),
        ("INSERT OR REPLACE INTO t VALUES (1)", "Parser Error: INSERT OR REPLACE is not supported at 1:8"),
        ("SELECT 1 IN t1", "Parser Error: syntax error at or near \"t1\" at 1:13"),
    ])
    func messages(sql: String, expected: String) {
        #expect(message(sql) == expected)
    }

    @Test func codes() {
        #expect(throws: ParserError.self) { try SQLParser.parse("SELECT FROM") }
        do {
            _ = try SQLParser.parse("CREATE TRIGGER t")
        } catch {
            #expect(error.code == .unsupported)
        }
        do {
            _ = try SQLParser.parse("SELECT 'open")
        } catch {
            #expect(error.code == .unterminatedString)
            #expect(error.location.column == 8)
        }
    }

    @Test func nestingIsBoundedNotACrash() {
        let deep = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        do {
            _ = try SQLParser.parseExpression(deep)
            Issue.record("accepted 5,000 nested parentheses")
        } catch {
            #expect(error.code == .tooDeep)
        }
        let minus = "SELECT " + String(repeating: "- ", count: 5_000) + "1"
        #expect(throws: ParserError.self) { try SQLParser.parse(minus) }
        let shallow = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(throws: Never.self) { try SQLParser.parseExpression(shallow) }
    }
}
