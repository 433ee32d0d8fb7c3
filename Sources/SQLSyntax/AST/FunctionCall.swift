/// `name([DISTINCT] args [ORDER BY ...]) [FILTER (WHERE ...)] [OVER (...)]`, including aggregates (`count(*)`,
/// `string_agg(x, ',' ORDER BY y)`) and window functions. Arguments may be named (`header => true`), as table functions and CALL use them.
public struct FunctionCall: Hashable, Sendable {
    public var name: QualifiedName
    public var arguments: [FunctionArgument]
    public var isDistinct: Bool
    /// `count(*)`: no arguments, star.
    public var isStar: Bool
    /// An ordered aggregate's `ORDER BY` inside the parentheses.
    public var orderBy: [OrderByItem]
    public var filter: Expression?
    public var window: WindowSpecification?

    public init(name: QualifiedName, arguments: [FunctionArgument] = [], isDistinct: Bool = false,
                isStar: Bool = false, orderBy: [OrderByItem] = [], filter: Expression? = nil,
                window: WindowSpecification? = nil) {
        self.name = name
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.isStar = isStar
        self.orderBy = orderBy
        self.filter = filter
        self.window = window
    }
}

public struct FunctionArgument: Hashable, Sendable {
    /// `name => value`; nil for a positional argument.
    public var name: Identifier?
    public var value: Expression

    public init(name: Identifier? = nil, value: Expression) {
        self.name = name
        self.value = value
    }
}

/// `OVER (PARTITION BY ... ORDER BY ... frame)` or `OVER name`.
public struct WindowSpecification: Hashable, Sendable {
    /// `OVER w` refers to a window named in a WINDOW clause.
    public var reference: Identifier?
    public var partitionBy: [Expression]
    public var orderBy: [OrderByItem]
    public var frame: WindowFrame?

    public init(reference: Identifier? = nil, partitionBy: [Expression] = [], orderBy: [OrderByItem] = [],
                frame: WindowFrame? = nil) {
        self.reference = reference
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }
}

/// `ROWS|RANGE BETWEEN start AND end`, or `ROWS start` (end is then CURRENT ROW).
public struct WindowFrame: Hashable, Sendable {
    public enum Unit: String, Hashable, Sendable { case rows = "ROWS", range = "RANGE" }

    public enum Bound: Hashable, Sendable {
        case unboundedPreceding
        case preceding(Expression)
        case currentRow
        case following(Expression)
        case unboundedFollowing
    }

    public var unit: Unit
    public var start: Bound
    /// Nil when written without BETWEEN.
    public var end: Bound?

    public init(unit: Unit, start: Bound, end: Bound?) {
        self.unit = unit
        self.start = start
        self.end = end
    }
}
