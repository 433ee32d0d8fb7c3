import SQLSyntax
import Testing

/// The lexer and parser must throw, never trap, whatever they are given: random bytes, random token soups, and
/// corpus statements with tokens dropped or swapped. Whatever parses must also round-trip through the formatter.
@Suite struct FuzzTests {
    /// SplitMix64, so failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func check(_ sql: String) {
        guard let statements = try? SQLParser.parse(sql) else { return }
        for statement in statements {
            let printed = SQLFormatter.statement(statement)
            #expect((try? SQLParser.parseStatement(printed)) == statement, "\(sql)\n=> \(printed)")
        }
    }

    @Test func randomBytes() {
        var random = Generator(state: 1)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0..<80, using: &random)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            check(String(decoding: bytes, as: UTF8.self))
            _ = SQLScript.isComplete(String(decoding: bytes, as: UTF8.self))
        }
    }

    static let vocabulary = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "ALL", "INTERSECT",
        "EXCEPT", "JOIN", "LEFT", "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "LIKE",
        "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "INT", "EXISTS", "DISTINCT", "OVER", "PARTITION", "ROWS",
        "VALUES", "WITH", "INSERT", "INTO", "UPDATE", "SET", "DELETE", "CREATE", "TABLE", "DROP", "MERGE", "MATCHED",
        "TIMESTAMP", "OF", "INTERVAL", "DAY", "ARRAY", "<", ">", "(", ")", "(", ")", ",", ".", "*", "+", "-", "/",
        "=", "<>", "::", "[", "]", "=>", ";", "a", "b", "t", "u", "1", "2.5", "'s'", "\"q\"", "f", "count",
    ]

    @Test func randomTokenSoup() {
        var random = Generator(state: 2)
        for _ in 0..<5_000 {
            let count = Int.random(in: 1..<25, using: &random)
            let words = (0..<count).map { _ in Self.vocabulary.randomElement(using: &random) ?? "" }
            check(words.joined(separator: " "))
        }
    }

    @Test func mutatedValidStatements() throws {
        var random = Generator(state: 3)
        for sql in FormatterTests.statements {
            let tokens = try SQLParser.tokenize(sql).dropLast()
            let spans = tokens.map { token in
                let utf8 = Array(sql.utf8)
                return String(decoding: utf8[token.location.offset..<token.endOffset], as: UTF8.self)
            }
            for _ in 0..<60 {
                var mutated = spans
                switch Int.random(in: 0..<3, using: &random) {
                case 0: mutated.remove(at: Int.random(in: 0..<mutated.count, using: &random))
                case 1: mutated.swapAt(Int.random(in: 0..<mutated.count, using: &random),
                                       Int.random(in: 0..<mutated.count, using: &random))
                default: mutated.insert(Self.vocabulary.randomElement(using: &random) ?? "",
                                        at: Int.random(in: 0...mutated.count, using: &random))
                }
                check(mutated.joined(separator: " "))
            }
        }
    }
}
