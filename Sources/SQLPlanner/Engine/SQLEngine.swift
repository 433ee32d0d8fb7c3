import Columnar
import SQLExecution
import SQLSyntax

/// A SQL session: parses, binds, optimizes, plans and runs statements against a catalog. Scripts run
/// statement by statement; the first failing statement stops the script with its error.
public final class SQLEngine {
    public let catalog: any Catalog
    public var tableFunctions: (any TableFunctionProvider)?
    /// COPY TO's file writers and CALL's procedures, from the layer that knows formats and tables.
    public var fileWriters: (any FileWriterProvider)?
    public var procedures: (any ProcedureProvider)?
    public var options: BinderOptions
    /// `SET name = value`, lower-case names; `threads` and `memory_limit` are stored for the executor.
    /// `threads` defaults to the active cores.
    public private(set) var settings: [String: String] = ["threads": String(SQLEngine.activeCores)]
    /// Views and index names by lower-case name (indexes are accepted and tracked, not used).
    var views: [String: View] = [:]
    var indexes: [String: String] = [:]
    /// What the running statement's scans have read, and the interrupt the drain loop checks between batches
    /// (the shell's progress bar and Ctrl-C). Scans find it as `QueryProgress.current` while they are planned.
    public let progress = QueryProgress()

    public init(catalog: any Catalog = MemoryCatalog(), tableFunctions: (any TableFunctionProvider)? = nil,
                options: BinderOptions = BinderOptions()) {
        self.catalog = catalog
        self.tableFunctions = tableFunctions
        self.options = options
    }

    /// Every statement of `sql`, in order.
    public func execute(_ sql: String) throws -> [QueryResult] {
        try SQLParser.parse(sql).map { try execute($0) }
    }

    /// Runs one statement under a fresh `MemoryBudget` (`SET memory_limit`, `SET temp_directory`); its spill
    /// files are deleted when it ends or fails. Scans planned meanwhile use `SET threads` workers.
    public func execute(_ statement: Statement) throws -> QueryResult {
        let budget = try memoryBudget()
        defer { budget.removeTemporaryFiles() }
        let threads = settings["threads"].flatMap { Int($0) } ?? 1
        return try MemoryBudget.$current.withValue(budget) {
            try ParallelBatchSource.$threads.withValue(threads) { try dispatch(statement) }
        }
    }

    func memoryBudget() throws -> MemoryBudget {
        let limit = try settings["memory_limit"].map { try MemoryBudget.parseSize($0) } ?? MemoryBudget.defaultLimit
        return MemoryBudget(limit: limit, temporaryDirectory: settings["temp_directory"])
    }

    private func dispatch(_ statement: Statement) throws -> QueryResult {
        switch statement.kind {
        case .query(let query): return try runQuery(query)
        case .explain(let explain): return try self.explain(explain.statement, analyze: explain.analyze)
        case .createTable(let create): return try createTable(create)
        case .drop(let drop): return try self.drop(drop)
        case .insert(let insert): return try self.insert(insert)
        case .update(let update): return try self.update(update)
        case .delete(let delete): return try self.delete(delete)
        case .createIndex(let index): return try createIndex(index)
        case .createView(let view): return try createView(view)
        case .set(let name, let value): return try set(name, value)
        case .showTables: return try showTables()
        case .describe(let name, let extended): return try describe(name, extended: extended)
        case .showCreateTable(let name): return try showCreateTable(name)
        case .merge(let merge): return try self.merge(merge)
        case .alterTable(let alter): return try alterTable(alter)
        case .copy(let copy): return try self.copy(copy, at: statement.location)
        case .call(let call): return try self.call(call, at: statement.location)
        case .transaction(let command):
            guard command != .rollback else {
                throw PlannerError(.notSupported, "ROLLBACK: statements commit one by one (at \(statement.location))")
            }
            return .message(command.rawValue)
        default:
            throw PlannerError(.notSupported, "\(statement) is not supported yet (at \(statement.location))")
        }
    }

    // MARK: queries

    func binder() -> Binder {
        Binder(catalog: catalog, tableFunctions: tableFunctions, options: options, run: { [unowned self] in try self.run($0) },
               views: views)
    }

    /// The optimized plan of a query, and its column names.
    public func plan(_ query: Query) throws -> (LogicalPlan, [String]) {
        let bound = try binder().bindQuery(query)
        return (Optimizer.optimize(bound.plan), bound.names)
    }

    func physicalPlan(_ plan: LogicalPlan) throws -> PhysicalOperator {
        try QueryProgress.$current.withValue(progress) {
            try PhysicalPlanner(run: { [unowned self] in try self.run($0) }).plan(plan)
        }
    }

    /// Optimizes and runs a bound plan to completion.
    func run(_ plan: LogicalPlan) throws -> [Batch] {
        try drain(physicalPlan(Optimizer.optimize(plan)))
    }

    func drain(_ root: PhysicalOperator) throws -> [Batch] {
        var batches: [Batch] = []
        while let batch = try root.next() {
            try progress.check()
            batches.append(batch)
        }
        return batches
    }

    private func runQuery(_ query: Query) throws -> QueryResult {
        let (plan, names) = try plan(query)
        let root = try physicalPlan(plan)
        let batches = try drain(root)
        let schema = Schema(zip(names, root.schema.fields).map { Field($0, $1.type) })
        return QueryResult(schema: schema, batches: batches.map { Batch(schema: schema, columns: $0.columns, count: $0.count, selection: $0.selection) })
    }

    private func explain(_ statement: Statement, analyze: Bool) throws -> QueryResult {
        guard case .query(let query) = statement.kind else {
            throw PlannerError(.notSupported, "EXPLAIN of \(statement) (at \(statement.location))")
        }
        let (plan, _) = try plan(query)
        var text = PlanPrinter.render(plan)
        if analyze {
            let root = try physicalPlan(plan)
            _ = try drain(root)
            text = root.explainAnalyze()
        }
        return Self.textRows(["explain"], text.split(separator: "\n").map { [String($0)] })
    }

    static func textRows(_ names: [String], _ rows: [[String]]) -> QueryResult {
        let schema = Schema(names.map { Field($0, .string) })
        let columns = names.indices.map { c in Vector(type: .string, values: rows.map { .string($0[c]) }) }
        return QueryResult(schema: schema, batches: rows.isEmpty ? [] : [Batch(schema: schema, columns: columns, count: rows.count)])
    }

    // MARK: settings and catalog views

    private func set(_ name: QualifiedName, _ value: Expression) throws -> QueryResult {
        let key = name.parts.map { $0.name.lowercased() }.joined(separator: ".")
        let text: String
        switch value.kind {
        case .literal(.string(let s)): text = s
        case .literal(.integer(let s)), .literal(.decimal(let s)): text = s
        case .literal(.boolean(let b)): text = b ? "true" : "false"
        case .column(let parts): text = parts.map(\.name).joined(separator: ".")
        default: text = value.description
        }
        switch key {
        case "threads":
            guard let n = Int(text), n >= 1 else { throw PlannerError(.binder, "threads must be a positive integer, got \(text)") }
        case "memory_limit", "max_memory":
            _ = try MemoryBudget.parseSize(text)
        case "sqlite_compatibility", "integer_division":
            options.sqliteCompatibility = ["true", "1", "on"].contains(text.lowercased())
        default: break
        }
        settings[key == "max_memory" ? "memory_limit" : key] = text
        return .message("SET \(key) = \(text)")
    }

    private func showTables() throws -> QueryResult {
        Self.textRows(["name"], try catalog.tableNames().map { [$0] })
    }
}
