import Columnar
import SQLExecution
import SQLPlanner
import Storage
import TableFormat

/// A warehouse's Hudi table as SQL reads and writes it: scans read the latest snapshot (meta fields first, as
/// Spark shows them); each write is one `HudiWriteClient` commit, so a failure leaves no instant behind.
public final class HudiWarehouseTable: WritableTable, HudiTableBacked {
    public let table: HudiTable
    public let location: String
    private let reader: HudiTableProvider

    public init(table: HudiTable, location: String) {
        self.table = table
        self.location = location
        reader = HudiTableProvider(table: table)
    }

    public var schema: Schema { table.schema }
    public var dataSchema: Schema { table.dataSchema }
    public var statistics: TableStatistics { reader.statistics }

    public func scan(projection: [Int], filters: [PhysicalExpression]) throws -> any BatchSource {
        try reader.scan(projection: projection, filters: filters)
    }

    public var properties: TableProperties {
        let config = table.config
        var options: [String: String] = [:]
        if let hive = config.properties[HoodieTableConfig.Key.hiveStylePartitioning] {
            options["hoodie.datasource.write.hive_style_partitioning"] = hive
        }
        let version = try? config.tableVersion
        if let version { options["hoodie.table.version"] = String(version) }
        // What CREATE TABLE passed through from TBLPROPERTIES (Hudi's own hoodie.table.* keys stay out).
        for (key, value) in config.properties where !key.hasPrefix("hoodie.table.") && !HudiTable.createdPropertyKeys.contains(key) {
            options[key] = value
        }
        return TableProperties(primaryKey: config.recordKeyFields, preCombineField: config.precombineField,
                               partitionFields: config.partitionFields,
                               tableType: (try? config.tableType) == .copyOnWrite ? "cow" : "mor",
                               location: location, tableVersion: version, options: options)
    }

    @discardableResult
    public func write(_ write: TableWrite, next: () throws -> Batch?) throws -> TableWriteResult {
        var options = HudiWriteOptions()
        options.deleteMarkerField = write.deleteMarkerColumn
        options.extraMetadata = write.extraMetadata
        options.staticPartitions = staticPartitions(write.staticPartition)
        var rows = 0
        let client = HudiWriteClient(table: table, options: options)
        let result = try PlannerError.reporting {
            try client.write(next: {
                guard let batch = try next() else { return nil }
                rows += batch.rowCount
                return try dense(batch, marker: write.deleteMarkerColumn)
            }, operation: operation(write.operation))
        }
        return TableWriteResult(rowCount: rows, version: result.instant.requestedTime)
    }

    public func alterSchema(_ schema: Schema) throws {
        try PlannerError.reporting { try table.alterSchema(schema) }
    }

    /// The batch without a selection, its data columns named as the table's (and the delete marker as given).
    private func dense(_ batch: Batch, marker: String?) throws -> Batch {
        let batch = batch.compacted()
        let fields = try batch.schema.fields.map { field in
            if field.name == marker { return field }
            guard let i = dataSchema.index(of: field.name) else {
                throw PlannerError(.binder, "Hudi table \(table.config.name) has no column \(field.name)")
            }
            var out = field
            out.name = dataSchema.fields[i].name
            return out
        }
        return Batch(schema: Schema(fields), columns: batch.columns, count: batch.count)
    }

    /// A PARTITION clause's values as one row of the partition columns, for the key generator to make its path.
    private func staticPartitions(_ values: [String: Value]) -> Batch? {
        let fields = dataSchema.fields.filter { values[$0.name] != nil }
        guard !fields.isEmpty else { return nil }
        let columns = fields.map { Vector(type: $0.type, values: [values[$0.name] ?? .null]) }
        return Batch(schema: Schema(fields), columns: columns, count: 1)
    }

    private func operation(_ operation: TableWriteOperation) -> WriteOperationType {
        switch operation {
        case .insert: .insert
        case .upsert: .upsert
        case .delete: .delete
        case .overwritePartitions: table.config.isPartitioned ? .insertOverwrite : .insertOverwriteTable
        case .overwriteTable: .insertOverwriteTable
        }
    }
}
