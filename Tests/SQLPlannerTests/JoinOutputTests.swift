import Columnar
import SQLPlanner
import Testing

/// Join keys no ancestor reads are pruned from a join's output (a projection of plain columns over the join,
/// which the hash join emits directly): every join type keeps its rows, NULL padding and column names.
@Suite struct JoinOutputTests {
    static func engine() throws -> SQLEngine {
        let engine = SQLEngine()
        _ = try engine.execute("""
            CREATE TABLE a (k INT, x STRING);
            CREATE TABLE b (k INT, y STRING);
            CREATE TABLE c (y STRING, z INT);
            INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (3, 'a3');
            INSERT INTO b VALUES (2, 'p'), (3, 'q'), (4, 'r'), (3, 'p');
            INSERT INTO c VALUES ('p', 10), ('q', 20), ('s', 30);
            """)
        return engine
    }

    static func rows(_ engine: SQLEngine, _ sql: String) throws -> [[Value]] { try engine.execute(sql)[0].rows }

    @Test func innerJoinChainDropsKeysItNoLongerNeeds() throws {
        let engine = try Self.engine()
        let sql = "SELECT x, z FROM a, b, c WHERE a.k = b.k AND b.y = c.y ORDER BY x, z"
        let plan = try engine.execute("EXPLAIN " + sql)[0].rows.map { if case .string(let s) = $0[0] { s } else { "" } }
            .joined(separator: "\n").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // Below the top join, a projection keeps only what the next join and the SELECT read.
        let joins = plan.indices.filter { plan[$0].hasPrefix("HASH_JOIN") }
        #expect(joins.count == 2)
        #expect(joins.contains { $0 > 0 && plan[$0 - 1].hasPrefix("PROJECTION") })
        #expect(try Self.rows(engine, sql) == [[.string("a2"), .int(10)], [.string("a3"), .int(10)], [.string("a3"), .int(20)]])
    }

    @Test func outerJoinsKeepTheirPaddedRows() throws {
        let engine = try Self.engine()
        #expect(try Self.rows(engine, "SELECT x, y FROM a LEFT JOIN b ON a.k = b.k ORDER BY x, y") == [
            [.string("a1"), .null], [.string("a2"), .string("p")], [.string("a3"), .string("p")], [.string("a3"), .string("q")],
        ])
        #expect(try Self.rows(engine, "SELECT y, x FROM a RIGHT JOIN b ON a.k = b.k ORDER BY y, x") == [
            [.string("p"), .string("a2")], [.string("p"), .string("a3")], [.string("q"), .string("a3")], [.string("r"), .null],
        ])
        #expect(try Self.rows(engine, "SELECT x, y FROM a FULL JOIN b ON a.k = b.k ORDER BY x NULLS LAST, y") == [
            [.string("a1"), .null], [.string("a2"), .string("p")], [.string("a3"), .string("p")], [.string("a3"), .string("q")],
            [.null, .string("r")],
        ])
    }

    @Test func narrowedJoinKeepsColumnNames() throws {
        let engine = try Self.engine()
        let result = try engine.execute("SELECT y AS why, x FROM a JOIN b ON a.k = b.k ORDER BY x, why")[0]
        #expect(result.schema.fields.map(\.name) == ["why", "x"])
        _ = try engine.execute("CREATE TABLE d AS SELECT x, y FROM a JOIN b ON a.k = b.k")
        #expect(try Self.rows(engine, "SELECT x, y FROM d ORDER BY x, y") == [
            [.string("a2"), .string("p")], [.string("a3"), .string("p")], [.string("a3"), .string("q")],
        ])
    }
}
