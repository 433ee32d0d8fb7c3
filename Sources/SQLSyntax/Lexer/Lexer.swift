/// Turns SQL text into tokens. Works on the UTF-8 bytes; any byte at or above 0x80 is an identifier character, so
/// non-ASCII names need no quoting. Comments (`-- ...` to end of line, `/* ... */`) and whitespace are skipped.
/// Never traps: every malformed input is a `ParserError` naming line:column.
struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ sql: String) {
        bytes = Array(sql.utf8)
    }

    /// All tokens of the input, ending with one `.end` token.
    static func tokenize(_ sql: String) throws(ParserError) -> [Token] {
        var lexer = Lexer(sql)
        var tokens: [Token] = []
        tokens.reserveCapacity(sql.utf8.count / 3)
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    var location: SourceLocation {
        SourceLocation(offset: index, line: line, column: index - lineStart + 1)
    }

    mutating func next() throws(ParserError) -> Token {
        try skipTrivia()
        let start = location
        guard index < bytes.count else { return Token(kind: .end, text: "", location: start, endOffset: index) }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "'"):
            return try stringToken(at: start, escapes: false, from: index)
        case UInt8(ascii: "\""), UInt8(ascii: "`"):
            return try quotedIdentifier(at: start, quote: byte)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number(at: start)
        case UInt8(ascii: "."):
            if index + 1 < bytes.count, bytes[index + 1].isDigit { return try number(at: start) }
            return symbol(at: start, length: 1)
        default:
            if byte.isIdentifierStart { return try word(at: start) }
            return try operatorToken(at: start)
        }
    }

    // MARK: Trivia

    private mutating func skipTrivia() throws(ParserError) {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                index += 1
                line += 1
                lineStart = index
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
                        || byte == 0x0B || byte == 0x0C {
                index += 1
            } else if byte == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                try skipBlockComment()
            } else {
                return
            }
        }
    }

    private mutating func skipBlockComment() throws(ParserError) {
        let start = location
        index += 2
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                index += 2
                return
            }
            advanceOne()
        }
        throw ParserError(.unterminatedComment, "unterminated /* comment", at: start)
    }

    // MARK: Tokens

    private mutating func word(at start: SourceLocation) throws(ParserError) -> Token {
        let from = index
        while index < bytes.count, bytes[index].isIdentifierPart { index += 1 }
        // E'...' strings with backslash escapes, X'...' blobs.
        if index - from == 1, index < bytes.count, bytes[index] == UInt8(ascii: "'") {
            switch bytes[from] | 0x20 {
            case UInt8(ascii: "e"): return try stringToken(at: start, escapes: true, from: from)
            case UInt8(ascii: "x"): return try blob(at: start, from: from)
            default: break
            }
        }
        let text = String(decoding: bytes[from..<index], as: UTF8.self)
        let keyword = Keyword.lookup(bytes[from..<index])
        return Token(kind: .word, text: text, keyword: keyword, location: start, endOffset: index)
    }

    private mutating func stringToken(at start: SourceLocation, escapes: Bool, from: Int) throws(ParserError) -> Token {
        index = from + (escapes ? 2 : 1)
        var value: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") {
                if peek(1) == UInt8(ascii: "'") {
                    value.append(byte)
                    index += 2
                    continue
                }
                index += 1
                return Token(kind: .string, text: String(decoding: value, as: UTF8.self), location: start,
                             endOffset: index)
            }
            if escapes, byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                value.append(Lexer.unescape(bytes[index + 1]))
                index += 2
                continue
            }
            value.append(byte)
            advanceOne()
        }
        throw ParserError(.unterminatedString, "unterminated quoted string", at: start)
    }

    private static func unescape(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): return UInt8(ascii: "\n")
        case UInt8(ascii: "t"): return UInt8(ascii: "\t")
        case UInt8(ascii: "r"): return UInt8(ascii: "\r")
        case UInt8(ascii: "0"): return 0
        default: return byte
        }
    }

    private mutating func blob(at start: SourceLocation, from: Int) throws(ParserError) -> Token {
        index = from + 2
        let digitsStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "'") {
            guard bytes[index].isHexDigit else {
                throw ParserError(.invalidLiteral, "invalid hexadecimal digit in blob literal", at: location)
            }
            index += 1
        }
        guard index < bytes.count else {
            throw ParserError(.unterminatedString, "unterminated blob literal", at: start)
        }
        let digits = String(decoding: bytes[digitsStart..<index], as: UTF8.self)
        index += 1
        guard digits.utf8.count % 2 == 0 else {
            throw ParserError(.invalidLiteral, "blob literal X'\(digits)' has an odd number of hex digits", at: start)
        }
        return Token(kind: .blob, text: digits, location: start, endOffset: index)
    }

    private mutating func quotedIdentifier(at start: SourceLocation, quote: UInt8) throws(ParserError) -> Token {
        index += 1
        var value: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                if peek(1) == quote {
                    value.append(byte)
                    index += 2
                    continue
                }
                index += 1
                guard !value.isEmpty else {
                    throw ParserError(.syntaxError, "zero-length delimited identifier", at: start)
                }
                return Token(kind: .quotedIdentifier, text: String(decoding: value, as: UTF8.self), location: start,
                             endOffset: index)
            }
            value.append(byte)
            advanceOne()
        }
        throw ParserError(.unterminatedString, "unterminated quoted identifier", at: start)
    }

    private mutating func number(at start: SourceLocation) throws(ParserError) -> Token {
        let from = index
        var kind = Token.Kind.integer
        while index < bytes.count, bytes[index].isDigit { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            kind = .decimal
            index += 1
            while index < bytes.count, bytes[index].isDigit { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var probe = index + 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
            if probe < bytes.count, bytes[probe].isDigit {
                kind = .float
                index = probe
                while index < bytes.count, bytes[index].isDigit { index += 1 }
            }
        }
        if index < bytes.count, bytes[index].isIdentifierStart {
            throw ParserError(.invalidLiteral, "trailing junk after numeric literal \"\(String(decoding: bytes[from...index], as: UTF8.self))\"", at: start)
        }
        return Token(kind: kind, text: String(decoding: bytes[from..<index], as: UTF8.self), location: start,
                     endOffset: index)
    }

    private mutating func operatorToken(at start: SourceLocation) throws(ParserError) -> Token {
        let next = peek(1) ?? 0
        let (text, op): (String, BinaryOperator?)
        switch (bytes[index], next) {
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): (text, op) = ("<=", .lessOrEqual)
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): (text, op) = (">=", .greaterOrEqual)
        case (UInt8(ascii: "<"), UInt8(ascii: ">")): (text, op) = ("<>", .notEqual)
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): (text, op) = ("!=", .notEqual)
        case (UInt8(ascii: "="), UInt8(ascii: "=")): (text, op) = ("==", .equal)
        case (UInt8(ascii: "|"), UInt8(ascii: "|")): (text, op) = ("||", .concat)
        case (UInt8(ascii: "<"), UInt8(ascii: "<")): (text, op) = ("<<", .shiftLeft)
        case (UInt8(ascii: ">"), UInt8(ascii: ">")): (text, op) = (">>", .shiftRight)
        case (UInt8(ascii: ":"), UInt8(ascii: ":")): (text, op) = ("::", nil)
        case (UInt8(ascii: "="), UInt8(ascii: ">")): (text, op) = ("=>", nil)
        case (UInt8(ascii: "="), _): (text, op) = ("=", .equal)
        case (UInt8(ascii: "<"), _): (text, op) = ("<", .less)
        case (UInt8(ascii: ">"), _): (text, op) = (">", .greater)
        case (UInt8(ascii: "|"), _): (text, op) = ("|", .bitwiseOr)
        case (UInt8(ascii: "^"), _): (text, op) = ("^", .bitwiseXor)
        case (UInt8(ascii: "&"), _): (text, op) = ("&", .bitwiseAnd)
        case (UInt8(ascii: "+"), _): (text, op) = ("+", .add)
        case (UInt8(ascii: "-"), _): (text, op) = ("-", .subtract)
        case (UInt8(ascii: "*"), _): (text, op) = ("*", .multiply)
        case (UInt8(ascii: "/"), _): (text, op) = ("/", .divide)
        case (UInt8(ascii: "%"), _): (text, op) = ("%", .modulo)
        case (UInt8(ascii: "("), _): (text, op) = ("(", nil)
        case (UInt8(ascii: ")"), _): (text, op) = (")", nil)
        case (UInt8(ascii: ","), _): (text, op) = (",", nil)
        case (UInt8(ascii: ";"), _): (text, op) = (";", nil)
        case (UInt8(ascii: "["), _): (text, op) = ("[", nil)
        case (UInt8(ascii: "]"), _): (text, op) = ("]", nil)
        case (UInt8(ascii: "~"), _): (text, op) = ("~", nil)
        case (UInt8(ascii: ":"), _): (text, op) = (":", nil)
        default:
            let character = bytes[index] < 0x80 ? String(decoding: [bytes[index]], as: UTF8.self)
                : "\\x" + String(bytes[index], radix: 16)
            throw ParserError(.syntaxError, "syntax error at or near \"\(character)\"", at: start)
        }
        index += text.utf8.count
        return Token(kind: .symbol, text: text, binaryOperator: op, location: start, endOffset: index)
    }

    private mutating func symbol(at start: SourceLocation, length: Int) -> Token {
        let text = String(decoding: bytes[index..<(index + length)], as: UTF8.self)
        index += length
        return Token(kind: .symbol, text: text, location: start, endOffset: index)
    }

    // MARK: Helpers

    private func peek(_ ahead: Int) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    /// Steps over one byte inside a string or comment, keeping line numbers right.
    private mutating func advanceOne() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }
}

extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isHexDigit: Bool { isDigit || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "f")) }
    var isIdentifierStart: Bool {
        (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "z")) || self == UInt8(ascii: "_") || self >= 0x80
    }
    var isIdentifierPart: Bool { isIdentifierStart || isDigit || self == UInt8(ascii: "$") }
}
