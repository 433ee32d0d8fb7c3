import SQLSyntax
import Testing

@Suite struct StatementTests {
    private func statement(_ sql: String) throws -> Statement.Kind { try SQLParser.parseStatement(sql).kind }

    private func expression(_ sql: String) throws -> Expression { try SQLParser.parseExpression(sql) }

    @Test func createHudiTable() throws {
        let sql = """
            CREATE TABLE IF NOT EXISTS db.trips (
              id BIGINT NOT NULL, rider STRING COMMENT 'who', fare DECIMAL(10, 2), ts TIMESTAMP,
              tags ARRAY<STRING>, attrs MAP<STRING, INT>, loc STRUCT<lat: DOUBLE, lon: DOUBLE>, city STRING
            ) USING hudi PARTITIONED BY (city)
            TBLPROPERTIES (type = 'cow', primaryKey = 'id', preCombineField = 'ts', 'hoodie.index.type' = 'BLOOM')
            LOCATION 's3://bucket/trips'
            """
        guard case .createTable(let table) = try statement(sql) else { Issue.record("not CREATE TABLE"); return }
        #expect(table.ifNotExists)
        #expect(table.name.description == "db.trips")
        #expect(table.columns.map(\.name.name) == ["id", "rider", "fare", "ts", "tags", "attrs", "loc", "city"])
        #expect(table.columns[0].notNull)
        #expect(table.columns[1].comment == "who")
        #expect(table.columns[2].type == .decimal(precision: 10, scale: 2))
        #expect(table.columns[4].type == .array(.string))
        #expect(table.columns[5].type == .map(key: .string, value: .integer(unsigned: false)))
        #expect(table.columns[6].type == .struct([StructField(name: Identifier("lat"), type: .double),
                                                  StructField(name: Identifier("lon"), type: .double)]))
        #expect(table.using == Identifier("hudi"))
        #expect(table.partitionedBy == [Identifier("city")])
        #expect(table.properties.map(\.key) == ["type", "primaryKey", "preCombineField", "hoodie.index.type"])
        #expect(table.path == "s3://bucket/trips")
    }

    @Test func createTableVariants() throws {
        guard case .createTable(let keyed) = try statement("CREATE TABLE t (a INT PRIMARY KEY, b TEXT UNIQUE, c) PRIMARY KEY (a)")
        else { return }
        #expect(keyed.columns[0].primaryKey)
        #expect(keyed.columns[1].unique)
        #expect(keyed.columns[2].type == nil)
        #expect(keyed.constraints == [.primaryKey([Identifier("a")])])
        guard case .createTable(let sqlite) = try statement("CREATE TABLE t1(a INTEGER, b VARCHAR(8), c FLOAT, UNIQUE (a, b))")
        else { return }
        #expect(sqlite.columns.map(\.type) == [.integer(unsigned: false), .varchar(length: 8), .float])
        #expect(sqlite.constraints == [.unique([Identifier("a"), Identifier("b")])])
        guard case .createTable(let ctas) = try statement("CREATE OR REPLACE TABLE t USING parquet AS SELECT 1 AS x")
        else { return }
        #expect(ctas.orReplace && ctas.query != nil && ctas.columns.isEmpty)
        guard case .createTable(let nested) = try statement("CREATE TABLE n (x ARRAY<ARRAY<INT>>, y MAP<STRING, ARRAY<INT>>)")
        else { return }
        #expect(nested.columns[0].type == .array(.array(.integer(unsigned: false))))
        #expect(nested.columns[1].type == .map(key: .string, value: .array(.integer(unsigned: false))))
    }

    @Test(arguments: [
        ("BOOLEAN", SQLType.boolean), ("TINYINT", .tinyint(unsigned: false)), ("SMALLINT", .smallint(unsigned: false)),
        ("INT", .integer(unsigned: false)), ("INTEGER UNSIGNED", .integer(unsigned: true)),
        ("BIGINT", .bigint(unsigned: false)), ("FLOAT", .float), ("REAL", .real), ("DOUBLE", .double),
        ("DOUBLE PRECISION", .double), ("DECIMAL", .decimal(precision: nil, scale: nil)),
        ("NUMERIC(5)", .decimal(precision: 5, scale: nil)), ("STRING", .string), ("TEXT", .string),
        ("VARCHAR(10)", .varchar(length: 10)), ("CHAR(3)", .char(length: 3)), ("BINARY", .binary), ("BLOB", .binary),
        ("DATE", .date), ("TIMESTAMP", .timestamp), ("TIMESTAMP_NTZ", .timestampNTZ),
        ("TIMESTAMP WITHOUT TIME ZONE", .timestampNTZ), ("INT[]", .array(.integer(unsigned: false))),
        ("SIGNED", .named("SIGNED", parameters: [])), ("nvarchar(20)", .named("NVARCHAR", parameters: [20])),
    ])
    func types(sql: String, type: SQLType) throws {
        #expect(try SQLParser.parseType(sql) == type)
    }

    @Test func viewsIndexesDrops() throws {
        guard case .createView(let view) = try statement("CREATE TEMP VIEW v (a) AS SELECT x FROM t WHERE x > 0") else { return }
        #expect(view.isTemporary && view.columns == [Identifier("a")])
        guard case .createIndex(let index) = try statement("CREATE UNIQUE INDEX i ON t (x, y DESC)") else { return }
        #expect(index.isUnique && index.columns.count == 2)
        #expect(try statement("DROP TABLE IF EXISTS db.t PURGE")
                == .drop(Drop(objectKind: .table, ifExists: true, name: QualifiedName([Identifier("db"), Identifier("t")]), purge: true)))
        #expect(try statement("DROP VIEW v") == .drop(Drop(objectKind: .view, name: QualifiedName([Identifier("v")]))))
        #expect(try statement("DROP INDEX t1i1;") == .drop(Drop(objectKind: .index, name: QualifiedName([Identifier("t1i1")]))))
    }

    @Test func alterTable() throws {
        guard case .alterTable(let add) = try statement("ALTER TABLE t ADD COLUMNS (a INT, b STRING)"),
              case .addColumns(let columns) = add.action else { Issue.record("ADD COLUMNS"); return }
        #expect(columns.count == 2)
        guard case .alterTable(let single) = try statement("ALTER TABLE t ADD COLUMN c DOUBLE"),
              case .addColumns(let one) = single.action else { Issue.record("ADD COLUMN"); return }
        #expect(one.map(\.type) == [.double])
        guard case .alterTable(let retype) = try statement("ALTER TABLE t ALTER COLUMN a TYPE BIGINT") else { return }
        #expect(retype.action == .alterColumnType(column: [Identifier("a")], type: .bigint(unsigned: false)))
    }

    @Test func showAndDescribe() throws {
        #expect(try statement("SHOW TABLES") == .showTables(database: nil))
        #expect(try statement("SHOW TABLES IN db") == .showTables(database: QualifiedName([Identifier("db")])))
        #expect(try statement("SHOW CREATE TABLE t") == .showCreateTable(QualifiedName([Identifier("t")])))
        #expect(try statement("DESCRIBE EXTENDED t") == .describe(QualifiedName([Identifier("t")]), extended: true))
        #expect(try statement("DESC t") == .describe(QualifiedName([Identifier("t")]), extended: false))
    }

    @Test func insertUpdateDelete() throws {
        guard case .insert(let insert) = try statement("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')") else { return }
        #expect(insert.columns == [Identifier("a"), Identifier("b")] && !insert.overwrite)
        guard case .insert(let overwrite) = try statement("INSERT OVERWRITE TABLE t SELECT * FROM s") else { return }
        #expect(overwrite.overwrite && overwrite.columns.isEmpty)
        guard case .insert(let parenthesized) = try statement("INSERT INTO t (SELECT 1)") else { return }
        #expect(parenthesized.columns.isEmpty)
        guard case .update(let update) = try statement("UPDATE t SET x = x + 2, y = 'a' WHERE x > 0") else { return }
        #expect(update.assignments.map(\.column) == [[Identifier("x")], [Identifier("y")]])
        #expect(update.whereClause == (try expression("x > 0")))
        guard case .delete(let delete) = try statement("DELETE FROM t AS a WHERE a.x = 1") else { return }
        #expect(delete.alias == Identifier("a") && delete.whereClause != nil)
    }

    @Test func merge() throws {
        let sql = """
            MERGE INTO target AS t USING (SELECT * FROM updates) AS s ON t.id = s.id
            WHEN MATCHED AND s.op = 'D' THEN DELETE
            WHEN MATCHED THEN UPDATE SET *
            WHEN MATCHED AND s.x > 1 THEN UPDATE SET t.x = s.x, y = 2
            WHEN NOT MATCHED AND s.op <> 'D' THEN INSERT (id, x) VALUES (s.id, s.x)
            WHEN NOT MATCHED THEN INSERT *
            """
        guard case .merge(let merge) = try statement(sql) else { Issue.record("not MERGE"); return }
        #expect(merge.targetAlias == Identifier("t"))
        #expect(merge.clauses.map(\.matched) == [true, true, true, false, false])
        #expect(merge.clauses[0].action == .delete)
        #expect(merge.clauses[1].action == .updateAll)
        guard case .update(let assignments) = merge.clauses[2].action else { return }
        #expect(assignments.map(\.column) == [[Identifier("t"), Identifier("x")], [Identifier("y")]])
        #expect(merge.clauses[3].action == .insert(columns: [Identifier("id"), Identifier("x")],
                                                   values: [try expression("s.id"), try expression("s.x")]))
        #expect(merge.clauses[4].action == .insertAll)
    }

    @Test func callExplainCopySet() throws {
        guard case .call(let call) = try statement("CALL show_commits(table => 'db.t', limit => 10)") else { return }
        #expect(call.arguments.map(\.name?.name) == ["table", "limit"])
        guard case .explain(let explain) = try statement("EXPLAIN ANALYZE SELECT 1") else { return }
        #expect(explain.analyze)
        guard case .copy(let out) = try statement("COPY (SELECT * FROM t) TO 'out.parquet' (FORMAT parquet, COMPRESSION 'zstd')")
        else { return }
        #expect(out.direction == .to && out.path == "out.parquet")
        #expect(out.options.map(\.name.name) == ["FORMAT", "COMPRESSION"])
        guard case .copy(let into) = try statement("COPY t FROM 'in.csv' (HEADER, DELIMITER '|')") else { return }
        #expect(into.direction == .from && into.options[0].value == nil)
        #expect(throws: ParserError.self) { try SQLParser.parseStatement("COPY (SELECT 1) FROM 'x'") }
        #expect(try statement("SET hoodie.datasource.write.operation = 'upsert'") == .set(
            name: QualifiedName(["hoodie", "datasource", "write", "operation"].map { Identifier($0) }),
            value: try expression("'upsert'")))
        #expect(try statement("SET threads TO 4") == .set(name: QualifiedName([Identifier("threads")]), value: try expression("4")))
        #expect(try statement("BEGIN TRANSACTION") == .transaction(.begin))
        #expect(try statement("COMMIT") == .transaction(.commit))
        #expect(try statement("ROLLBACK") == .transaction(.rollback))
    }

    @Test func scripts() throws {
        let statements = try SQLParser.parse("CREATE TABLE t(a INT);; INSERT INTO t VALUES (1);\nSELECT * FROM t -- done\n")
        #expect(statements.count == 3)
        #expect(statements[2].location == SourceLocation(offset: 50, line: 2, column: 1))
        #expect(throws: ParserError.self) { try SQLParser.parse("SELECT 1 SELECT 2") }
    }
}
