/// One lexical token. `text` is the token as the parser needs it: the word as written, the unescaped contents of
/// a string or quoted identifier, the digits of a number, the characters of an operator.
public struct Token: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// An unquoted word: an identifier or a keyword (see `keyword`).
        case word
        /// `"name"` or `` `name` ``.
        case quotedIdentifier
        /// `'text'`, or `E'text'` with backslash escapes already applied.
        case string
        /// `X'hex'`: the hex digits.
        case blob
        /// An unsigned integer (`42`).
        case integer
        /// A number with a point and no exponent (`1.5`, `.5`, `3.`).
        case decimal
        /// A number with an exponent (`1e10`, `2.5E-3`).
        case float
        /// Punctuation or an operator (`(`, `<=`, `::`, `=>`).
        case symbol
        /// The end of the input.
        case end
    }

    public var kind: Kind
    public var text: String
    /// For `.word` tokens that spell a keyword the parser knows.
    public var keyword: Keyword?
    /// For symbols and `DIV` that are binary operators (`-` is also unary; the parser decides by position).
    public var binaryOperator: BinaryOperator?
    public var location: SourceLocation
    /// The UTF-8 byte offset just past the token.
    public var endOffset: Int

    public init(kind: Kind, text: String, keyword: Keyword? = nil, binaryOperator: BinaryOperator? = nil,
                location: SourceLocation, endOffset: Int) {
        self.kind = kind
        self.text = text
        self.keyword = keyword
        self.binaryOperator = binaryOperator ?? (keyword == .div ? .integerDivide : nil)
        self.location = location
        self.endOffset = endOffset
    }

    /// The token as an error message quotes it (`"FORM"`), PostgreSQL style.
    var quoted: String {
        switch kind {
        case .end: return "end of input"
        case .string: return "\"'\(text)'\""
        case .blob: return "\"X'\(text)'\""
        default: return "\"\(text)\""
        }
    }

    /// Compares bytes, not Strings: the parser asks this of nearly every token.
    func isSymbol(_ symbol: StaticString) -> Bool {
        guard kind == .symbol else { return false }
        var ownBytes = text.utf8.makeIterator()
        let length = symbol.utf8CodeUnitCount
        for index in 0..<length where ownBytes.next() != symbol.utf8Start[index] { return false }
        return ownBytes.next() == nil
    }
}
