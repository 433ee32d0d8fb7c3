import Columnar
import SQLPlanner
import Testing

/// What the optimizer does, read from EXPLAIN: pushed filters and projections, join order and build side,
/// top-N, constant folding.
@Suite struct OptimizerTests {
    static func engine() throws -> SQLEngine {
        let engine = SQLEngine()
        _ = try engine.execute("""
            CREATE TABLE big (k INT, v STRING, w DOUBLE);
            CREATE TABLE small (k INT, name STRING);
            INSERT INTO small VALUES (1, 'one'), (2, 'two');
            INSERT INTO big SELECT a.k, a.name, 1.5e0 FROM small a, small b, small c, small d;
            """)
        return engine
    }

    static func explain(_ engine: SQLEngine, _ sql: String) throws -> String {
        let result = try engine.execute("EXPLAIN " + sql)
        return result[0].rows.map { if case .string(let s) = $0[0] { s } else { "" } }.joined(separator: "\n")
    }

    @Test func filtersAndProjectionsReachTheScan() throws {
        let plan = try Self.explain(try Self.engine(), "SELECT v FROM big WHERE k = 1 + 1 AND w > 0")
        #expect(plan.contains("SCAN big projection=[v] filters=[k = 2 AND w > 0.0]"))
        #expect(!plan.contains("FILTER"))
    }

    @Test func commaJoinBecomesHashJoinBuildingTheSmallerSide() throws {
        let engine = try Self.engine()
        let plan = try Self.explain(engine, "SELECT name, v FROM small, big WHERE small.k = big.k AND name <> 'x'")
        let lines = plan.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let join = try #require(lines.firstIndex { $0.hasPrefix("HASH_JOIN inner") })
        // Probe (left) is big; build (right) is small, listed second.
        #expect(lines[join + 1].hasPrefix("SCAN big"))
        #expect(lines[join + 2].hasPrefix("SCAN small") && lines[join + 2].contains("filters=[name <> 'x']"))
        let rows = try engine.execute("SELECT count(*) FROM small, big WHERE small.k = big.k")[0].rows
        #expect(rows == [[.int(16)]])
    }

    @Test func orderByLimitIsTopN() throws {
        let engine = try Self.engine()
        let plan = try Self.explain(engine, "SELECT k FROM big ORDER BY w DESC, k LIMIT 3")
        #expect(plan.contains("TOP_N 3"))
        #expect(!plan.contains("ORDER BY"))
    }

    @Test func existsBecomesSemiJoin() throws {
        let plan = try Self.explain(try Self.engine(), "SELECT name FROM small WHERE EXISTS (SELECT 1 FROM big WHERE big.k = small.k)")
        #expect(plan.contains("HASH_JOIN semi"))
        #expect(!plan.contains("APPLY"))
    }

    @Test func nonEquiCorrelationFallsBackToApply() throws {
        let engine = try Self.engine()
        let sql = "SELECT k, (SELECT count(*) FROM small s WHERE s.k < small.k) FROM small ORDER BY k"
        #expect(try Self.explain(engine, sql).contains("APPLY scalar"))
        #expect(try engine.execute(sql)[0].rows == [[.int(1), .int(0)], [.int(2), .int(1)]])
    }
}
