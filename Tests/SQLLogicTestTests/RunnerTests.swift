import SQLLogicTest
import Testing

/// A scripted engine: answers each SQL text from a table, throws for anything else, and records what it ran.
final class ScriptedEngine: SQLLogicTestEngine {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var answers: [String: QueryOutcome]
    var errors: [String: String]
    private(set) var executed: [String] = []

    init(answers: [String: QueryOutcome] = [:], errors: [String: String] = [:]) {
        self.answers = answers
        self.errors = errors
    }

    func execute(_ sql: String) throws -> QueryOutcome {
        executed.append(sql)
        if let message = errors[sql] { throw Failure(description: message) }
        guard let outcome = answers[sql] else { throw Failure(description: "Parser Error: unknown statement") }
        return outcome
    }
}

@Suite struct RunnerTests {
    private func integers(_ rows: [[Int64]]) -> QueryOutcome {
        QueryOutcome(columnCount: rows.first?.count ?? 1, rows: rows.map { $0.map(ResultValue.integer) })
    }

    @Test func classicFilePassesAndFails() throws {
        let engine = ScriptedEngine(answers: [
            "CREATE TABLE t1(a INTEGER)": .statementOK,
            "SELECT a FROM t1": integers([[3], [1], [2]]),
            "SELECT a, a FROM t1": integers([[3, 3], [1, 1], [2, 2]]),
            "SELECT 'x'": QueryOutcome(columnCount: 1, rows: [[.text("")]]),
            "SELECT 2.5": QueryOutcome(columnCount: 1, rows: [[.real(2.5)]]),
        ], errors: ["DROP TABLE nope": "Catalog Error: Table nope does not exist"])
        let text = """
            hash-threshold 4

            statement ok
            CREATE TABLE t1(a INTEGER)

            query I rowsort
            SELECT a FROM t1
            ----
            1
            2
            3

            query II rowsort
            SELECT a, a FROM t1
            ----
            6 values hashing to \(ResultComparison.hash(["1", "1", "2", "2", "3", "3"]))

            query T nosort
            SELECT 'x'
            ----
            (empty)

            query R nosort
            SELECT 2.5
            ----
            2.500

            statement error
            DROP TABLE nope

            query I nosort
            SELECT a FROM t1
            ----
            1
            2
            3

            statement ok
            DROP TABLE nope

            query II nosort
            SELECT a FROM t1
            ----
            """
        let summary = try SQLLogicTestRunner(engine: engine).run(file: text, name: "f.test")
        #expect(summary.executed == 9)
        #expect(summary.passed == 6)
        #expect(summary.failures.map(\.location.line) == [31, 38, 41])
        #expect(summary.failures.map(\.message) == [
            "row 1, column 1: expected \"1\", got \"3\"",
            "statement failed: Catalog Error: Table nope does not exist",
            "wrong number of result columns: expected 2, got 1",
        ])
    }

    @Test func conditionsHaltAndLabels() throws {
        let engine = ScriptedEngine(answers: [
            "SELECT 1": integers([[1]]), "SELECT 2": integers([[2]]), "SELECT 20 / 97": integers([[0]]),
        ])
        let text = """
            onlyif mysql
            query I rowsort label-1
            SELECT 20 DIV 97
            ----
            0

            skipif mysql # not compatible
            query I rowsort label-1
            SELECT 20 / 97
            ----
            0

            query I nosort label-2
            SELECT 1
            ----
            1

            query I nosort label-2
            SELECT 2
            ----
            2

            skipif sluice
            halt

            onlyif sluice
            halt

            query I nosort
            SELECT 1
            ----
            1
            """
        let summary = try SQLLogicTestRunner(engine: engine).run(file: text, name: "g.test")
        #expect(engine.executed == ["SELECT 20 / 97", "SELECT 1", "SELECT 2"])
        #expect(summary.skipped == 2)
        #expect(summary.failures.count == 1)
        #expect(summary.failures.first?.message.hasPrefix("label label-2: result hash") == true)
        #expect(summary.failures.first?.location == RecordLocation(file: "g.test", line: 18))
        #expect(summary.skipReasons == ["onlyif mysql": 1, "halt": 1])
    }

    @Test func unsupportedFeaturesAreSkippedWithTheirReason() throws {
        let engine = ScriptedEngine(answers: ["SELECT 1": integers([[1]])])
        let text = """
            statement ok
            CREATE  trigger t1r1 UPDATE ON t1 BEGIN SELECT 1; END;

            statement ok
            insert or replace INTO t1 VALUES(2, 'x')

            statement ok
            REPLACE INTO t1 VALUES(2, 'x')

            query I nosort
            SELECT 1
            ----
            1

            statement ok
            CREATE TABLE triggers(a INT)
            """
        let configuration = SQLLogicTestRunner.Configuration(unsupportedFeatures: SQLLogicTestRunner.UnsupportedFeature.sqliteOnly)
        let summary = try SQLLogicTestRunner(engine: engine, configuration: configuration).run(file: text, name: "u.test")
        #expect(engine.executed == ["SELECT 1", "CREATE TABLE triggers(a INT)"])
        #expect(summary.skipReasons == ["SQLite-only CREATE TRIGGER": 1, "SQLite-only REPLACE": 2])
        #expect(summary.skipped == 3)
    }

    @Test func duckDBLoopsRequireAndErrorMessages() throws {
        let engine = ScriptedEngine(
            answers: ["INSERT INTO t VALUES (0)": .statementOK, "INSERT INTO t VALUES (1)": .statementOK,
                      "SELECT 'INTEGER'": QueryOutcome(columnCount: 1, rows: [[.text("INTEGER")]]),
                      "SELECT 'BIGINT'": QueryOutcome(columnCount: 1, rows: [[.text("BIGINT")]])],
            errors: ["SELECT CAST('x' AS INT)": "Conversion Error: Could not convert string 'x' to INT32",
                     "SELECT bad": "Binder Error: column bad not found"])
        let text = """
            loop i 0 2

            statement ok
            INSERT INTO t VALUES (${i})

            endloop

            foreach type INTEGER BIGINT

            query T
            SELECT '{type}'
            ----
            {type}

            endloop

            statement error
            SELECT CAST('x' AS INT)
            ----
            Could not convert string

            statement error
            SELECT CAST('x' AS INT)
            ----
            <REGEX>:^Conversion Error: .* to INT\\d+$

            statement error
            SELECT bad
            ----
            Parser Error

            mode skip

            statement ok
            SELECT never

            mode unskip

            require tpch

            statement ok
            SELECT never
            """
        let summary = try SQLLogicTestRunner(engine: engine).run(file: text, name: "d.test")
        #expect(engine.executed.prefix(4) == ["INSERT INTO t VALUES (0)", "INSERT INTO t VALUES (1)", "SELECT 'INTEGER'", "SELECT 'BIGINT'"])
        #expect(!engine.executed.contains("SELECT never"))
        #expect(summary.passed == 6)
        #expect(summary.failures.map(\.message) == ["expected error \"Parser Error\", got \"Binder Error: column bad not found\""])
        #expect(summary.skipped == 2)
    }

    @Test func unbalancedLoopsAreErrors() {
        let engine = ScriptedEngine()
        #expect(throws: SQLLogicTestError.self) { try SQLLogicTestRunner(engine: engine).run(file: "loop i 0 2\n", name: "l.test") }
        #expect(throws: SQLLogicTestError.self) { try SQLLogicTestRunner(engine: engine).run(file: "endloop\n", name: "l.test") }
    }
}
