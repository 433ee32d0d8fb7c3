/// SQLSyntax: the lexer, syntax tree and recursive-descent parser of Sluice's SQL dialect, and the formatter that
/// prints trees back to SQL.
///
/// The dialect is Spark SQL as Apache Hudi uses it where engines differ (`USING hudi`, `TBLPROPERTIES`,
/// `TIMESTAMP AS OF`, `MERGE INTO ... UPDATE SET *`, `CALL proc(name => value)`), ANSI otherwise, plus the
/// SQLite forms SQLite's sqllogictest corpus needs. The parser only builds trees: names are not resolved and
/// types not checked (that is SQLPlanner's job). It imports nothing but the standard library, and nothing it
/// is given can make it trap: every failure is a `ParserError` naming the token and its line:column.
public enum SQLParser {
    /// Every statement of a script; statements are separated by `;` and empty statements are skipped.
    public static func parse(_ sql: String) throws(ParserError) -> [Statement] {
        var parser = try Parser(sql)
        var statements: [Statement] = []
        while true {
            while parser.consumeSymbol(";") {}
            if parser.atEnd { return statements }
            statements.append(try parser.parseStatement())
            if !parser.atEnd, !parser.atSymbol(";") { throw parser.syntaxError() }
        }
    }

    /// Exactly one statement, with an optional trailing `;`.
    public static func parseStatement(_ sql: String) throws(ParserError) -> Statement {
        var parser = try Parser(sql)
        let statement = try parser.parseStatement()
        _ = parser.consumeSymbol(";")
        try finish(parser)
        return statement
    }

    /// A query (SELECT, VALUES, WITH ..., set operations).
    public static func parseQuery(_ sql: String) throws(ParserError) -> Query {
        var parser = try Parser(sql)
        let query = try parser.parseQuery()
        try finish(parser)
        return query
    }

    /// A scalar expression on its own.
    public static func parseExpression(_ sql: String) throws(ParserError) -> Expression {
        var parser = try Parser(sql)
        let expression = try parser.parseExpression()
        try finish(parser)
        return expression
    }

    /// A type name (`DECIMAL(10, 2)`, `ARRAY<STRUCT<a: INT>>`).
    public static func parseType(_ sql: String) throws(ParserError) -> SQLType {
        var parser = try Parser(sql)
        let type = try parser.parseType()
        try finish(parser)
        return type
    }

    /// The tokens of `sql`, ending with one `.end` token.
    public static func tokenize(_ sql: String) throws(ParserError) -> [Token] {
        try Lexer.tokenize(sql)
    }

    private static func finish(_ parser: Parser) throws(ParserError) {
        guard parser.atEnd else { throw parser.syntaxError() }
    }
}
