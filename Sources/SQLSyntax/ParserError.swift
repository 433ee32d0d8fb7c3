/// The SQLSyntax module's one error type. `description` reads like DuckDB's and PostgreSQL's messages, with the
/// place appended: `Parser Error: syntax error at or near "FORM" at 1:10`.
public struct ParserError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: String, Sendable {
            case syntaxError, unterminatedString, unterminatedComment, invalidLiteral, unsupported, tooDeep
        }
        let value: Value
        /// A token the grammar does not allow where it appears.
        public static let syntaxError = Code(value: .syntaxError)
        /// A string, quoted identifier or blob literal with no closing quote.
        public static let unterminatedString = Code(value: .unterminatedString)
        /// A `/*` comment with no `*/`.
        public static let unterminatedComment = Code(value: .unterminatedComment)
        /// A malformed number, blob, or typed literal.
        public static let invalidLiteral = Code(value: .invalidLiteral)
        /// Valid SQL in some engine that Sluice's dialect does not accept (triggers, REINDEX, REPLACE).
        public static let unsupported = Code(value: .unsupported)
        /// Nesting beyond `Parser.maximumDepth`.
        public static let tooDeep = Code(value: .tooDeep)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// The message without the class prefix or place.
    public var message: String
    public var location: SourceLocation

    public init(_ code: Code, _ message: String, at location: SourceLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "Parser Error: \(message) at \(location.line):\(location.column)" }
}
