/// One entry of a FROM list, or a join of two.
public struct TableReference: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        /// `db.t [time travel] [AS alias]`.
        case table(QualifiedName, timeTravel: TimeTravel?, alias: TableAlias?)
        /// `'data/x.parquet' [AS alias]`: a file read by its extension.
        case path(String, alias: TableAlias?)
        /// `read_parquet('...')`, `read_csv('...', header => true)`, `hudi_table_changes('t', 'latest_state', ...)`.
        case function(FunctionCall, alias: TableAlias?)
        /// `[LATERAL] (query) [AS alias]`.
        case subquery(Query, alias: TableAlias?, isLateral: Bool)
        case join(Join)
        /// `(a JOIN b ON ...)`.
        case parenthesized(TableReference, alias: TableAlias?)
    }

    public var kind: Kind
    @IgnoredByEquality public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation = .start) {
        self.kind = kind
        self.location = location
    }
}

/// `AS name [(column, ...)]`.
public struct TableAlias: Hashable, Sendable {
    public var name: Identifier
    public var columns: [Identifier]

    public init(name: Identifier, columns: [Identifier] = []) {
        self.name = name
        self.columns = columns
    }
}

public struct Join: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case inner = "INNER", left = "LEFT", right = "RIGHT", full = "FULL", cross = "CROSS"
        case semi = "SEMI", anti = "ANTI"
    }

    public enum Condition: Hashable, Sendable {
        case on(Expression)
        case using([Identifier])
        /// `NATURAL JOIN`: on the columns both sides share.
        case natural
    }

    public var kind: Kind
    public var left: TableReference
    public var right: TableReference
    /// Nil for CROSS JOIN (and for a bare `JOIN` without a condition, which the binder rejects).
    public var condition: Condition?

    public init(kind: Kind, left: TableReference, right: TableReference, condition: Condition?) {
        self.kind = kind
        self.left = left
        self.right = right
        self.condition = condition
    }
}

/// `TIMESTAMP AS OF x`, `VERSION AS OF x` (Spark, Hudi) or `FOR SYSTEM_TIME AS OF x` (SQL:2011).
public struct TimeTravel: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case timestamp = "TIMESTAMP AS OF", version = "VERSION AS OF", systemTime = "FOR SYSTEM_TIME AS OF"
    }

    public var kind: Kind
    public var value: Expression

    public init(kind: Kind, value: Expression) {
        self.kind = kind
        self.value = value
    }
}
