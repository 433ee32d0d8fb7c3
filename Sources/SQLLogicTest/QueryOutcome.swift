/// What an engine under test implements: run one SQL command, return its rows or throw its error. A statement
/// without a result returns `QueryOutcome.statementOK`.
public protocol SQLLogicTestEngine {
    func execute(_ sql: String) throws -> QueryOutcome
}

/// The result of one command: a column count and rows of values.
public struct QueryOutcome: Hashable, Sendable {
    public var columnCount: Int
    public var rows: [[ResultValue]]

    public init(columnCount: Int, rows: [[ResultValue]]) {
        self.columnCount = columnCount
        self.rows = rows
    }

    public static let statementOK = QueryOutcome(columnCount: 0, rows: [])
}

/// One value as the engine produced it; `ResultFormatter` renders it by the query's type letter.
public enum ResultValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)
}
