import Columnar
import SQLExecution
import SQLPlanner
import Storage
import TableFormat

/// A Hudi table's snapshot (latest, or as of an instant) as a read-only SQL table. Scans report their files,
/// bytes and rows to the statement's `QueryProgress` and stop when it is interrupted.
public final class HudiTableProvider: TableProvider, HudiTableBacked {
    public let table: HudiTable
    public let asOf: String?

    public init(table: HudiTable, asOf: String? = nil) {
        self.table = table
        self.asOf = asOf
    }

    /// The table at `uri` (a local path or an object URI).
    public convenience init(uri: String, asOf: String? = nil) throws {
        self.init(table: try HudiTable.open(store: try ObjectStores.open(uri: uri), path: ""), asOf: asOf)
    }

    public var schema: Schema { table.schema }
    public var statistics: TableStatistics { TableStatistics() }

    public func scan(projection: [Int], filters: [PhysicalExpression]) throws -> any BatchSource {
        let needed = FilteringBatchSource.neededColumns(projection: projection, filters: filters)
        var options = HudiReadOptions(columns: needed.map { schema.fields[$0].name })
        // Prunes partitions and row groups; the rows are filtered again below with every filter.
        options.filters = ScanPredicate.pruning(filters, schema: schema)
        var snapshot = try table.snapshot(asOf: asOf, options: options)
        let progress = QueryProgress.current
        progress?.addPlannedFiles(snapshot.fileSlices.count)
        let metrics = ScanMetrics.current
        metrics?.add(ScanCounts(snapshot.readCounts))
        var counted = 0
        let source = ClosureBatchSource(schema: snapshot.schema) {
            try progress?.check()
            let before = snapshot.readCounts
            let batch = try snapshot.next()
            while counted < snapshot.fileSlicesOpened {
                progress?.addFile(bytes: snapshot.fileSlices[counted].baseFile.size ?? 0)
                counted += 1
            }
            metrics?.add(snapshot.readCounts, since: before)
            progress?.addRows(batch?.rowCount ?? 0)
            return batch
        }
        return try FilteringBatchSource(source, sourceColumns: needed, projection: projection, filters: filters)
    }
}

/// `read_parquet('path | glob | uri')`, `hudi_scan('uri')`, and quoted `.parquet` paths in FROM.
public final class FileTableFunctions: TableFunctionProvider {
    /// Where `hudi_table_changes` and CALL look tables up by name (weak: the engine owns its catalog).
    public weak var warehouse: (any HudiTableLocating)?

    public init(warehouse: (any HudiTableLocating)? = nil) { self.warehouse = warehouse }

    public func table(function name: String, arguments: [Value]) throws -> (any TableProvider)? {
        guard case .string(let location)? = arguments.first else {
            if ["read_parquet", "parquet_scan", "hudi_scan"].contains(name) {
                throw PlannerError(.binder, "\(name) takes a path string as its first argument")
            }
            return nil
        }
        switch name {
        case "read_parquet", "parquet_scan": return try ParquetTableProvider(pattern: location)
        case "hudi_scan": return try HudiTableProvider(uri: location)
        default: return nil
        }
    }

    public func table(path: String) throws -> (any TableProvider)? {
        path.lowercased().hasSuffix(".parquet") ? try ParquetTableProvider(pattern: path) : try textTable(path: path)
    }
}
