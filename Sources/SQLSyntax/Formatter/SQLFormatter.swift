/// Prints syntax trees back to SQL on one line, in upper-case keywords, with the parentheses precedence needs
/// and no others. For any tree the parser built, `parse(format(tree)) == tree` (locations aside). EXPLAIN and
/// SHOW CREATE TABLE print through it, and every node's `description` uses it.
public enum SQLFormatter {
    public static func statement(_ statement: Statement) -> String {
        formatStatement(statement)
    }

    public static func query(_ query: Query) -> String {
        formatQuery(query)
    }

    public static func expression(_ expression: Expression) -> String {
        format(expression, needing: 0)
    }

    /// A name, double-quoted when it was quoted or when it would not read back as the same bare name.
    public static func identifier(_ identifier: Identifier) -> String {
        self.identifier(identifier, reservedAllowed: false)
    }

    /// `reservedAllowed` where the parser reads any word as a name: after a dot (`t.order`) and as a function
    /// name (`left(s, 2)`).
    static func identifier(_ identifier: Identifier, reservedAllowed: Bool) -> String {
        if identifier.isQuoted || !isBareName(identifier.name, reservedAllowed: reservedAllowed) {
            return quoted(identifier.name, by: "\"")
        }
        return identifier.name
    }

    static func names(_ identifiers: [Identifier]) -> String {
        identifiers.map(identifier).joined(separator: ", ")
    }

    static func path(_ identifiers: [Identifier]) -> String {
        identifiers.enumerated().map { identifier($1, reservedAllowed: $0 > 0) }.joined(separator: ".")
    }

    private static func isBareName(_ name: String, reservedAllowed: Bool) -> Bool {
        guard let first = name.utf8.first, first.isIdentifierStart, name.utf8.allSatisfy(\.isIdentifierPart) else {
            return false
        }
        return reservedAllowed || !(Keyword.lookup(Array(name.utf8)[...])?.isReserved ?? false)
    }

    public static func string(_ value: String) -> String {
        quoted(value, by: "'")
    }

    /// `text` between `quote`s, each quote inside doubled. Works on scalars: a quote followed by a combining
    /// mark is one Character but still a quote to the lexer.
    private static func quoted(_ text: String, by quote: Unicode.Scalar) -> String {
        var result = String.UnicodeScalarView()
        result.append(quote)
        for scalar in text.unicodeScalars {
            if scalar == quote { result.append(quote) }
            result.append(scalar)
        }
        result.append(quote)
        return String(result)
    }

    static func literal(_ literal: Literal) -> String {
        switch literal {
        case .null: return "NULL"
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .integer(let text), .decimal(let text), .float(let text): return text
        case .string(let value): return string(value)
        case .blob(let hex): return "X'\(hex)'"
        case .typed(let type, let value): return "\(SQLFormatter.type(type)) \(string(value))"
        case .interval(let value, let unit):
            return "INTERVAL \(string(value))" + (unit.map { " \($0.rawValue)" } ?? "")
        }
    }

    public static func type(_ type: SQLType) -> String {
        switch type {
        case .boolean: return "BOOLEAN"
        case .tinyint(let unsigned): return "TINYINT" + (unsigned ? " UNSIGNED" : "")
        case .smallint(let unsigned): return "SMALLINT" + (unsigned ? " UNSIGNED" : "")
        case .integer(let unsigned): return "INTEGER" + (unsigned ? " UNSIGNED" : "")
        case .bigint(let unsigned): return "BIGINT" + (unsigned ? " UNSIGNED" : "")
        case .float: return "FLOAT"
        case .real: return "REAL"
        case .double: return "DOUBLE"
        case .decimal(let precision, let scale):
            return "DECIMAL" + parameters([precision, scale].compactMap { $0 })
        case .string: return "STRING"
        case .varchar(let length): return "VARCHAR" + parameters(length.map { [$0] } ?? [])
        case .char(let length): return "CHAR" + parameters(length.map { [$0] } ?? [])
        case .binary: return "BINARY"
        case .date: return "DATE"
        case .timestamp: return "TIMESTAMP"
        case .timestampNTZ: return "TIMESTAMP_NTZ"
        case .interval: return "INTERVAL"
        case .array(let element): return "ARRAY<\(SQLFormatter.type(element))>"
        case .map(let key, let value): return "MAP<\(SQLFormatter.type(key)), \(SQLFormatter.type(value))>"
        case .struct(let fields):
            return "STRUCT<" + fields.map { "\(identifier($0.name, reservedAllowed: true)): \(SQLFormatter.type($0.type))" }
                .joined(separator: ", ") + ">"
        case .named(let name, let values): return name + parameters(values)
        }
    }

    private static func parameters(_ values: [Int]) -> String {
        values.isEmpty ? "" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }
}
