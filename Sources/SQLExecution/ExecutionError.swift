import Columnar

/// The one error type of SQLExecution. `message` begins with the DuckDB-style class prefix of `code`
/// ("Out of Range Error: ...") so sqllogictest files can match the class with a regex.
public struct ExecutionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// Integer overflow, division by zero, a value outside a type's range.
        case outOfRange
        /// A CAST that cannot convert a value.
        case conversion
        /// A bad argument: an invalid pattern, a negative count, an unknown date part.
        case invalidInput
        /// Types an operator or function does not accept; the planner should not have produced it.
        case mismatchType
        /// A broken invariant inside the executor.
        case `internal`
        /// The statement was cancelled (Ctrl-C in the shell).
        case interrupted
        /// A blocking operator cannot fit in `memory_limit`, even by spilling.
        case outOfMemory
        /// Reading or writing a temporary (spill) file failed.
        case io

        public var prefix: String {
            switch self {
            case .outOfRange: "Out of Range Error"
            case .conversion: "Conversion Error"
            case .invalidInput: "Invalid Input Error"
            case .mismatchType: "Binder Error"
            case .internal: "Internal Error"
            case .interrupted: "INTERRUPT Error"
            case .outOfMemory: "Out of Memory Error"
            case .io: "IO Error"
            }
        }
    }

    public let code: Code
    /// The full message, prefix included.
    public let message: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.message = "\(code.prefix): \(detail)"
    }

    public var description: String { message }

    static func overflow(_ operation: String, _ type: DataType, _ lhs: some Any, _ rhs: some Any, _ symbol: String)
        -> ExecutionError
    {
        ExecutionError(.outOfRange, "Overflow in \(operation) of \(type.sqlName) (\(lhs) \(symbol) \(rhs))")
    }

    static func divisionByZero(_ type: DataType, _ lhs: some Any, _ symbol: String) -> ExecutionError {
        ExecutionError(.outOfRange, "Division by zero in \(type.sqlName) (\(lhs) \(symbol) 0)")
    }

    static func conversion(_ text: String, to type: DataType) -> ExecutionError {
        ExecutionError(.conversion, "Could not convert string '\(text)' to \(type.sqlName)")
    }

    static func mismatch(_ detail: String) -> ExecutionError { ExecutionError(.mismatchType, detail) }
}
