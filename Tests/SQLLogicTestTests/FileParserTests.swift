import Foundation
import SQLLogicTest
import Testing
import TestSupport

@Suite struct FileParserTests {
    private func parse(_ text: String) throws -> [Record] { try SQLLogicTestParser.parse(text, file: "x.test") }

    @Test func classicRecords() throws {
        let text = """
            hash-threshold 8

            statement ok
            CREATE TABLE t1(a INTEGER, b INTEGER)

            # a comment line between records
            skipif mysql # not compatible
            onlyif sqlite
            query IT rowsort label-1
            SELECT a,
            # comments are dropped even inside a record
                   b FROM t1
            ----
            1
            x

            query I nosort
            SELECT 1 FROM t1 WHERE 0
            ----

            query R valuesort
            SELECT a FROM t1
            ----
            30 values hashing to 3c13dee48d9356ae19af2515e05e6b54

            statement error
            CREATE VIEW v AS SELECT x FROM nowhere

            onlyif mssql
            halt
            """
        let records = try parse(text)
        #expect(records.count == 7)
        #expect(records[0].kind == .hashThreshold(8))
        #expect(records[1] == Record(location: RecordLocation(file: "x.test", line: 3),
                                     kind: .statement(StatementRecord(expectation: .ok, sql: "CREATE TABLE t1(a INTEGER, b INTEGER)"))))
        #expect(records[2].location.line == 7)
        #expect(records[2].conditions == [.skipIf("mysql"), .onlyIf("sqlite")])
        #expect(records[2].kind == .query(QueryRecord(columnTypes: [.integer, .text], sortMode: .rowSort, label: "label-1",
                                                      sql: "SELECT a,\n       b FROM t1", expected: ["1", "x"])))
        #expect(records[3].kind == .query(QueryRecord(columnTypes: [.integer], sql: "SELECT 1 FROM t1 WHERE 0")))
        guard case .query(let hashed) = records[4].kind else { return }
        #expect(hashed.expected == ["30 values hashing to 3c13dee48d9356ae19af2515e05e6b54"])
        #expect(hashed.sortMode == .valueSort)
        #expect(records[5].kind == .statement(StatementRecord(expectation: .error(message: nil),
                                                              sql: "CREATE VIEW v AS SELECT x FROM nowhere")))
        #expect(records[6].conditions == [.onlyIf("mssql")])
        #expect(records[6].kind == .halt)
    }

    @Test func crlfLineEndings() throws {
        let records = try parse("hash-threshold 8\r\n\r\nstatement ok\r\nSELECT 1\r\n")
        #expect(records.map(\.kind) == [.hashThreshold(8), .statement(StatementRecord(expectation: .ok, sql: "SELECT 1"))])
    }

    @Test func duckDBDirectives() throws {
        let text = """
            require parquet

            loop i 0 3
            statement ok
            INSERT INTO t VALUES ({i})

            endloop

            foreach type INTEGER BIGINT DOUBLE

            statement error
            SELECT CAST('x' AS ${type})
            ----
            Conversion Error: <REGEX>:.*could not convert.*

            endloop

            mode skip

            statement maybe
            SELECT 1

            mode unskip
            """
        let kinds = try parse(text).map(\.kind)
        #expect(kinds == [
            .require("parquet"),
            .loop(variable: "i", start: 0, end: 3),
            .statement(StatementRecord(expectation: .ok, sql: "INSERT INTO t VALUES ({i})")),
            .endLoop,
            .foreach(variable: "type", values: ["INTEGER", "BIGINT", "DOUBLE"]),
            .statement(StatementRecord(expectation: .error(message: "Conversion Error: <REGEX>:.*could not convert.*"),
                                       sql: "SELECT CAST('x' AS ${type})")),
            .endLoop,
            .mode("skip"),
            .statement(StatementRecord(expectation: .maybe, sql: "SELECT 1")),
            .mode("unskip"),
        ])
    }

    @Test(arguments: [
        ("statement ok\nSELECT 1\n\nstatment ok\nSELECT 2", "x.test:4: unknown directive \"statment\""),
        ("query I sorted\nSELECT 1", "x.test:1: unknown sort method: \"sorted\""),
        ("query IX\nSELECT 1", "x.test:1: unknown type letter 'X' in \"IX\""),
        ("hash-threshold many", "x.test:1: hash-threshold needs a count"),
        ("statement\nSELECT 1", "x.test:1: statement needs ok, error or maybe"),
        ("skipif mysql", "x.test:1: skipif/onlyif without a record"),
        ("loop i 0", "x.test:1: loop needs an argument"),
    ])
    func malformedFiles(text: String, message: String) {
        do {
            _ = try parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(String(describing: error) == message)
        }
    }

    @Test func wholeCorpusParses() throws {
        let base = SharedCorpus.url("sqllogictest/sqlite")
        let select1 = base.appendingPathComponent("select1.test")
        try #require(FileManager.default.fileExists(atPath: select1.path), "corpus not found")
        let records = try SQLLogicTestParser.parse(try String(contentsOf: select1, encoding: .utf8), file: "select1.test")
        let queries = records.filter { if case .query = $0.kind { true } else { false } }
        #expect(queries.count == 1_000)
        let hashed = queries.filter { if case .query(let q) = $0.kind { q.expected.first?.contains("hashing") == true } else { false } }
        #expect(!hashed.isEmpty)
        for name in ["select2", "select3", "select4", "select5"] {
            let url = base.appendingPathComponent("\(name).test")
            #expect(throws: Never.self) { try SQLLogicTestParser.parse(try String(contentsOf: url, encoding: .utf8), file: name) }
        }
    }
}
