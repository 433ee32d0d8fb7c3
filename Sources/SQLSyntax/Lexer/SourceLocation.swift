/// Where a token or node starts in the SQL text: a UTF-8 byte offset plus the 1-based line and column (columns
/// count bytes, as DuckDB and PostgreSQL do).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static let start = SourceLocation(offset: 0, line: 1, column: 1)

    public var description: String { "\(line):\(column)" }
}

/// Keeps a node's source location out of its equality: two trees are equal when they spell the same SQL, wherever
/// it was written (so `parse(format(parse(x))) == parse(x)` holds).
@propertyWrapper
public struct IgnoredByEquality<Value: Sendable>: Hashable, Sendable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public static func == (lhs: Self, rhs: Self) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
