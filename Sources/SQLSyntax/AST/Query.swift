/// A query expression: `[WITH ...] body [ORDER BY ...] [LIMIT n] [OFFSET m]`.
public struct Query: Hashable, Sendable, CustomStringConvertible {
    public var with: WithClause?
    public var body: QueryBody
    public var orderBy: [OrderByItem]
    public var limit: Expression?
    public var offset: Expression?
    @IgnoredByEquality public var location: SourceLocation

    public init(with: WithClause? = nil, body: QueryBody, orderBy: [OrderByItem] = [], limit: Expression? = nil,
                offset: Expression? = nil, location: SourceLocation = .start) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.location = location
    }

    public var description: String { SQLFormatter.query(self) }
}

/// The part of a query that set operations combine.
public indirect enum QueryBody: Hashable, Sendable {
    case select(Select)
    case values(Values)
    /// `left UNION|INTERSECT|EXCEPT [ALL] right`; INTERSECT binds tighter than UNION and EXCEPT.
    case setOperation(SetOperation)
    /// `( query )` with its own WITH/ORDER BY/LIMIT.
    case parenthesized(Query)
}

public struct SetOperation: Hashable, Sendable {
    public enum Operator: String, Hashable, Sendable {
        case union = "UNION", intersect = "INTERSECT", except = "EXCEPT"
    }

    public var `operator`: Operator
    /// `ALL` keeps duplicates; `DISTINCT` (the default) is not recorded separately.
    public var all: Bool
    public var left: QueryBody
    public var right: QueryBody
    @IgnoredByEquality public var location: SourceLocation

    public init(operator: Operator, all: Bool, left: QueryBody, right: QueryBody, location: SourceLocation = .start) {
        self.operator = `operator`
        self.all = all
        self.left = left
        self.right = right
        self.location = location
    }
}

/// `SELECT [DISTINCT|ALL] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]`.
public struct Select: Hashable, Sendable {
    public enum Quantifier: String, Hashable, Sendable { case all = "ALL", distinct = "DISTINCT" }

    public var quantifier: Quantifier?
    public var items: [SelectItem]
    /// The comma-separated FROM list; empty without FROM.
    public var from: [TableReference]
    public var whereClause: Expression?
    /// Expressions, ordinals (`GROUP BY 1`) and output aliases, as written.
    public var groupBy: [Expression]
    public var having: Expression?
    @IgnoredByEquality public var location: SourceLocation

    public init(quantifier: Quantifier? = nil, items: [SelectItem], from: [TableReference] = [],
                whereClause: Expression? = nil, groupBy: [Expression] = [], having: Expression? = nil,
                location: SourceLocation = .start) {
        self.quantifier = quantifier
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.location = location
    }
}

public struct SelectItem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case expression(Expression, alias: Identifier?)
        /// `*` (empty qualifier) or `t.*`.
        case wildcard(qualifier: [Identifier])
    }

    public var kind: Kind
    @IgnoredByEquality public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation = .start) {
        self.kind = kind
        self.location = location
    }
}

/// `VALUES (a, b), (c, d)`.
public struct Values: Hashable, Sendable {
    public var rows: [[Expression]]
    @IgnoredByEquality public var location: SourceLocation

    public init(rows: [[Expression]], location: SourceLocation = .start) {
        self.rows = rows
        self.location = location
    }
}

public struct OrderByItem: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable { case ascending = "ASC", descending = "DESC" }
    public enum NullOrder: String, Hashable, Sendable { case first = "NULLS FIRST", last = "NULLS LAST" }

    public var expression: Expression
    /// Nil when not written (ascending).
    public var direction: Direction?
    /// Nil when not written: the engine's default applies.
    public var nulls: NullOrder?

    public init(expression: Expression, direction: Direction? = nil, nulls: NullOrder? = nil) {
        self.expression = expression
        self.direction = direction
        self.nulls = nulls
    }
}

/// `WITH [RECURSIVE] name [(columns)] AS (query), ...`.
public struct WithClause: Hashable, Sendable {
    public var isRecursive: Bool
    public var tables: [CommonTableExpression]

    public init(isRecursive: Bool, tables: [CommonTableExpression]) {
        self.isRecursive = isRecursive
        self.tables = tables
    }
}

public struct CommonTableExpression: Hashable, Sendable {
    public var name: Identifier
    public var columns: [Identifier]
    public var query: Query

    public init(name: Identifier, columns: [Identifier] = [], query: Query) {
        self.name = name
        self.columns = columns
        self.query = query
    }
}
