/// A recursive-descent parser over the token array: one method per grammar rule, spread over
/// `Parser+Expression`, `Parser+Query`, `Parser+TableReference`, `Parser+Type` and the statement files.
/// Nesting (parentheses, subqueries, unary chains) is bounded by `maximumDepth`, so no input can exhaust the stack.
struct Parser {
    static let maximumDepth = 200

    private(set) var tokens: [Token]
    var position = 0
    private var depth = 0

    init(_ sql: String) throws(ParserError) {
        tokens = try Lexer.tokenize(sql)
    }

    // MARK: Looking

    var current: Token { tokens[position] }

    func peek(_ ahead: Int = 1) -> Token {
        tokens[min(position + ahead, tokens.count - 1)]
    }

    var atEnd: Bool { current.kind == .end }

    func at(_ keyword: Keyword) -> Bool { current.keyword == keyword }

    func atSymbol(_ symbol: StaticString) -> Bool { current.isSymbol(symbol) }

    func peekIs(_ keyword: Keyword, _ ahead: Int = 1) -> Bool { peek(ahead).keyword == keyword }

    /// Whether the current token is the word `text` (case-insensitive), for words that are not keywords.
    func atWord(_ text: String) -> Bool {
        current.kind == .word && current.text.uppercased() == text
    }

    // MARK: Consuming

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func consume(_ keyword: Keyword) -> Bool {
        guard at(keyword) else { return false }
        advance()
        return true
    }

    mutating func consumeSymbol(_ symbol: StaticString) -> Bool {
        guard atSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expect(_ keyword: Keyword) throws(ParserError) {
        guard consume(keyword) else { throw syntaxError() }
    }

    mutating func expectSymbol(_ symbol: StaticString) throws(ParserError) {
        guard consumeSymbol(symbol) else { throw syntaxError() }
    }

    /// Consumes a `>` closing `ARRAY<...>`; a `>>` or `>=` token is split so nested types close one at a time.
    mutating func expectClosingAngle() throws(ParserError) {
        if consumeSymbol(">") { return }
        guard current.kind == .symbol, current.text.hasPrefix(">"), current.text.utf8.count == 2 else {
            throw syntaxError()
        }
        var location = current.location
        location.offset += 1
        location.column += 1
        tokens[position] = Token(kind: .symbol, text: String(current.text.dropFirst()), location: location,
                                 endOffset: current.endOffset)
    }

    /// Backtracking for the few places where one token of lookahead cannot decide (`((SELECT ...) ...)` in FROM).
    mutating func rewind(to saved: Int) { position = saved }

    // MARK: Names

    /// A bare word that is not a reserved keyword, or a quoted identifier.
    mutating func identifier() throws(ParserError) -> Identifier {
        guard let name = optionalIdentifier() else { throw syntaxError() }
        return name
    }

    mutating func optionalIdentifier() -> Identifier? {
        let token = current
        switch token.kind {
        case .quotedIdentifier:
            advance()
            return Identifier(token.text, isQuoted: true, location: token.location)
        case .word where !(token.keyword?.isReserved ?? false):
            advance()
            return Identifier(token.text, location: token.location)
        default:
            return nil
        }
    }

    /// Whether the current token could start an identifier.
    var atIdentifier: Bool {
        current.kind == .quotedIdentifier || (current.kind == .word && !(current.keyword?.isReserved ?? false))
    }

    /// After a dot any word is a name, reserved or not (`t.order`, `s.end`).
    mutating func nameAfterDot() throws(ParserError) -> Identifier {
        let token = current
        switch token.kind {
        case .quotedIdentifier:
            advance()
            return Identifier(token.text, isQuoted: true, location: token.location)
        case .word:
            advance()
            return Identifier(token.text, location: token.location)
        default:
            throw syntaxError()
        }
    }

    mutating func qualifiedName() throws(ParserError) -> QualifiedName {
        var parts = [try identifier()]
        while atSymbol("."), peek().kind == .word || peek().kind == .quotedIdentifier {
            advance()
            parts.append(try nameAfterDot())
        }
        return QualifiedName(parts)
    }

    /// `(a, b, c)`.
    mutating func parenthesizedIdentifiers() throws(ParserError) -> [Identifier] {
        try expectSymbol("(")
        var names = [try identifier()]
        while consumeSymbol(",") { names.append(try identifier()) }
        try expectSymbol(")")
        return names
    }

    mutating func stringLiteral() throws(ParserError) -> String {
        guard current.kind == .string else { throw syntaxError() }
        return advance().text
    }

    // MARK: Nesting and errors

    mutating func enter() throws(ParserError) {
        depth += 1
        guard depth <= Parser.maximumDepth else {
            throw ParserError(.tooDeep, "expression or query nested deeper than \(Parser.maximumDepth) levels",
                              at: current.location)
        }
    }

    mutating func leave() { depth -= 1 }

    func syntaxError() -> ParserError {
        let token = current
        if token.kind == .end {
            return ParserError(.syntaxError, "syntax error at end of input", at: token.location)
        }
        return ParserError(.syntaxError, "syntax error at or near \(token.quoted)", at: token.location)
    }

    func unsupported(_ what: String, at location: SourceLocation) -> ParserError {
        ParserError(.unsupported, "\(what) is not supported", at: location)
    }
}
