/// Splits a script into statements on `;` outside strings, quoted identifiers and comments, and tells a shell
/// whether its buffer holds a complete statement yet. Works on bytes without tokenizing, so it accepts text
/// the parser would reject (the parser reports those errors, with positions, when the statement runs).
public enum SQLScript {
    /// One piece of a script: the statement's text (without the `;`) and where it starts.
    public struct Piece: Hashable, Sendable {
        public var text: String
        public var location: SourceLocation
    }

    /// The non-blank statements of `script`. A last statement without `;` is included.
    public static func split(_ script: String) -> [Piece] {
        var scanner = Scanner(Array(script.utf8))
        var pieces: [Piece] = []
        while let (range, location) = scanner.nextStatement() {
            let bytes = scanner.bytes[range]
            if !Scanner.isBlank(bytes) {
                pieces.append(Piece(text: String(decoding: bytes, as: UTF8.self), location: location))
            }
        }
        return pieces
    }

    /// Whether `buffer` ends a statement: it has a `;` outside strings and comments, after which only
    /// whitespace and comments follow, and no string, quoted identifier or block comment is left open.
    public static func isComplete(_ buffer: String) -> Bool {
        var scanner = Scanner(Array(buffer.utf8))
        var sawTerminator = false
        var trailingText = false
        while let (range, _) = scanner.nextStatement() {
            if scanner.endedWithSemicolon {
                sawTerminator = true
                trailingText = false
            } else {
                trailingText = !Scanner.isBlank(scanner.bytes[range])
            }
        }
        return sawTerminator && !trailingText && !scanner.unterminated
    }

    /// The byte scanner behind both functions.
    struct Scanner {
        let bytes: [UInt8]
        private var index = 0
        private var line = 1
        private var lineStart = 0
        private(set) var endedWithSemicolon = false
        /// A string, quoted identifier or block comment runs to the end of the input.
        private(set) var unterminated = false

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func nextStatement() -> (Range<Int>, SourceLocation)? {
            skipWhitespace()
            guard index < bytes.count else { return nil }
            let start = index
            let location = SourceLocation(offset: index, line: line, column: index - lineStart + 1)
            endedWithSemicolon = false
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: ";"):
                    index += 1
                    endedWithSemicolon = true
                    return (start..<(index - 1), location)
                case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                    skipQuoted(byte)
                case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                    skipBlockComment()
                default:
                    step()
                }
            }
            return (start..<index, location)
        }

        private var next: UInt8? { index + 1 < bytes.count ? bytes[index + 1] : nil }

        private mutating func step() {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }

        private mutating func skipWhitespace() {
            while index < bytes.count, bytes[index] == 0x20 || (bytes[index] >= 0x09 && bytes[index] <= 0x0D) {
                step()
            }
        }

        /// Past a quoted run; a doubled quote is an escaped quote and stays inside.
        private mutating func skipQuoted(_ quote: UInt8) {
            index += 1
            while index < bytes.count {
                if bytes[index] == quote {
                    if next == quote {
                        index += 2
                        continue
                    }
                    index += 1
                    return
                }
                step()
            }
            unterminated = true
        }

        private mutating func skipBlockComment() {
            index += 2
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "*"), next == UInt8(ascii: "/") {
                    index += 2
                    return
                }
                step()
            }
            unterminated = true
        }

        /// Only whitespace and comments.
        static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard let tokens = try? Lexer.tokenize(String(decoding: bytes, as: UTF8.self)) else { return false }
            return tokens.count == 1
        }
    }
}
