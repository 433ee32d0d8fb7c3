import Columnar
import SQLExecution
import SQLPlanner
import Storage
import TableFormat

/// Catalogs whose tables are Hudi tables: how `hudi_table_changes` and CALL find a table by name.
public protocol HudiTableLocating: AnyObject {
    /// The Hudi table named `name` in this warehouse, or nil when there is none.
    func hudiTable(named name: String) throws -> HudiTable?
}

extension HudiWarehouseCatalog: HudiTableLocating {
    public func hudiTable(named name: String) throws -> HudiTable? { try hudiTable(name) }
}

/// `hudi_table_changes('t' | 'uri', 'latest_state', 'begin' [, 'end'])`: Hudi's incremental query, the
/// records that commits in (begin, end] changed, in their latest state. `'earliest'` begins before the first
/// commit; the end defaults to the latest commit.
public final class HudiTableChanges: TableProvider {
    /// The instant before every instant (Hudi's `HoodieTimeline.INIT_INSTANT_TS`, at millisecond precision).
    static let earliest = "00000000000000000"

    public let table: HudiTable
    public let begin: String
    public let end: String?

    /// `begin` and `end` are instant times; a nil end is the latest commit.
    public init(table: HudiTable, begin: String, end: String?) {
        self.table = table
        self.begin = begin
        self.end = end
    }

    public var schema: Schema { table.schema }
    public var statistics: TableStatistics { TableStatistics() }

    public func scan(projection: [Int], filters: [PhysicalExpression]) throws -> any BatchSource {
        let needed = FilteringBatchSource.neededColumns(projection: projection, filters: filters)
        let options = HudiReadOptions(columns: needed.map { schema.fields[$0].name })
        var changes = try table.incremental(begin: begin, end: end, options: options)
        let metrics = ScanMetrics.current
        metrics?.add(ScanCounts(changes.readCounts))
        let source = ClosureBatchSource(schema: changes.schema) {
            let before = changes.readCounts
            let batch = try changes.next()
            metrics?.add(changes.readCounts, since: before)
            return batch
        }
        return try FilteringBatchSource(source, sourceColumns: needed, projection: projection, filters: filters)
    }

    /// The provider for the function's arguments; a table is a warehouse name or a location.
    static func provider(_ arguments: TableFunctionArguments, catalog: (any HudiTableLocating)?) throws -> HudiTableChanges {
        let strings = arguments.positional.compactMap { if case .string(let s) = $0 { s } else { nil } }
        guard strings.count == arguments.positional.count, (3...4).contains(strings.count), arguments.named.isEmpty else {
            throw PlannerError(.binder, "hudi_table_changes takes ('table', 'latest_state', 'begin' [, 'end']) as strings")
        }
        guard strings[1].lowercased() == "latest_state" else {
            throw PlannerError(.notSupported, "hudi_table_changes query type '\(strings[1])': only 'latest_state' is supported")
        }
        let table = try HudiTableChanges.table(strings[0], catalog: catalog)
        let begin = strings[2].lowercased() == "earliest" ? earliest : try table.instantTime(strings[2])
        let end = try strings.count == 4 ? table.instantTime(strings[3]) : nil
        if let end, end < begin {
            throw PlannerError(.binder, "hudi_table_changes: end \(strings[3]) is before begin \(strings[2])")
        }
        return HudiTableChanges(table: table, begin: begin, end: end)
    }

    /// A warehouse table by name, else a table location (a path or URI holding `.hoodie`).
    static func table(_ name: String, catalog: (any HudiTableLocating)?) throws -> HudiTable {
        if let table = try catalog?.hudiTable(named: name) { return table }
        guard name.contains("/") || name.contains("://") else {
            throw PlannerError(.catalog, "Table with name \(name) does not exist!")
        }
        do {
            return try HudiTable.open(store: try ObjectStores.open(uri: name), path: "")
        } catch let error as TableFormatError where error.code == .notATable {
            throw PlannerError(.catalog, "No Hudi table at '\(name)': \(error)")
        }
    }
}
