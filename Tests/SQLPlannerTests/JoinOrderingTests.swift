import SQLPlanner
import Testing

/// Join planning read from EXPLAIN: cardinality-based order with no cross product where a predicate
/// connects, the smaller side building, semi joins moved onto the relation they filter, and results that
/// do not depend on the written order.
@Suite struct JoinOrderingTests {
    static func engine() throws -> SQLEngine {
        let engine = SQLEngine()
        _ = try engine.execute("""
            CREATE TABLE digit (x INT);
            INSERT INTO digit VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
            CREATE TABLE region (r_key INT, r_name STRING);
            INSERT INTO region VALUES (0, 'east'), (1, 'west'), (2, 'north');
            CREATE TABLE nation (n_key INT, n_region INT, n_name STRING);
            INSERT INTO nation SELECT x, x % 3, 'n' || CAST(x AS STRING) FROM digit WHERE x < 6;
            CREATE TABLE supp (s_key INT, s_nation INT);
            INSERT INTO supp SELECT a.x * 10 + b.x, (a.x * 10 + b.x) % 6 FROM digit a, digit b WHERE a.x < 3;
            CREATE TABLE cust (c_key INT, c_nation INT);
            INSERT INTO cust SELECT a.x * 10 + b.x, (a.x + b.x) % 6 FROM digit a, digit b;
            CREATE TABLE sale (o_cust INT, o_supp INT, o_amount INT);
            INSERT INTO sale SELECT (a.x * 100 + b.x * 10 + c.x) % 100, (a.x * 7 + b.x * 3 + c.x) % 30, c.x
              FROM digit a, digit b, digit c;
            """)
        return engine
    }

    static func explain(_ engine: SQLEngine, _ sql: String) throws -> [String] {
        let result = try engine.execute("EXPLAIN " + sql)
        return result[0].rows.map { if case .string(let s) = $0[0] { s } else { "" } }
            .joined(separator: "\n").split(separator: "\n").map(String.init)
    }

    static let starQuery = """
        SELECT n_name, sum(o_amount), count(*) FROM cust, sale, supp, nation, region
        WHERE c_key = o_cust AND o_supp = s_key AND c_nation = s_nation AND s_nation = n_key AND n_region = r_key
          AND r_name = 'east' GROUP BY n_name ORDER BY n_name
        """

    @Test func everyJoinHasACondition() throws {
        let engine = try Self.engine()
        let plan = try Self.explain(engine, Self.starQuery)
        #expect(!plan.contains { $0.contains("NESTED_LOOP_JOIN") })
        #expect(plan.filter { $0.contains("HASH_JOIN inner") }.count == 4)
        // The fact table is never a build side: it is the first (probe) input of the join directly above it.
        let sale = try #require(plan.firstIndex { $0.contains("SCAN sale") })
        let depth = plan[sale].prefix { $0 == " " }.count
        let parent = try #require(plan[..<sale].lastIndex { $0.prefix { $0 == " " }.count < depth })
        #expect(parent == sale - 1)
        let rows = try engine.execute(Self.starQuery)[0].rows
        #expect(rows == [[.string("n0"), .int(124), .int(28)], [.string("n3"), .int(137), .int(31)]])
    }

    @Test func writtenOrderDoesNotChangeTheResult() throws {
        let engine = try Self.engine()
        let reordered = Self.starQuery.replacingOccurrences(of: "cust, sale, supp, nation, region",
                                                            with: "region, nation, supp, sale, cust")
        #expect(try engine.execute(reordered)[0].rows == engine.execute(Self.starQuery)[0].rows)
    }

    @Test func inSubqueryFiltersItsRelationBeforeTheJoin() throws {
        let engine = try Self.engine()
        let sql = """
            SELECT c_key, sum(o_amount), count(*) FROM cust, sale
            WHERE c_key = o_cust AND o_cust IN (SELECT s_key FROM supp WHERE s_nation = 1) GROUP BY c_key ORDER BY c_key
            """
        let plan = try Self.explain(engine, sql)
        let inner = try #require(plan.firstIndex { $0.contains("HASH_JOIN inner") })
        let semi = try #require(plan.firstIndex { $0.contains("HASH_JOIN semi") })
        #expect(semi > inner)
        let rows = try engine.execute(sql)[0].rows
        #expect(rows == [(1, 10), (7, 70), (13, 30), (19, 90), (25, 50)].map { [.int($0), .int($1), .int(10)] })
    }

    @Test func unconnectedRelationIsCrossJoinedLast() throws {
        let engine = try Self.engine()
        let sql = "SELECT count(*) FROM region, sale, digit WHERE o_supp = x"
        let plan = try Self.explain(engine, sql)
        let cross = try #require(plan.firstIndex { $0.contains("NESTED_LOOP_JOIN") })
        let hash = try #require(plan.firstIndex { $0.contains("HASH_JOIN inner") })
        #expect(cross < hash)
        #expect(try engine.execute(sql)[0].rows == [[.int(1002)]])
    }
}

/// SQLite's select5 joins up to 64 tables. 64 relations fit the planner's bit masks; past that, inputs are joined
/// in written order with each predicate at the first join that has its columns. Either way no cross product
/// forms where a predicate connects (2 rows per table: a cross product of 64 would never finish).
@Suite struct WideJoinTests {
    static func chain(_ n: Int) -> String {
        let from = (1...n).map { "(VALUES (1), (2)) t\($0)(a\($0))" }.joined(separator: ", ")
        let predicates = (1..<n).map { "a\($0) = a\($0 + 1)" }.joined(separator: " AND ")
        return "SELECT count(*), sum(a1) FROM \(from) WHERE \(predicates)"
    }

    @Test(arguments: [64, 70])
    func wideChainJoinsWithoutCrossProducts(_ n: Int) throws {
        let engine = SQLEngine()
        let plan = try JoinOrderingTests.explain(engine, Self.chain(n))
        try #require(!plan.contains { $0.contains("NESTED_LOOP_JOIN") })  // else running it would not end
        #expect(try engine.execute(Self.chain(n))[0].rows == [[.int(2), .int(3)]])
    }
}
