import Columnar
import SQLExecution

/// The `memory://` warehouse: tables live as lists of batches for the life of the engine.
public final class MemoryCatalog: Catalog {
    private var tables: [String: MemoryTable] = [:]
    private var order: [String] = []

    public init() {}

    public func lookup(_ name: String) throws -> (any TableProvider)? { tables[name.lowercased()] }

    public func create(_ name: String, schema: Schema) throws -> any TableProvider {
        let key = name.lowercased()
        guard tables[key] == nil else { throw PlannerError(.catalog, "Table with name \(name) already exists!") }
        let table = MemoryTable(schema: schema)
        tables[key] = table
        order.append(name)
        return table
    }

    public func drop(_ name: String) throws {
        let key = name.lowercased()
        guard tables.removeValue(forKey: key) != nil else {
            throw PlannerError(.catalog, "Table with name \(name) does not exist!")
        }
        order.removeAll { $0.lowercased() == key }
    }

    public func tableNames() throws -> [String] { order.sorted() }
}

/// A table held in memory as compacted batches.
public final class MemoryTable: MutableTableProvider {
    public let schema: Schema
    private(set) var batches: [Batch] = []

    public init(schema: Schema, batches: [Batch] = []) {
        self.schema = schema
        self.batches = batches
    }

    public var statistics: TableStatistics { TableStatistics(rowCount: batches.reduce(0) { $0 + $1.count }) }

    public func append(_ incoming: [Batch]) throws {
        for batch in incoming where batch.rowCount > 0 {
            let dense = batch.compacted()
            batches.append(Batch(schema: schema, columns: dense.columns, count: dense.count))
        }
    }

    public func replace(with incoming: [Batch]) throws {
        batches = []
        try append(incoming)
    }

    public func scan(projection: [Int], filters: [PhysicalExpression]) throws -> any BatchSource {
        let predicate = try filters.isEmpty ? nil : ExpressionExecutor(filters.count == 1 ? filters[0] : .and(filters))
        let fields = projection.map { schema.fields[$0] }
        let outSchema = Schema(fields)
        var position = 0
        let stored = batches
        return ClosureBatchSource(schema: outSchema) {
            while position < stored.count {
                var batch = stored[position]
                position += 1
                if let predicate {
                    batch.selection = try predicate.select(batch)
                    if batch.rowCount == 0 { continue }
                }
                return Batch(schema: outSchema, columns: projection.map { batch.columns[$0] }, count: batch.count,
                             selection: batch.selection)
            }
            return nil
        }
    }
}
