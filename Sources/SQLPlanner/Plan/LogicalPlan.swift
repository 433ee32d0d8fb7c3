import Columnar
import SQLExecution

/// A bound, typed relational plan. Expressions are sql-exec's `PhysicalExpression`s over the *child's output
/// columns by index* (a join's condition over left columns then right columns), so the physical planner maps
/// nodes one to one onto operators and the optimizer rewrites indices when it moves a predicate.
public indirect enum LogicalPlan: Sendable {
    /// A table read: `projection` indexes the provider's schema; `filters` reference the provider's schema.
    case scan(TableScan)
    /// Constant rows.
    case values(Schema, [[Value]])
    case filter(LogicalPlan, PhysicalExpression)
    case projection(LogicalPlan, [PhysicalExpression], names: [String])
    /// Output: the group expressions, then the aggregates.
    case aggregate(LogicalPlan, groups: [PhysicalExpression], aggregates: [AggregateExpression])
    /// Output: left columns, then right columns (only left for semi and anti joins).
    case join(LogicalPlan, LogicalPlan, JoinType, condition: PhysicalExpression?)
    case order(LogicalPlan, [SortKey])
    case limit(LogicalPlan, limit: Int?, offset: Int)
    case topN(LogicalPlan, [SortKey], limit: Int, offset: Int)
    case distinct(LogicalPlan)
    case union([LogicalPlan])
    case setOperation(LogicalPlan, LogicalPlan, PhysicalSetOperation.Kind, all: Bool)
    /// Output: the input, then one column per window expression.
    case window(LogicalPlan, [WindowExpression])
    /// A correlated subquery evaluated per distinct outer row: output is the input plus one column.
    case apply(LogicalPlan, Subquery)

    public var schema: Schema {
        switch self {
        case .scan(let scan): return scan.schema
        case .values(let schema, _): return schema
        case .filter(let child, _), .order(let child, _), .limit(let child, _, _), .topN(let child, _, _, _),
            .distinct(let child):
            return child.schema
        case .projection(_, let expressions, let names):
            return Schema(zip(expressions, names).map { Field($1, $0.type) })
        case .aggregate(_, let groups, let aggregates):
            let keys = groups.enumerated().map { Field("#\($0.offset)", $0.element.type) }
            let values = aggregates.enumerated().map { Field("\($0.element.function.rawValue)#\($0.offset)",
                                                             (try? $0.element.resultType()) ?? .null) }
            return Schema(keys + values)
        case .join(let left, let right, let type, _):
            switch type {
            case .semi, .anti, .nullAwareAnti: return left.schema
            default: return Schema(left.schema.fields + right.schema.fields)
            }
        case .union(let inputs): return inputs.first?.schema ?? Schema([])
        case .setOperation(let left, _, _, _): return left.schema
        case .window(let child, let windows):
            return Schema(child.schema.fields + windows.enumerated().map {
                Field("window#\($0.offset)", (try? $0.element.resultType()) ?? .null)
            })
        case .apply(let child, let subquery):
            return Schema(child.schema.fields + [Field("subquery", subquery.resultType)])
        }
    }

    public var width: Int { schema.fields.count }
}

/// A scan of a provider with what the optimizer pushed into it.
public struct TableScan: @unchecked Sendable {
    public var name: String
    public var provider: any TableProvider
    public var projection: [Int]
    public var filters: [PhysicalExpression]

    public var schema: Schema { Schema(projection.map { provider.schema.fields[$0] }) }
}

/// A correlated subquery: its plan uses `.function("$outer#k", [], type)` placeholders for the outer values
/// `correlations[k]` (expressions over the apply's input).
public struct Subquery: Sendable {
    public enum Kind: Sendable {
        /// The single value of a one-column query (NULL when empty; an error for several rows).
        case scalar
        case exists
        /// `probe IN (query)`, three-valued; `probe` is over the apply's input.
        case `in`(probe: PhysicalExpression)
    }

    public var plan: LogicalPlan
    public var kind: Kind
    public var correlations: [PhysicalExpression]
    /// SQLite: a scalar subquery with several rows yields the first instead of an error.
    public var takesFirstRow = false

    public var resultType: DataType {
        if case .scalar = kind { return plan.schema.fields.first?.type ?? .null }
        return .boolean
    }

    static func placeholder(_ k: Int, _ type: DataType) -> PhysicalExpression { .function("$outer#\(k)", [], type) }

    static func placeholderIndex(_ name: String) -> Int? {
        name.hasPrefix("$outer#") ? Int(name.dropFirst(7)) : nil
    }
}
