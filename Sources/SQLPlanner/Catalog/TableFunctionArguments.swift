import Columnar

/// A table function's or procedure's arguments as constants: positional ones in order, then named ones
/// (`header => true`, DuckDB's `header = true`) with lower-cased names, in the order written.
public struct TableFunctionArguments: Sendable, Hashable {
    public var positional: [Value]
    public var named: [(name: String, value: Value)]

    public init(positional: [Value] = [], named: [(name: String, value: Value)] = []) {
        self.positional = positional
        self.named = named
    }

    /// The named argument `name` (lower-case), if given.
    public subscript(name: String) -> Value? {
        named.last { $0.name == name }?.value
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.positional == b.positional && a.named.map(\.name) == b.named.map(\.name)
            && a.named.map(\.value) == b.named.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(positional)
        for (name, value) in named {
            hasher.combine(name)
            hasher.combine(value)
        }
    }
}

extension TableFunctionProvider {
    /// Providers that take no named arguments implement the positional form only.
    public func table(function name: String, arguments: TableFunctionArguments) throws -> (any TableProvider)? {
        if let first = arguments.named.first {
            throw PlannerError(.binder, "\(name) takes no named argument \(first.name)")
        }
        return try table(function: name, arguments: arguments.positional)
    }
}
