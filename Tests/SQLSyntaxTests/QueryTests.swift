import SQLSyntax
import Testing

@Suite struct QueryTests {
    private func query(_ sql: String) throws -> Query { try SQLParser.parseQuery(sql) }

    private func select(_ sql: String) throws -> Select {
        guard case .select(let select) = try query(sql).body else { throw ParserError(.syntaxError, "not a SELECT", at: .start) }
        return select
    }

    @Test func selectItemsAndAliases() throws {
        let parsed = try select("SELECT DISTINCT *, t.*, db.t.*, a AS x, b y, - 9 col2, c \"Quoted\" FROM t")
        #expect(parsed.quantifier == .distinct)
        let kinds = parsed.items.map(\.kind)
        #expect(kinds[0] == .wildcard(qualifier: []))
        #expect(kinds[1] == .wildcard(qualifier: [Identifier("t")]))
        #expect(kinds[2] == .wildcard(qualifier: [Identifier("db"), Identifier("t")]))
        #expect(kinds[3] == .expression(try SQLParser.parseExpression("a"), alias: Identifier("x")))
        #expect(kinds[4] == .expression(try SQLParser.parseExpression("b"), alias: Identifier("y")))
        #expect(kinds[5] == .expression(try SQLParser.parseExpression("- 9"), alias: Identifier("col2")))
        #expect(kinds[6] == .expression(try SQLParser.parseExpression("c"), alias: Identifier("Quoted", isQuoted: true)))
        #expect(try select("SELECT ALL 1").quantifier == .all)
    }

    @Test func clauses() throws {
        let parsed = try query("SELECT a, count(*) FROM t WHERE b > 1 GROUP BY 1, a HAVING count(*) > 2 ORDER BY 2 DESC NULLS FIRST, a LIMIT 10 OFFSET 5")
        guard case .select(let select) = parsed.body else { return }
        #expect(select.whereClause != nil)
        #expect(select.groupBy.count == 2)
        #expect(select.having != nil)
        #expect(parsed.orderBy.map(\.direction) == [.descending, nil])
        #expect(parsed.orderBy.map(\.nulls) == [.first, nil])
        #expect(parsed.limit == (try SQLParser.parseExpression("10")))
        #expect(parsed.offset == (try SQLParser.parseExpression("5")))
        let sqliteLimit = try query("SELECT a FROM t LIMIT 5, 10")
        #expect(sqliteLimit.offset == (try SQLParser.parseExpression("5")))
        #expect(sqliteLimit.limit == (try SQLParser.parseExpression("10")))
    }

    @Test func setOperationPrecedence() throws {
        // INTERSECT binds tighter: a UNION (b INTERSECT c).
        guard case .setOperation(let union) = try query("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3").body else {
            Issue.record("not a set operation")
            return
        }
        #expect(union.operator == .union)
        guard case .setOperation(let intersect) = union.right else {
            Issue.record("INTERSECT did not bind tighter")
            return
        }
        #expect(intersect.operator == .intersect)
        // UNION and EXCEPT are left-associative at one level: (a EXCEPT b) UNION ALL c.
        guard case .setOperation(let outer) = try query("SELECT 1 EXCEPT SELECT 2 UNION ALL SELECT 3").body,
              case .setOperation(let inner) = outer.left else {
            Issue.record("not left-associative")
            return
        }
        #expect(outer.operator == .union && outer.all)
        #expect(inner.operator == .except && !inner.all)
        guard case .setOperation(let parenthesized) = try query("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3").body,
              case .parenthesized = parenthesized.left else {
            Issue.record("parentheses ignored")
            return
        }
        #expect(parenthesized.operator == .intersect)
    }

    @Test func valuesAndWith() throws {
        guard case .values(let values) = try query("VALUES (1, 'a'), (2, 'b')").body else {
            Issue.record("not VALUES")
            return
        }
        #expect(values.rows.count == 2 && values.rows[0].count == 2)
        let with = try query("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3), s AS (SELECT 2) SELECT * FROM r, s").with
        #expect(with?.isRecursive == true)
        #expect(with?.tables.map(\.name.name) == ["r", "s"])
        #expect(with?.tables[0].columns == [Identifier("n")])
    }

    @Test func joins() throws {
        let from = try select("""
            SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (y) RIGHT JOIN d ON TRUE
            FULL OUTER JOIN e ON TRUE CROSS JOIN f, g NATURAL JOIN h
            """).from
        #expect(from.count == 2)
        var kinds: [Join.Kind] = []
        var reference = from[0]
        while case .join(let join) = reference.kind {
            kinds.insert(join.kind, at: 0)
            reference = join.left
        }
        #expect(kinds == [.inner, .left, .right, .full, .cross])
        guard case .join(let natural) = from[1].kind else { return }
        #expect(natural.condition == .natural)
        guard case .join(let semi) = try select("SELECT * FROM a LEFT SEMI JOIN b ON a.k = b.k").from[0].kind else { return }
        #expect(semi.kind == .semi)
    }

    @Test func tableReferences() throws {
        let from = try select("""
            SELECT * FROM db.t AS x, 'data/f.parquet' p, read_parquet('a.parquet'), read_csv('f.csv', header => true) c,
            (SELECT 1) AS s(one), (a JOIN b ON TRUE), LATERAL (SELECT 2) l
            """).from
        guard case .table(let name, nil, let alias) = from[0].kind else { Issue.record("table"); return }
        #expect(name.parts.map(\.name) == ["db", "t"])
        #expect(alias?.name == Identifier("x"))
        #expect(from[1].kind == .path("data/f.parquet", alias: TableAlias(name: Identifier("p"))))
        guard case .function(let call, nil) = from[2].kind else { Issue.record("function"); return }
        #expect(call.name.name.name == "read_parquet")
        guard case .function(let csv, let csvAlias) = from[3].kind else { Issue.record("function"); return }
        #expect(csv.arguments[1].name == Identifier("header"))
        #expect(csvAlias?.name == Identifier("c"))
        guard case .subquery(_, let subqueryAlias, false) = from[4].kind else { Issue.record("subquery"); return }
        #expect(subqueryAlias == TableAlias(name: Identifier("s"), columns: [Identifier("one")]))
        guard case .parenthesized(let inner, nil) = from[5].kind, case .join = inner.kind else {
            Issue.record("parenthesized join")
            return
        }
        guard case .subquery(_, _, true) = from[6].kind else { Issue.record("lateral"); return }
    }

    @Test func hudiTableFunctions() throws {
        let from = try select("SELECT * FROM hudi_table_changes('db.t', 'latest_state', '20240101000000', '20240102000000')").from
        guard case .function(let call, _) = from[0].kind else { Issue.record("function"); return }
        #expect(call.arguments.count == 4)
        let scan = try select("SELECT * FROM hudi_scan('s3://bucket/table') AS h").from
        guard case .function(let hudiScan, _) = scan[0].kind else { Issue.record("function"); return }
        #expect(hudiScan.name.name.name == "hudi_scan")
    }

    @Test func timeTravel() throws {
        let from = try select("""
            SELECT * FROM t TIMESTAMP AS OF '2024-01-01 00:00:00' AS old, u VERSION AS OF '20240101000000' v,
            w FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01', timestamp
            """).from
        guard case .table(_, let stamp?, let alias) = from[0].kind else { Issue.record("timestamp"); return }
        #expect(stamp == TimeTravel(kind: .timestamp, value: try SQLParser.parseExpression("'2024-01-01 00:00:00'")))
        #expect(alias?.name == Identifier("old"))
        guard case .table(_, let version?, let versionAlias) = from[1].kind else { Issue.record("version"); return }
        #expect(version.kind == .version)
        #expect(versionAlias?.name == Identifier("v"))
        guard case .table(_, let system?, nil) = from[2].kind else { Issue.record("system time"); return }
        #expect(system.kind == .systemTime)
        guard case .table(let plain, nil, nil) = from[3].kind else { Issue.record("a table named timestamp"); return }
        #expect(plain.name.name == "timestamp")
    }

    @Test func parenthesizedQueries() throws {
        let parsed = try query("((SELECT a FROM t ORDER BY a LIMIT 1)) ORDER BY 1")
        guard case .parenthesized(let inner) = parsed.body else { Issue.record("not parenthesized"); return }
        #expect(parsed.orderBy.count == 1)
        guard case .parenthesized(let innermost) = inner.body else { Issue.record("not nested"); return }
        #expect(innermost.limit != nil)
    }

    @Test func sqliteCorpusForms() throws {
        _ = try query("SELECT ALL + col2 * - col0 AS col1 FROM tab0 AS cor0 WHERE NOT ( NULL ) IS NOT NULL")
        _ = try query("SELECT DISTINCT - 20 DIV - 97 FROM tab0 WHERE NOT col1 IN ( 1, + 2, CAST ( NULL AS INTEGER ) )")
        _ = try query("SELECT * FROM tab1 cor0 CROSS JOIN tab2 AS cor1 WHERE NOT + cor1.col2 BETWEEN - 54 AND NULL")
        _ = try query("SELECT a+b*2, CASE WHEN c>(SELECT avg(c) FROM t1) THEN a*2 ELSE b*10 END FROM t1 ORDER BY 1,2")
    }
}
