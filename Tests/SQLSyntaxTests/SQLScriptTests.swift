import SQLSyntax
import Testing

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesAndComments() {
        let script = """
            SELECT 'a;b' AS "x;y";  -- a comment; with a semicolon
            /* block; comment */ SELECT `c;d`;
            ;
            INSERT INTO t VALUES ('it''s; fine')
            """
        let pieces = SQLScript.split(script)
        #expect(pieces.map(\.text) == [
            "SELECT 'a;b' AS \"x;y\"",
            "-- a comment; with a semicolon\n/* block; comment */ SELECT `c;d`",
            "INSERT INTO t VALUES ('it''s; fine')",
        ])
        #expect(pieces.map(\.location.line) == [1, 1, 4])
        #expect(pieces[2].location.column == 1)
    }

    @Test(arguments: [
        ("SELECT 1;", true),
        ("SELECT 1", false),
        ("SELECT 1;  ", true),
        ("SELECT 1; -- trailing comment", true),
        ("SELECT 1; SELECT", false),
        ("SELECT 'a;", false),
        ("SELECT \"a;", false),
        ("SELECT 1 /* ; */", false),
        ("SELECT 1 /* ; ", false),
        ("SELECT 1 -- ;", false),
        ("SELECT 'a'';';", true),
        ("", false),
        (";", true),
    ])
    func completeness(buffer: String, complete: Bool) {
        #expect(SQLScript.isComplete(buffer) == complete)
    }
}
