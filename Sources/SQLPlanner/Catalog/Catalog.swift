import Columnar
import SQLExecution

/// What SQL sees of a table: its schema, a scan, and size estimates. Formats (memory, Parquet, Hudi) implement
/// it; the planner never knows which one it reads.
public protocol TableProvider: AnyObject {
    var schema: Schema { get }
    /// Batches of the columns `projection` (indices into `schema`), holding only rows where every filter is
    /// TRUE. Filters reference `schema`'s column indices (not the projected ones).
    func scan(projection: [Int], filters: [PhysicalExpression]) throws -> any BatchSource
    var statistics: TableStatistics { get }
}

/// A table the engine can write to (the memory catalog's tables; Hudi tables later).
public protocol MutableTableProvider: TableProvider {
    /// Appends rows of `schema`'s columns.
    func append(_ batches: [Batch]) throws
    /// Replaces all rows.
    func replace(with batches: [Batch]) throws
}

/// Estimates the optimizer uses; nil when unknown.
public struct TableStatistics: Sendable, Hashable {
    public var rowCount: Int?
    /// Upper bounds on the distinct non-NULL values of columns, by index into the provider's schema (for
    /// integers, max - min + 1 over the files' statistics); join cardinality estimates divide by them.
    public var distinctCounts: [Int: Int]

    public init(rowCount: Int? = nil, distinctCounts: [Int: Int] = [:]) {
        self.rowCount = rowCount
        self.distinctCounts = distinctCounts
    }
}

/// Tables by name. Names compare case-insensitively (the unquoted SQL spelling), as in DuckDB and Spark.
public protocol Catalog: AnyObject {
    func lookup(_ name: String) throws -> (any TableProvider)?
    /// Creates an empty table; throws a Catalog Error if it exists.
    func create(_ name: String, schema: Schema) throws -> any TableProvider
    /// Throws a Catalog Error if it does not exist.
    func drop(_ name: String) throws
    func tableNames() throws -> [String]
    /// The table as of a version: `TIMESTAMP AS OF` / `VERSION AS OF` text. Catalogs without versions throw.
    func lookup(_ name: String, asOf version: String) throws -> (any TableProvider)?
}

extension Catalog {
    public func lookup(_ name: String, asOf version: String) throws -> (any TableProvider)? {
        throw PlannerError(.notSupported, "time travel on \(name): this catalog keeps no versions")
    }
}

/// Table functions (`read_parquet('x')`, `hudi_scan('uri')`) and quoted paths in FROM (`FROM 'x.parquet'`),
/// supplied by the layer that knows formats. Arguments arrive as constant values.
public protocol TableFunctionProvider: AnyObject {
    /// Nil when `name` is not a table function this provider knows.
    func table(function name: String, arguments: [Value]) throws -> (any TableProvider)?
    /// With named arguments (`read_csv('x.csv', header => true)`); defaults to the positional form.
    func table(function name: String, arguments: TableFunctionArguments) throws -> (any TableProvider)?
    /// A path written in FROM; nil when its format is not known.
    func table(path: String) throws -> (any TableProvider)?
}
