/// Type names: Spark's (`STRING`, `ARRAY<INT>`, `MAP<STRING, INT>`, `STRUCT<a: INT>`, `TIMESTAMP_NTZ`), ANSI
/// spellings (`DOUBLE PRECISION`, `CHARACTER VARYING(n)`, `TIMESTAMP WITHOUT TIME ZONE`) and any other name
/// with numeric parameters, as SQLite allows.
extension Parser {
    mutating func parseType() throws(ParserError) -> SQLType {
        try enter()
        defer { leave() }
        guard current.kind == .word || current.kind == .quotedIdentifier else { throw syntaxError() }
        let name = advance().text.uppercased()
        var type = try parseNamedType(name)
        while atSymbol("["), peek().isSymbol("]") {
            advance()
            advance()
            type = .array(type)
        }
        return type
    }

    private mutating func parseNamedType(_ name: String) throws(ParserError) -> SQLType {
        if let simple = Parser.simpleTypes[name] {
            _ = try parseTypeParameters()
            return simple
        }
        switch name {
        case "TINYINT", "BYTE": return .tinyint(unsigned: try parseUnsigned())
        case "SMALLINT", "SHORT", "INT2": return .smallint(unsigned: try parseUnsigned())
        case "INT", "INTEGER", "INT4": return .integer(unsigned: try parseUnsigned())
        case "BIGINT", "LONG", "INT8": return .bigint(unsigned: try parseUnsigned())
        case "DOUBLE":
            if atWord("PRECISION") { advance() }
            return .double
        case "DECIMAL", "DEC", "NUMERIC":
            let parameters = try parseTypeParameters()
            return .decimal(precision: parameters.first, scale: parameters.count > 1 ? parameters[1] : nil)
        case "VARCHAR": return .varchar(length: try parseTypeParameters().first)
        case "CHAR", "CHARACTER":
            if atWord("VARYING") {
                advance()
                return .varchar(length: try parseTypeParameters().first)
            }
            return .char(length: try parseTypeParameters().first)
        case "TIMESTAMP": return try parseTimestampSuffix()
        case "ARRAY", "LIST": return try parseArrayType()
        case "MAP": return try parseMapType()
        case "STRUCT", "ROW": return try parseStructType()
        default: return .named(name, parameters: try parseTypeParameters())
        }
    }

    private static let simpleTypes: [String: SQLType] = [
        "BOOLEAN": .boolean, "BOOL": .boolean, "FLOAT": .float, "FLOAT4": .float, "REAL": .real,
        "FLOAT8": .double, "STRING": .string, "TEXT": .string, "BINARY": .binary, "BLOB": .binary,
        "BYTEA": .binary, "VARBINARY": .binary, "DATE": .date, "TIMESTAMP_NTZ": .timestampNTZ,
        "TIMESTAMP_LTZ": .timestamp, "INTERVAL": .interval,
    ]

    /// `(n)` or `(p, s)` after a type name; MySQL's display widths (`INT(11)`) are read and dropped by callers.
    private mutating func parseTypeParameters() throws(ParserError) -> [Int] {
        guard consumeSymbol("(") else { return [] }
        var values: [Int] = []
        repeat {
            let sign = consumeSymbol("-") ? -1 : 1
            guard current.kind == .integer, let value = Int(current.text) else { throw syntaxError() }
            advance()
            values.append(sign * value)
        } while consumeSymbol(",")
        try expectSymbol(")")
        return values
    }

    private mutating func parseUnsigned() throws(ParserError) -> Bool {
        _ = try parseTypeParameters()
        guard atWord("UNSIGNED") else { return false }
        advance()
        return true
    }

    private mutating func parseTimestampSuffix() throws(ParserError) -> SQLType {
        _ = try parseTypeParameters()
        guard at(.with) || atWord("WITHOUT"), peek().text.uppercased() == "TIME", peek(2).text.uppercased() == "ZONE"
        else { return .timestamp }
        let without = advance().keyword != .with
        advance()
        advance()
        return without ? .timestampNTZ : .timestamp
    }

    private mutating func parseArrayType() throws(ParserError) -> SQLType {
        if consumeSymbol("(") {
            let element = try parseType()
            try expectSymbol(")")
            return .array(element)
        }
        try expectSymbol("<")
        let element = try parseType()
        try expectClosingAngle()
        return .array(element)
    }

    private mutating func parseMapType() throws(ParserError) -> SQLType {
        let parenthesized = consumeSymbol("(")
        if !parenthesized { try expectSymbol("<") }
        let key = try parseType()
        try expectSymbol(",")
        let value = try parseType()
        if parenthesized { try expectSymbol(")") } else { try expectClosingAngle() }
        return .map(key: key, value: value)
    }

    private mutating func parseStructType() throws(ParserError) -> SQLType {
        let parenthesized = consumeSymbol("(")
        if !parenthesized { try expectSymbol("<") }
        var fields: [StructField] = []
        repeat {
            let name = try nameAfterDot()
            _ = consumeSymbol(":")
            fields.append(StructField(name: name, type: try parseType()))
        } while consumeSymbol(",")
        if parenthesized { try expectSymbol(")") } else { try expectClosingAngle() }
        return .struct(fields)
    }
}
