/// `CALL name(arguments)`: Hudi's procedures (`show_commits`, `run_clean`, ...), supplied by the layer that
/// knows tables. Arguments arrive as constants, named (`table => 't'`) or positional.
public protocol ProcedureProvider: AnyObject {
    /// The procedure's rows; nil when `name` (lower-case) is not a procedure this provider knows.
    func call(procedure name: String, arguments: TableFunctionArguments) throws -> QueryResult?
}
