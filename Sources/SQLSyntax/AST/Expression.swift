/// A scalar expression. The tree has no node for parentheses: grouping is in its shape, and `SQLFormatter`
/// puts parentheses back where precedence needs them.
public struct Expression: Hashable, Sendable, CustomStringConvertible {
    public indirect enum Kind: Hashable, Sendable {
        case literal(Literal)
        /// A column or struct path `a`, `t.a`, `t.a.b`: which part is a table is for the binder to decide.
        case column([Identifier])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `x IS [NOT] NULL` (also SQLite's `x ISNULL`, `x NOTNULL`, `x NOT NULL`).
        case isNull(Expression, negated: Bool)
        /// `x IS [NOT] DISTINCT FROM y`.
        case isDistinctFrom(Expression, Expression, negated: Bool)
        /// `x IS [NOT] TRUE|FALSE`.
        case isBoolean(Expression, Bool, negated: Bool)
        case between(Expression, low: Expression, high: Expression, negated: Bool)
        /// `x [NOT] IN (a, b, ...)`; SQLite allows the empty list `IN ()`.
        case inList(Expression, [Expression], negated: Bool)
        case inQuery(Expression, Query, negated: Bool)
        /// `x [NOT] LIKE|ILIKE|GLOB pattern [ESCAPE e]`.
        case like(Expression, pattern: Expression, escape: Expression?, operator: PatternOperator, negated: Bool)
        case exists(Query)
        /// A scalar subquery `(SELECT ...)`.
        case subquery(Query)
        /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`.
        case caseWhen(operand: Expression?, branches: [CaseBranch], otherwise: Expression?)
        case cast(Expression, SQLType, CastSyntax)
        case function(FunctionCall)
        /// `EXTRACT(field FROM x)`.
        case extract(field: Identifier, Expression)
        /// `x[i]`, `m['key']`.
        case element(Expression, Expression)
        /// `(expr).field`, `x[1].field`: a field of something that is not a plain column path.
        case field(Expression, Identifier)
        /// `x COLLATE name` (SQLite).
        case collate(Expression, Identifier)
        /// `(a, b, ...)`: a row value, as in `(a, b) IN (...)`.
        case row([Expression])
        /// `[a, b, ...]`: an array literal (DuckDB, Spark's `array(...)` is a function call).
        case array([Expression])
    }

    public var kind: Kind
    @IgnoredByEquality public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation = .start) {
        self.kind = kind
        self.location = location
    }

    public var description: String { SQLFormatter.expression(self) }
}

/// A literal. Numbers keep their digits as text so an integer wider than 64 bits or a 38-digit decimal
/// reaches the binder intact.
public enum Literal: Hashable, Sendable {
    case null
    case boolean(Bool)
    /// Digits only (`42`); the sign is a unary minus.
    case integer(String)
    /// `1.5`, `.5`, `3.`: exact decimal.
    case decimal(String)
    /// `1e10`, `2.5E-3`: approximate (double).
    case float(String)
    case string(String)
    /// `X'0aff'`: the hex digits.
    case blob(String)
    /// `DATE '2024-01-01'`, `TIMESTAMP '...'`, `TIMESTAMP_NTZ '...'`: a string cast written as a literal.
    case typed(SQLType, String)
    /// `INTERVAL '1' DAY` (unit given) or `INTERVAL '1 day'` (unit inside the string).
    case interval(String, unit: IntervalUnit?)
}

public enum IntervalUnit: String, Hashable, Sendable, CaseIterable {
    case year = "YEAR", month = "MONTH", week = "WEEK", day = "DAY", hour = "HOUR", minute = "MINUTE"
    case second = "SECOND", millisecond = "MILLISECOND", microsecond = "MICROSECOND"

    /// Accepts singular and plural spellings (`DAY`, `DAYS`).
    init?(word: String) {
        var upper = word.uppercased()
        if upper.hasSuffix("S") { upper.removeLast() }
        self.init(rawValue: upper)
    }
}

public enum UnaryOperator: String, Hashable, Sendable {
    case not = "NOT", negate = "-", plus = "+", bitwiseNot = "~"
}

public enum BinaryOperator: String, Hashable, Sendable {
    case or = "OR", and = "AND"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case bitwiseOr = "|", bitwiseXor = "^", bitwiseAnd = "&", shiftLeft = "<<", shiftRight = ">>"
    case add = "+", subtract = "-", concat = "||"
    case multiply = "*", divide = "/", modulo = "%", integerDivide = "DIV"
}

public enum PatternOperator: String, Hashable, Sendable {
    case like = "LIKE", ilike = "ILIKE", glob = "GLOB"
}

/// How a cast was written, so it prints back the same way.
public enum CastSyntax: Hashable, Sendable {
    /// `CAST(x AS t)`
    case cast
    /// `TRY_CAST(x AS t)`: NULL instead of an error.
    case tryCast
    /// `x::t`
    case doubleColon
}

public struct CaseBranch: Hashable, Sendable {
    public var condition: Expression
    public var result: Expression

    public init(condition: Expression, result: Expression) {
        self.condition = condition
        self.result = result
    }
}
