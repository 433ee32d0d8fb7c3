/// `INSERT INTO [TABLE] t [PARTITION (...)] [(columns)] query` and Spark's `INSERT OVERWRITE [TABLE] t ...`; the
/// source is a VALUES or SELECT query.
public struct Insert: Hashable, Sendable {
    public var table: QualifiedName
    public var overwrite: Bool
    /// Spark's partition spec: `PARTITION (p = 'v', q)`, static columns with a value, dynamic ones without.
    public var partition: [PartitionSpecItem]
    public var columns: [Identifier]
    public var source: Query

    public init(table: QualifiedName, overwrite: Bool = false, partition: [PartitionSpecItem] = [],
                columns: [Identifier] = [], source: Query) {
        self.table = table
        self.overwrite = overwrite
        self.partition = partition
        self.columns = columns
        self.source = source
    }
}

/// One column of a `PARTITION (...)` spec: `p = value` (static) or `p` (dynamic: the query supplies it).
public struct PartitionSpecItem: Hashable, Sendable {
    public var column: Identifier
    public var value: Expression?

    public init(column: Identifier, value: Expression? = nil) {
        self.column = column
        self.value = value
    }
}

/// `column = value` in UPDATE and MERGE; the column may be a qualified or nested path.
public struct Assignment: Hashable, Sendable {
    public var column: [Identifier]
    public var value: Expression

    public init(column: [Identifier], value: Expression) {
        self.column = column
        self.value = value
    }
}

/// `UPDATE t [AS a] SET c = v, ... [WHERE ...]`.
public struct Update: Hashable, Sendable {
    public var table: QualifiedName
    public var alias: Identifier?
    public var assignments: [Assignment]
    public var whereClause: Expression?

    public init(table: QualifiedName, alias: Identifier? = nil, assignments: [Assignment],
                whereClause: Expression? = nil) {
        self.table = table
        self.alias = alias
        self.assignments = assignments
        self.whereClause = whereClause
    }
}

/// `DELETE FROM t [AS a] [WHERE ...]`.
public struct Delete: Hashable, Sendable {
    public var table: QualifiedName
    public var alias: Identifier?
    public var whereClause: Expression?

    public init(table: QualifiedName, alias: Identifier? = nil, whereClause: Expression? = nil) {
        self.table = table
        self.alias = alias
        self.whereClause = whereClause
    }
}

/// `MERGE INTO target [AS a] USING source ON condition WHEN ...`.
public struct Merge: Hashable, Sendable {
    public var target: QualifiedName
    public var targetAlias: Identifier?
    public var source: TableReference
    public var condition: Expression
    public var clauses: [MergeClause]

    public init(target: QualifiedName, targetAlias: Identifier? = nil, source: TableReference,
                condition: Expression, clauses: [MergeClause]) {
        self.target = target
        self.targetAlias = targetAlias
        self.source = source
        self.condition = condition
        self.clauses = clauses
    }
}

public struct MergeClause: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        /// `UPDATE SET c = v, ...`
        case update([Assignment])
        /// `UPDATE SET *`
        case updateAll
        case delete
        /// `INSERT [(columns)] VALUES (...)`
        case insert(columns: [Identifier], values: [Expression])
        /// `INSERT *`
        case insertAll
    }

    /// WHEN MATCHED or WHEN NOT MATCHED.
    public var matched: Bool
    /// `AND condition`.
    public var condition: Expression?
    public var action: Action

    public init(matched: Bool, condition: Expression? = nil, action: Action) {
        self.matched = matched
        self.condition = condition
        self.action = action
    }
}
