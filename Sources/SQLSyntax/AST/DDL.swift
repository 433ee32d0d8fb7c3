/// `CREATE TABLE [IF NOT EXISTS] name (columns) [USING fmt] [PRIMARY KEY (...)] [PARTITIONED BY (...)]
/// [TBLPROPERTIES (...)] [OPTIONS (...)] [LOCATION '...'] [COMMENT '...'] [AS query]`: Spark's clauses in any order,
/// and SQLite's plain `CREATE TABLE t(a INTEGER, b TEXT UNIQUE)`.
public struct CreateTable: Hashable, Sendable {
    public var name: QualifiedName
    public var ifNotExists: Bool
    public var orReplace: Bool
    public var isTemporary: Bool
    public var columns: [ColumnDefinition]
    public var constraints: [TableConstraint]
    /// `USING hudi`, `USING parquet`.
    public var using: Identifier?
    /// `PARTITIONED BY (a, b)`.
    public var partitionedBy: [Identifier]
    /// `TBLPROPERTIES (k = 'v')`, Hudi's `primaryKey`, `preCombineField`, `type`.
    public var properties: [Property]
    /// `OPTIONS (k = 'v')`.
    public var options: [Property]
    /// `LOCATION '...'`: where the table lives.
    public var path: String?
    public var comment: String?
    /// `AS query` (CTAS).
    public var query: Query?

    public init(name: QualifiedName, ifNotExists: Bool = false, orReplace: Bool = false, isTemporary: Bool = false,
                columns: [ColumnDefinition] = [], constraints: [TableConstraint] = [], using: Identifier? = nil,
                partitionedBy: [Identifier] = [], properties: [Property] = [], options: [Property] = [],
                path: String? = nil, comment: String? = nil, query: Query? = nil) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.orReplace = orReplace
        self.isTemporary = isTemporary
        self.columns = columns
        self.constraints = constraints
        self.using = using
        self.partitionedBy = partitionedBy
        self.properties = properties
        self.options = options
        self.path = path
        self.comment = comment
        self.query = query
    }
}

public struct ColumnDefinition: Hashable, Sendable {
    public var name: Identifier
    /// Nil only in SQLite's typeless columns (`CREATE TABLE t(a, b)`).
    public var type: SQLType?
    public var notNull: Bool
    public var primaryKey: Bool
    public var unique: Bool
    public var defaultValue: Expression?
    public var comment: String?

    public init(name: Identifier, type: SQLType?, notNull: Bool = false, primaryKey: Bool = false,
                unique: Bool = false, defaultValue: Expression? = nil, comment: String? = nil) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.primaryKey = primaryKey
        self.unique = unique
        self.defaultValue = defaultValue
        self.comment = comment
    }
}

/// A constraint listed among the columns, or Spark/Hudi's `PRIMARY KEY (...)` after them.
public enum TableConstraint: Hashable, Sendable {
    case primaryKey([Identifier])
    case unique([Identifier])
}

/// `key = 'value'` in TBLPROPERTIES and OPTIONS; the key may be dotted (`hoodie.datasource.write.operation`)
/// or quoted.
public struct Property: Hashable, Sendable {
    public var key: String
    public var value: Expression

    public init(key: String, value: Expression) {
        self.key = key
        self.value = value
    }
}

/// `CREATE [OR REPLACE] [TEMP|TEMPORARY] VIEW [IF NOT EXISTS] name [(columns)] AS query`.
public struct CreateView: Hashable, Sendable {
    public var name: QualifiedName
    public var orReplace: Bool
    public var isTemporary: Bool
    public var ifNotExists: Bool
    public var columns: [Identifier]
    public var query: Query

    public init(name: QualifiedName, orReplace: Bool = false, isTemporary: Bool = false, ifNotExists: Bool = false,
                columns: [Identifier] = [], query: Query) {
        self.name = name
        self.orReplace = orReplace
        self.isTemporary = isTemporary
        self.ifNotExists = ifNotExists
        self.columns = columns
        self.query = query
    }
}

/// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (expressions)`.
public struct CreateIndex: Hashable, Sendable {
    public var name: QualifiedName
    public var table: QualifiedName
    public var isUnique: Bool
    public var ifNotExists: Bool
    public var columns: [OrderByItem]

    public init(name: QualifiedName, table: QualifiedName, isUnique: Bool = false, ifNotExists: Bool = false,
                columns: [OrderByItem]) {
        self.name = name
        self.table = table
        self.isUnique = isUnique
        self.ifNotExists = ifNotExists
        self.columns = columns
    }
}

/// `DROP TABLE|VIEW|INDEX [IF EXISTS] name [PURGE] [CASCADE|RESTRICT]`.
public struct Drop: Hashable, Sendable {
    public enum ObjectKind: String, Hashable, Sendable { case table = "TABLE", view = "VIEW", index = "INDEX" }

    public var objectKind: ObjectKind
    public var ifExists: Bool
    public var name: QualifiedName
    /// Spark's PURGE: delete the data, not only the catalog entry.
    public var purge: Bool
    public var cascade: Bool

    public init(objectKind: ObjectKind, ifExists: Bool = false, name: QualifiedName, purge: Bool = false,
                cascade: Bool = false) {
        self.objectKind = objectKind
        self.ifExists = ifExists
        self.name = name
        self.purge = purge
        self.cascade = cascade
    }
}

/// `ALTER TABLE t ADD COLUMN(S) ...` and `ALTER TABLE t ALTER COLUMN c TYPE t`.
public struct AlterTable: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case addColumns([ColumnDefinition])
        case alterColumnType(column: [Identifier], type: SQLType)
        case renameTo(QualifiedName)
        case dropColumns([Identifier])
        /// `RENAME COLUMN a TO b`.
        case renameColumn(column: [Identifier], to: Identifier)
    }

    public var name: QualifiedName
    public var action: Action

    public init(name: QualifiedName, action: Action) {
        self.name = name
        self.action = action
    }
}
