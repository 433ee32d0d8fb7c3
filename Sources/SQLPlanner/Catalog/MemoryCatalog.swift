import Columnar
import SQLExecution

/// The `memory://` warehouse: tables live as lists of batches for the life of the engine.
public final class MemoryCatalog: WritableCatalog {
    private var tables: [String: MemoryTable] = [:]
    private var order: [String] = []

    public init() {}

    public func lookup(_ name: String) throws -> (any TableProvider)? { tables[name.lowercased()] }

    public func create(_ definition: TableDefinition) throws -> any WritableTable {
        let name = definition.name
        let key = name.lowercased()
        guard tables[key] == nil else { throw PlannerError(.catalog, "Table with name \(name) already exists!") }
        let table = MemoryTable(schema: definition.schema, properties: definition.properties)
        tables[key] = table
        order.append(name)
        return table
    }

    public func drop(_ name: String, purge: Bool) throws {
        let key = name.lowercased()
        guard tables.removeValue(forKey: key) != nil else {
            throw PlannerError(.catalog, "Table with name \(name) does not exist!")
        }
        order.removeAll { $0.lowercased() == key }
    }

    public func tableNames() throws -> [String] { order.sorted() }
}

/// A table held in memory as compacted batches; keyed writes are in `MemoryTable+Write`.
public final class MemoryTable: WritableTable {
    public internal(set) var schema: Schema
    public let properties: TableProperties
    var batches: [Batch] = []

    public init(schema: Schema, properties: TableProperties = TableProperties(), batches: [Batch] = []) {
        self.schema = schema
        self.properties = properties
        self.batches = batches
    }

    public var dataSchema: Schema { schema }

    public var statistics: TableStatistics { TableStatistics(rowCount: batches.reduce(0) { $0 + $1.count }) }

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
