/// SQLPlanner: binds parsed SQL (SQLSyntax's trees) to the catalog and the columnar types, and plans it for
/// SQLExecution. This first part resolves type names; the binder and optimizer build on it.

/// The planner's one error type. Its description starts with the class prefix that DuckDB and Spark users know
/// (`Binder Error:`, `Catalog Error:`), then names the item.
public struct PlannerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A name or type that does not resolve, or an expression of the wrong type.
        case binder = "Binder Error"
        /// A table, schema or function that does not exist, or already does.
        case catalog = "Catalog Error"
        /// A statement that is valid SQL but that this engine does not run.
        case notSupported = "Not implemented Error"
        /// Storage or a table's files failed underneath a statement.
        case io = "IO Error"
        /// A concurrent writer committed first; the statement committed nothing.
        case transaction = "TransactionContext Error"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
