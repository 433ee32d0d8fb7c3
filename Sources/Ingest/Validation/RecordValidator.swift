import Columnar
import SQLPlanner
import SQLSyntax
import TextFormats

/// One row that failed validation: its physical row in the batch and why.
struct RowFailure {
    var row: Int
    var reason: String
}

/// Checks rows before they are written: key columns NOT NULL, then each `--expect` predicate, evaluated by the
/// SQL engine over the batch as table `source`. A predicate fails a row when it is false; NULL passes, as a SQL
/// CHECK constraint does.
final class RecordValidator {
    let keyColumns: [String]
    let expectations: [String]
    private let engine: SQLEngine?
    private let table: MemoryTable?
    private let query: Statement?

    init(schema: Schema, keyColumns: [String], expectations: [String]) throws {
        self.keyColumns = keyColumns
        self.expectations = expectations
        guard !expectations.isEmpty else {
            (engine, table, query) = (nil, nil, nil)
            return
        }
        let catalog = MemoryCatalog()
        guard let table = try catalog.create("source", schema: schema) as? MemoryTable else {
            throw IngestError(.invalidOption, "the SQL catalog did not give a memory table for 'source'")
        }
        let select = expectations.enumerated().map { "(\($0.element)) AS e\($0.offset)" }.joined(separator: ", ")
        let statements: [Statement]
        do {
            statements = try SQLParser.parse("SELECT \(select) FROM source")
        } catch {
            throw IngestError(.invalidOption, "--expect \(expectations.map { "'\($0)'" }.joined(separator: " ")): \(error)")
        }
        guard statements.count == 1 else {
            throw IngestError(.invalidOption, "--expect takes one predicate each, not statements: \(expectations)")
        }
        (engine, self.table, query) = (SQLEngine(catalog: catalog), table, statements[0])
    }

    /// The rows of `batch` (dense, no selection) that fail, in row order, one failure per row.
    func failures(_ batch: Batch) throws -> [RowFailure] {
        var failed: [Int: String] = [:]
        for name in keyColumns {
            guard let index = batch.schema.index(of: name) else { continue }
            let column = batch.columns[index]
            guard column.validity != nil else { continue }
            for row in 0..<batch.count where failed[row] == nil && column.isNull(row) {
                failed[row] = "record key column '\(name)' is null"
            }
        }
        if let engine, let table, let query {
            try table.replace(with: [batch])
            let result: QueryResult
            do {
                result = try engine.execute(query)
            } catch {
                throw IngestError(.invalidOption, "--expect: \(error)")
            }
            var row = 0
            for out in result.batches {
                for i in 0..<out.rowCount {
                    let physical = out.physicalRow(i)
                    for (e, column) in out.columns.enumerated() where failed[row] == nil {
                        if case .bool(false) = column.value(at: physical) { failed[row] = "expectation failed: \(expectations[e])" }
                    }
                    row += 1
                }
            }
            guard row == batch.count else {
                throw IngestError(.invalidOption, "--expect: evaluated \(row) rows of a batch of \(batch.count)")
            }
        }
        return failed.keys.sorted().map { RowFailure(row: $0, reason: failed[$0]!) }
    }

    /// A row as one JSON object: the raw record of a row that parsed but failed validation.
    static func render(_ batch: Batch, row: Int) throws -> String {
        let one = Batch(schema: batch.schema, columns: batch.columns, count: batch.count, selection: SelectionVector([UInt32(row)]))
        let output = MemoryOutput()
        let writer = JSONLinesWriter(output: output, schema: batch.schema)
        try writer.write(one)
        try writer.finish()
        var bytes = output.bytes
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
