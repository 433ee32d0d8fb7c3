/// A type as SQL spells it. Synonyms collapse (`INT` = `INTEGER`, `STRING` = `TEXT` stays distinct from
/// `VARCHAR(n)` only by its length); `named` keeps any other spelling (SQLite accepts any type name) for the
/// binder to accept or reject.
public indirect enum SQLType: Hashable, Sendable, CustomStringConvertible {
    case boolean
    case tinyint(unsigned: Bool)
    case smallint(unsigned: Bool)
    case integer(unsigned: Bool)
    case bigint(unsigned: Bool)
    /// `FLOAT`, `FLOAT4`: 32-bit in Spark and DuckDB.
    case float
    /// `REAL`: 32-bit in Spark and DuckDB, 64-bit in SQLite; kept apart so the binder can choose.
    case real
    /// `DOUBLE`, `DOUBLE PRECISION`, `FLOAT8`.
    case double
    /// `DECIMAL(p, s)`, `NUMERIC(p, s)`, `DEC`; nil where not written.
    case decimal(precision: Int?, scale: Int?)
    /// `STRING`, `TEXT`.
    case string
    /// `VARCHAR(n)`, `CHARACTER VARYING(n)`.
    case varchar(length: Int?)
    /// `CHAR(n)`, `CHARACTER(n)`.
    case char(length: Int?)
    /// `BINARY`, `BLOB`, `BYTEA`, `VARBINARY`.
    case binary
    case date
    /// `TIMESTAMP` (Spark: with local time zone).
    case timestamp
    /// `TIMESTAMP_NTZ`, `TIMESTAMP WITHOUT TIME ZONE`.
    case timestampNTZ
    case interval
    /// `ARRAY<t>` (also DuckDB's `t[]`).
    case array(SQLType)
    /// `MAP<k, v>`.
    case map(key: SQLType, value: SQLType)
    /// `STRUCT<a: t, b t>`.
    case `struct`([StructField])
    /// Any other type name with its numeric parameters, upper-cased: `SIGNED`, `MEDIUMINT`, `NVARCHAR(10)`.
    case named(String, parameters: [Int])

    public var description: String { SQLFormatter.type(self) }
}

public struct StructField: Hashable, Sendable {
    public var name: Identifier
    public var type: SQLType

    public init(name: Identifier, type: SQLType) {
        self.name = name
        self.type = type
    }
}
