import SQLSyntax
import Testing

/// `parse(format(parse(x))) == parse(x)` for every construct, plus exact output where it matters (EXPLAIN and
/// SHOW CREATE TABLE print through the formatter).
@Suite struct FormatterTests {
    static let statements = [
        "SELECT DISTINCT a, t.*, *, b AS \"Mixed\", c x FROM db.t AS t WHERE a > 1 AND NOT b IS NULL",
        "SELECT a, count(*) FROM t GROUP BY 1, a HAVING count(DISTINCT b) > 2 ORDER BY 2 DESC NULLS LAST LIMIT 3 OFFSET 1",
        "SELECT - - 1, - (-1), + + a, ~ b, -a * -b, (a + b) * c, a - (b - c), a - b - c, a / (b * c)",
        "SELECT a = (b = c), (a = b) = c, a < (b < c), NOT NOT a, (NOT a) IS NULL, a IS NOT DISTINCT FROM b + 1",
        "SELECT a BETWEEN b AND c + 1, a NOT BETWEEN (b = 1) AND 2, a IN (1, 2), a NOT IN (SELECT b FROM u), a IN ()",
        "SELECT a LIKE 'x%' ESCAPE '!', a NOT ILIKE b, a GLOB '*', a IS TRUE, a IS NOT FALSE, EXISTS (SELECT 1)",
        "SELECT CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END, CASE a WHEN 1 THEN 'one' END, (SELECT max(x) FROM t)",
        "SELECT CAST(a AS DECIMAL(10, 2)), TRY_CAST(b AS INT), c::BIGINT, (a + b)::STRING, -a::INT, (-a)::INT",
        "SELECT 1.5, 1e10, 'it''s', X'00ff', TRUE, NULL, DATE '2024-01-01', TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP_NTZ '2024-01-01'",
        "SELECT INTERVAL '1' DAY, INTERVAL '2 hours', INTERVAL 3 MONTH, d + INTERVAL '1' YEAR",
        "SELECT a.b.c, (a).b, m['k'], arr[1].f, s.\"select\", t.order, EXTRACT(year FROM d), substring(s, 1, 2), left(s, 2)",
        "SELECT sum(x) FILTER (WHERE x > 0), row_number() OVER (PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
        "SELECT avg(x) OVER (ORDER BY d RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING), rank() OVER w, f() OVER (ROWS 2 PRECEDING)",
        "SELECT (a, b), [1, 2], name COLLATE NOCASE, a || b || c, a & b | c ^ d, a << 2 >> 1, a % b DIV c",
        "SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (y) RIGHT JOIN d ON TRUE FULL JOIN e ON TRUE CROSS JOIN f",
        "SELECT * FROM a NATURAL JOIN b, a SEMI JOIN b ON TRUE, a ANTI JOIN b ON TRUE, (a JOIN b ON TRUE) AS j",
        "SELECT * FROM 'data/x.parquet', read_csv('f.csv', header => true) AS c(a, b), LATERAL (SELECT 1) AS l",
        "SELECT * FROM t TIMESTAMP AS OF '2024-01-01', u VERSION AS OF '20240101' AS v, w FOR SYSTEM_TIME AS OF now()",
        "SELECT * FROM hudi_table_changes('db.t', 'latest_state', '20240101000000')",
        "SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4",
        "(SELECT 1 UNION SELECT 2) INTERSECT (SELECT 3 ORDER BY 1 LIMIT 1)",
        "VALUES (1, 'a'), (2, 'b')",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r",
        "CREATE TABLE IF NOT EXISTS db.t (id BIGINT NOT NULL PRIMARY KEY, name STRING COMMENT 'n', p DECIMAL(10, 2), m MAP<STRING, ARRAY<INT>>, s STRUCT<a: INT, b: STRING>) USING hudi PARTITIONED BY (name) TBLPROPERTIES ('primaryKey' = 'id', 'type' = 'cow') LOCATION '/tmp/t' COMMENT 'table'",
        "CREATE TABLE t1(a INTEGER, b VARCHAR(8), c, d TEXT UNIQUE DEFAULT 'x', UNIQUE (a, b), PRIMARY KEY (a))",
        "CREATE OR REPLACE TEMPORARY TABLE t OPTIONS (path = 'x') AS SELECT 1 AS x",
        "CREATE VIEW IF NOT EXISTS v (a, b) AS SELECT 1, 2",
        "CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a, b DESC)",
        "DROP TABLE IF EXISTS t PURGE", "DROP VIEW v CASCADE", "DROP INDEX i",
        "ALTER TABLE t ADD COLUMNS (a INT, b STRING NOT NULL)", "ALTER TABLE t ALTER COLUMN a.b TYPE BIGINT",
        "ALTER TABLE t RENAME TO u", "ALTER TABLE t DROP COLUMNS (a, b)",
        "INSERT INTO t (a, b) VALUES (1, 2)", "INSERT OVERWRITE TABLE t SELECT * FROM s", "INSERT INTO t (SELECT 1)",
        "INSERT OVERWRITE TABLE t PARTITION (dt = '2024-01-01', h) SELECT a, h FROM s",
        "INSERT INTO t PARTITION (p = 1) (b, a) VALUES (1, 2)", "ALTER TABLE t RENAME COLUMN a.b TO c",
        "SELECT g, string_agg(DISTINCT x, ',' ORDER BY y DESC NULLS LAST, z), array_agg(x ORDER BY y) FROM t GROUP BY g",
        "UPDATE t AS x SET a = a + 1, b.c = 'x' WHERE x.id = 1", "DELETE FROM t WHERE a IN (1, 2)",
        "MERGE INTO t AS x USING s ON x.id = s.id WHEN MATCHED AND s.d THEN DELETE WHEN MATCHED THEN UPDATE SET * WHEN MATCHED THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id) WHEN NOT MATCHED THEN INSERT *",
        "SHOW TABLES", "SHOW TABLES IN db", "SHOW CREATE TABLE t", "DESCRIBE EXTENDED t", "DESCRIBE t",
        "CALL run_clean(table => 'db.t', retain_commits => 3)", "EXPLAIN ANALYZE SELECT 1", "EXPLAIN DELETE FROM t",
        "COPY (SELECT 1) TO 'x.parquet' (FORMAT parquet, ROW_GROUP_SIZE 1000)", "COPY t (a, b) FROM 'x.csv' (HEADER, DELIMITER ',')",
        "SET a.b.c = 'v'", "BEGIN", "COMMIT", "ROLLBACK",
    ]

    @Test(arguments: statements)
    func roundTrip(sql: String) throws {
        let parsed = try SQLParser.parseStatement(sql)
        let printed = SQLFormatter.statement(parsed)
        #expect(try SQLParser.parseStatement(printed) == parsed, "\(printed)")
        #expect(SQLFormatter.statement(try SQLParser.parseStatement(printed)) == printed)
    }

    @Test(arguments: [
        ("select a+b*c from t where x=1 and (y=2 or z=3)", "SELECT a + b * c FROM t WHERE x = 1 AND (y = 2 OR z = 3)"),
        ("SELECT - - 71", "SELECT - -71"),
        ("SELECT listagg(x, ',') WITHIN GROUP (ORDER BY y DESC) FROM t", "SELECT listagg(x, ',' ORDER BY y DESC) FROM t"),
        ("SELECT (a+b)*c, a-(b-c), (a-b)-c", "SELECT (a + b) * c, a - (b - c), a - b - c"),
        ("select x from t order by x desc limit 1", "SELECT x FROM t ORDER BY x DESC LIMIT 1"),
        ("SELECT a <> b, a != b, a == b", "SELECT a <> b, a <> b, a = b"),
        ("select * from a inner join b on a.k=b.k", "SELECT * FROM a JOIN b ON a.k = b.k"),
        ("SELECT \"select\", \"a\"\"b\" FROM t", "SELECT \"select\", \"a\"\"b\" FROM t"),
        ("SELECT 'x''\u{301}y'", "SELECT 'x''\u{301}y'"),
        ("create table t (a int, b string) using hudi tblproperties (primaryKey='a')",
         "CREATE TABLE t (a INTEGER, b STRING) USING hudi TBLPROPERTIES ('primaryKey' = 'a')"),
    ])
    func exactOutput(sql: String, printed: String) throws {
        #expect(SQLFormatter.statement(try SQLParser.parseStatement(sql)) == printed)
    }

    @Test func builtTreesQuoteWhatNeedsIt() {
        let column = Expression(.column([Identifier("from"), Identifier("my col")]))
        #expect(column.description == "\"from\".\"my col\"")
        let sum = Expression(.binary(.multiply, Expression(.binary(.add, Expression(.literal(.integer("1"))),
                                                                         Expression(.literal(.integer("2"))))),
                                     Expression(.literal(.integer("3")))))
        #expect(sum.description == "(1 + 2) * 3")
        #expect(SQLType.struct([StructField(name: Identifier("a"), type: .array(.string))]).description == "STRUCT<a: ARRAY<STRING>>")
    }
}
