import Columnar
import SQLPlanner
import TableFormat

/// Hudi's Spark SQL procedures, under their names, parameter names and output columns
/// (`CALL show_commits(table => 't', limit => 10)`): the timeline, commit files and file groups, and the table
/// services (rollback, savepoints, restore, clean). A table is a warehouse name or a table location.
public final class HudiProcedures: ProcedureProvider {
    /// Where tables are looked up by name (weak: the engine owns its catalog).
    public weak var warehouse: (any HudiTableLocating)?

    public init(warehouse: (any HudiTableLocating)? = nil) { self.warehouse = warehouse }

    /// A table service's refusal (no such instant, already savepointed, cleaned past) carries its SQL class
    /// prefix (`PlannerError.reporting`).
    public func call(procedure name: String, arguments: TableFunctionArguments) throws -> QueryResult? {
        try PlannerError.reporting { try dispatch(name, arguments) }
    }

    private func dispatch(_ name: String, _ arguments: TableFunctionArguments) throws -> QueryResult? {
        switch name {
        case "show_commits": return try showCommits(arguments)
        case "show_commit_files": return try showCommitFiles(arguments)
        case "show_file_groups", "show_fsview_all": return try showFileGroups(name, arguments)
        case "show_savepoints": return try showSavepoints(arguments)
        case "rollback_to_instant": return try rollbackToInstant(arguments)
        case "create_savepoint": return try createSavepoint(arguments)
        case "delete_savepoint": return try deleteSavepoint(arguments)
        case "rollback_to_savepoint": return try rollbackToSavepoint(arguments)
        case "run_clean": return try runClean(arguments)
        default: return nil
        }
    }

    func table(_ arguments: ProcedureArguments) throws -> HudiTable {
        try HudiTableChanges.table(try arguments.requiredString("table"), catalog: warehouse)
    }

    /// Rows of boxed values under `fields`: procedure outputs are a handful of rows.
    static func result(_ fields: [Field], _ rows: [[Value]]) -> QueryResult {
        let schema = Schema(fields)
        guard !rows.isEmpty else { return QueryResult(schema: schema, batches: []) }
        let columns = fields.indices.map { c in Vector(type: fields[c].type, values: rows.map { $0[c] }) }
        return QueryResult(schema: schema, batches: [Batch(schema: schema, columns: columns, count: rows.count)])
    }

    /// A one-column boolean result (`rollback_result`, `create_savepoint_result`, ...).
    static func outcome(_ name: String) -> QueryResult {
        result([Field(name, .boolean)], [[.bool(true)]])
    }

    static func text(_ value: String?) -> Value { value.map { .string($0) } ?? .null }
}
