/// The SQLLogicTest module's one error type: a malformed test file, naming the file and line.
public struct SQLLogicTestError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: String, Sendable { case unknownDirective, malformedDirective, unknownSortMode, unbalancedLoop }
        let value: Value
        /// A record's first word is not a directive of either dialect.
        public static let unknownDirective = Code(value: .unknownDirective)
        /// A directive with missing or invalid arguments (`hash-threshold x`, `query` without types).
        public static let malformedDirective = Code(value: .malformedDirective)
        /// `query I sorted` (SQLite's "unknown sort method").
        public static let unknownSortMode = Code(value: .unknownSortMode)
        /// `endloop` without `loop`/`foreach`, or a loop left open at the end of the file.
        public static let unbalancedLoop = Code(value: .unbalancedLoop)

        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String
    public var location: RecordLocation

    public init(_ code: Code, _ message: String, at location: RecordLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}
