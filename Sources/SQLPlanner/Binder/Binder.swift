import Columnar
import SQLExecution
import SQLSyntax

/// Dialect switches the session sets.
public struct BinderOptions: Sendable {
    /// SQLite's semantics for its sqllogictest corpus: integer `/` truncates, `x / 0` and `x % 0` are NULL,
    /// every INTEGER column is 64-bit.
    public var sqliteCompatibility = false

    public init(sqliteCompatibility: Bool = false) { self.sqliteCompatibility = sqliteCompatibility }
}

/// A stored view: its query and optional column names.
struct View {
    var query: Query
    var columns: [String]
}

/// A bound query: its plan and output column names.
struct BoundQuery {
    var plan: LogicalPlan
    var names: [String]
}

/// Resolves names against the catalog and scopes, checks types, and turns queries into `LogicalPlan`s.
/// One binder per query level: a subquery gets a child binder whose `outer` lets it see the enclosing
/// columns (correlation).
final class Binder {
    let catalog: any Catalog
    let tableFunctions: (any TableFunctionProvider)?
    let options: BinderOptions
    /// Runs an uncorrelated subquery's plan while binding (its result becomes a constant).
    let run: (LogicalPlan) throws -> [Batch]
    /// CTEs visible here, innermost last.
    var ctes: [[String: BoundQuery]]
    let outer: OuterReferences?
    /// Views by lower-case name: their queries are bound where they are used.
    let views: [String: View]

    init(catalog: any Catalog, tableFunctions: (any TableFunctionProvider)?, options: BinderOptions,
         run: @escaping (LogicalPlan) throws -> [Batch], ctes: [[String: BoundQuery]] = [],
         outer: OuterReferences? = nil, views: [String: View] = [:]) {
        self.views = views
        self.catalog = catalog
        self.tableFunctions = tableFunctions
        self.options = options
        self.run = run
        self.ctes = ctes
        self.outer = outer
    }

    /// A binder for a subquery: same catalog and CTEs, seeing `context`'s columns as outer references.
    func child(outer context: ExpressionContext?) -> Binder {
        Binder(catalog: catalog, tableFunctions: tableFunctions, options: options, run: run, ctes: ctes,
               outer: context.map(OuterReferences.init), views: views)
    }

    func lookupCTE(_ name: Identifier) -> BoundQuery? {
        for level in ctes.reversed() {
            if let found = level[name.isQuoted ? name.name : name.name.lowercased()] { return found }
        }
        return nil
    }
}

/// The enclosing query's columns as a subquery sees them: each use becomes a placeholder and the outer
/// expression it stands for is recorded.
final class OuterReferences {
    let context: ExpressionContext
    private(set) var expressions: [PhysicalExpression] = []

    init(_ context: ExpressionContext) { self.context = context }

    func resolve(_ parts: [Identifier]) throws -> PhysicalExpression? {
        guard let expression = try context.resolveColumn(parts) else { return nil }
        if let k = expressions.firstIndex(of: expression) { return Subquery.placeholder(k, expression.type) }
        expressions.append(expression)
        return Subquery.placeholder(expressions.count - 1, expression.type)
    }
}

/// Where an expression is bound: the columns in scope, the plan that produces them (which correlated
/// subqueries extend with apply columns), and the expressions already computed below (group keys,
/// aggregates, windows).
final class ExpressionContext {
    var scope: Scope
    var plan: LogicalPlan
    let binder: Binder
    /// Clause name for messages ("WHERE", "SELECT").
    var clause: String
    /// Aggregate calls and window calls computed below, and GROUP BY expressions as written: AST -> column.
    var computed: [Expression: PhysicalExpression] = [:]
    /// When aggregating: scope column index -> group output column. Other columns are an error.
    var groupColumns: [Int: Int]? = nil
    var allowsAggregates = false

    init(scope: Scope, plan: LogicalPlan, binder: Binder, clause: String) {
        self.scope = scope
        self.plan = plan
        self.binder = binder
        self.clause = clause
    }

    /// A column reference bound here, or through the outer query; nil when no scope has it.
    func resolveColumn(_ parts: [Identifier]) throws -> PhysicalExpression? {
        if let index = try scope.resolve(parts) {
            let column = scope.columns[index]
            guard let groupColumns else { return .column(index, column.type) }
            guard let output = groupColumns[index] else {
                let name = parts.map(\.name).joined(separator: ".")
                throw PlannerError(.binder, "column \"\(name)\" must appear in the GROUP BY clause or be used in an aggregate function (at \(parts[0].location))")
            }
            return .column(output, column.type)
        }
        return try binder.outer?.resolve(parts)
    }

    /// Appends a correlated subquery's column to the plan; the result reads it.
    func addApply(_ subquery: Subquery) -> PhysicalExpression {
        let index = plan.width
        plan = .apply(plan, subquery)
        return .column(index, subquery.resultType)
    }
}
