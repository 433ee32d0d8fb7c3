import Columnar
import SQLExecution
import SQLPlanner
import SQLSyntax

/// `--transform "SELECT ... FROM source"`: one SQL query run by the SQL engine over each batch as table
/// `source`; its result is what the commit writes (and what `--expect` checks).
final class BatchTransform {
    let sql: String
    private let engine: SQLEngine
    private let table: MemoryTable
    private let query: Statement
    /// The result's columns.
    let schema: Schema

    init(sql: String, input: Schema) throws {
        self.sql = sql
        let catalog = MemoryCatalog()
        guard let table = try catalog.create("source", schema: input) as? MemoryTable else {
            throw IngestError(.invalidOption, "the SQL catalog did not give a memory table for 'source'")
        }
        let statements: [Statement]
        do {
            statements = try SQLParser.parse(sql)
        } catch {
            throw IngestError(.invalidOption, "--transform '\(sql)': \(error)")
        }
        guard statements.count == 1, case .query = statements[0].kind else {
            throw IngestError(.invalidOption, "--transform takes one SELECT over 'source', not '\(sql)'")
        }
        (engine, self.table, query) = (SQLEngine(catalog: catalog), table, statements[0])
        schema = try BatchTransform.run(engine, query, sql: sql).schema
    }

    /// The query's result over `batch`, as dense batches.
    func apply(_ batch: Batch) throws -> [Batch] {
        try table.replace(with: [batch])
        let result = try BatchTransform.run(engine, query, sql: sql)
        return result.batches.map { $0.selection == nil ? $0 : $0.compacted() }.filter { $0.count > 0 }
    }

    private static func run(_ engine: SQLEngine, _ query: Statement, sql: String) throws -> QueryResult {
        do {
            return try engine.execute(query)
        } catch {
            throw IngestError(.invalidOption, "--transform '\(sql)': \(error)")
        }
    }
}
