import Columnar
import SQLPlanner
import Testing

/// Aggregate arguments sharing an arithmetic subtree compute it once, in a projection below the aggregate
/// (TPC-H Q1's `l_extendedprice * (1 - l_discount)`), with the results of computing it per aggregate; a
/// subtree only ever under a CASE stays there, so rows the CASE skips are never evaluated.
@Suite struct CommonSubexpressionTests {
    static func engine() throws -> SQLEngine {
        let engine = SQLEngine()
        _ = try engine.execute("""
            CREATE TABLE items (flag STRING, price DECIMAL(15,2), discount DECIMAL(15,2), tax DECIMAL(15,2));
            INSERT INTO items VALUES ('A', 100.50, 0.05, 0.08), ('A', 20.00, 0.10, 0.00), ('N', 7.25, 0.00, 0.02),
                                     ('N', NULL, 0.01, 0.01), ('R', 3.00, 1.00, 0.06);
            """)
        return engine
    }

    static func explain(_ engine: SQLEngine, _ sql: String) throws -> [String] {
        try engine.execute("EXPLAIN " + sql)[0].rows.map { if case .string(let s) = $0[0] { s } else { "" } }
            .joined(separator: "\n").split(separator: "\n").map(String.init)
    }

    @Test func sharedProductIsComputedOnceWithTheSameResults() throws {
        let engine = try Self.engine()
        let sql = """
            SELECT flag, sum(price * (1 - discount)) AS a, sum(price * (1 - discount) * (1 + tax)) AS b, avg(price)
            FROM items GROUP BY flag ORDER BY flag
            """
        let plan = try Self.explain(engine, sql)
        let aggregate = try #require(plan.first { $0.contains("AGGREGATE") })
        // The product appears once below the aggregate; the aggregate multiplies its column by (1 + tax) only.
        #expect(aggregate.components(separatedBy: " * ").count == 2)
        #expect(plan.contains { $0.contains("PROJECTION") && $0.contains(" * ") })
        let together = try engine.execute(sql)[0].rows
        let a = try engine.execute("SELECT flag, sum(price * (1 - discount)) FROM items GROUP BY flag ORDER BY flag")[0].rows
        let b = try engine.execute("SELECT flag, sum(price * (1 - discount) * (1 + tax)) FROM items GROUP BY flag ORDER BY flag")[0].rows
        #expect(together.map { [$0[0], $0[1], $0[2]] } == zip(a, b).map { [$0[0], $0[1], $1[1]] })
        #expect(together.map { $0[1] } == [.decimal(1_134_750), .decimal(72_500), .decimal(0)])
    }

    @Test func subtreesOnlyUnderCaseStayConditional() throws {
        let engine = try Self.engine()
        let sql = """
            SELECT sum(CASE WHEN discount < 1 THEN price / (1 - discount) END),
                   max(CASE WHEN discount < 1 THEN price / (1 - discount) END) FROM items
            """
        let plan = try Self.explain(engine, sql)
        #expect(!plan.contains { $0.contains("PROJECTION") && $0.contains(" / ") })
        // Row 'R' has discount 1: hoisting the division would divide by zero.
        let rows = try engine.execute(sql)[0].rows
        #expect(rows.count == 1 && rows[0][0] != .null)
    }
}
