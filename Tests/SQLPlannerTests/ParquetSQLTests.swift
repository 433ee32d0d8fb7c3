import Foundation
import Sluice
import Testing
import TestSupport

/// read_parquet and quoted paths over the shared corpus, checked against DuckDB on the same file. (NULLs sort
/// first ascending in Sluice, as in Spark; last in DuckDB: queries say which they want.)
@Suite(.enabled(if: SharedCorpus.has("parquet/generated") && DevPython.available, "needs ../shared/corpus/parquet and the project .venv"))
struct ParquetSQLTests {
    static let file = SharedCorpus.path("parquet/generated/logical/logical-v2.parquet")
    static let python = DevPython.path ?? "python3"

    /// DuckDB's answer as text lines, one row per line, values joined by `|`.
    static func duckdb(_ sql: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        let script = "import duckdb\nfor r in duckdb.sql(\"\"\"\(sql)\"\"\").fetchall(): print('|'.join('NULL' if v is None else str(v) for v in r))"
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func sluice(_ sql: String) throws -> [String] {
        let engine = SQLEngine(tableFunctions: FileTableFunctions())
        let result = try engine.execute(sql)[0]
        return result.rows.map { row in
            row.map { v in
                switch v {
                case .null: "NULL"
                case .int(let i): String(i)
                case .uint(let u): String(u)
                case .float(let d): String(d)
                case .string(let s): s
                default: "\(v)"
                }
            }.joined(separator: "|")
        }
    }

    @Test(arguments: [
        "SELECT count(*), sum(int8), min(int64), max(string) FROM read_parquet('\(file)') WHERE int32 > 0",
        "SELECT req_string, int16 FROM '\(file)' WHERE int16 IS NOT NULL ORDER BY int16 DESC, req_string LIMIT 5",
        "SELECT int8 % 3 AS m, count(*) FROM read_parquet('\(file)') GROUP BY 1 ORDER BY 1 NULLS LAST",
    ])
    func matchesDuckDB(_ sql: String) throws {
        #expect(try Self.sluice(sql) == Self.duckdb(sql))
    }

    static let nested = SharedCorpus.path("parquet/generated/nested/nested-v2-zstd.parquet")

    @Test("struct fields, list and map elements of a nested file", arguments: [
        "SELECT id, \"struct\".a, \"struct\".c.d, \"struct\".c.e[1], list_i32[1], list_i32[-1], array_length(list_str) FROM '\(nested)' ORDER BY id",
        "SELECT id, list_list_i64[1][2], list_struct[1].x, list_struct[2].y, map_str_i64['k0'] FROM '\(nested)' WHERE \"struct\".a > 0 ORDER BY id",
        "SELECT \"struct\".b, count(*) FROM '\(nested)' GROUP BY \"struct\".b ORDER BY 2 DESC, 1 NULLS FIRST LIMIT 5",
    ])
    func nestedMatchesDuckDB(_ sql: String) throws {
        #expect(try Self.sluice(sql) == Self.duckdb(sql))
    }
}
