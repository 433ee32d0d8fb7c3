/// Function calls: arguments (positional or `name => value`), `count(*)`, `DISTINCT`, an ordered aggregate's
/// `ORDER BY`, `SUBSTRING(x FROM a FOR b)`,
/// `FILTER (WHERE ...)` and `OVER (...)` windows with their frames.
extension Parser {
    mutating func parseFunctionCall(_ name: QualifiedName) throws(ParserError) -> FunctionCall {
        try expectSymbol("(")
        var call = FunctionCall(name: name)
        if consumeSymbol("*") {
            call.isStar = true
        } else if !atSymbol(")") {
            if consume(.distinct) {
                call.isDistinct = true
            } else {
                _ = consume(.all)
            }
            if Parser.isPosition(name), let arguments = try parsePositionIn() {
                call.arguments = arguments
            } else {
                call.arguments = try parseArguments(substringForm: Parser.isSubstring(name))
            }
            if consume(.order) {
                try expect(.by)
                call.orderBy = try parseOrderByItems()
            }
        }
        try expectSymbol(")")
        // `WITHIN GROUP (ORDER BY ...)` (ANSI, Spark 4's listagg/string_agg) is the in-call ORDER BY.
        if atWord("WITHIN"), peekIs(.group), call.orderBy.isEmpty {
            advance()
            advance()
            try expectSymbol("(")
            try expect(.order)
            try expect(.by)
            call.orderBy = try parseOrderByItems()
            try expectSymbol(")")
        }
        if at(.filter), peek().isSymbol("(") {
            advance()
            advance()
            try expect(.where)
            call.filter = try parseExpression()
            try expectSymbol(")")
        }
        if consume(.over) {
            call.window = try parseWindowSpecification()
        }
        return call
    }

    private static func isSubstring(_ name: QualifiedName) -> Bool {
        name.parts.count == 1 && ["SUBSTRING", "SUBSTR"].contains(name.name.name.uppercased())
    }

    private static func isPosition(_ name: QualifiedName) -> Bool {
        name.parts.count == 1 && name.name.name.uppercased() == "POSITION"
    }

    /// `POSITION(needle IN haystack)` as `position(haystack, needle)`, the order of `strpos`; nil (nothing
    /// consumed) when the arguments are the plain `position(haystack, needle)` form.
    private mutating func parsePositionIn() throws(ParserError) -> [FunctionArgument]? {
        let start = position
        guard let needle = try? parseBitwiseOr(), consume(.in) else {
            position = start
            return nil
        }
        return [FunctionArgument(value: try parseBitwiseOr()), FunctionArgument(value: needle)]
    }

    /// The argument list; `SUBSTRING(x FROM a [FOR b])` becomes `substring(x, a[, b])`.
    private mutating func parseArguments(substringForm: Bool) throws(ParserError) -> [FunctionArgument] {
        var arguments = [try parseArgument()]
        if substringForm, consume(.from) {
            arguments.append(FunctionArgument(value: try parseExpression()))
            if consume(.for) { arguments.append(FunctionArgument(value: try parseExpression())) }
            return arguments
        }
        while consumeSymbol(",") { arguments.append(try parseArgument()) }
        return arguments
    }

    mutating func parseArgument() throws(ParserError) -> FunctionArgument {
        if current.kind == .word || current.kind == .quotedIdentifier, peek().isSymbol("=>") {
            let name = try nameAfterDot()
            advance()
            return FunctionArgument(name: name, value: try parseExpression())
        }
        return FunctionArgument(value: try parseExpression())
    }

    /// After OVER: `name` or `([PARTITION BY ...] [ORDER BY ...] [frame])`.
    mutating func parseWindowSpecification() throws(ParserError) -> WindowSpecification {
        if let name = optionalIdentifier() { return WindowSpecification(reference: name) }
        try expectSymbol("(")
        var window = WindowSpecification()
        if consume(.partition) {
            try expect(.by)
            window.partitionBy = try parseExpressionList()
        }
        if consume(.order) {
            try expect(.by)
            window.orderBy = try parseOrderByItems()
        }
        if at(.rows) || at(.range) {
            window.frame = try parseWindowFrame()
        }
        try expectSymbol(")")
        return window
    }

    private mutating func parseWindowFrame() throws(ParserError) -> WindowFrame {
        let unit: WindowFrame.Unit = advance().keyword == .rows ? .rows : .range
        guard consume(.between) else { return WindowFrame(unit: unit, start: try parseFrameBound(), end: nil) }
        let start = try parseFrameBound()
        try expect(.and)
        return WindowFrame(unit: unit, start: start, end: try parseFrameBound())
    }

    private mutating func parseFrameBound() throws(ParserError) -> WindowFrame.Bound {
        if consume(.unbounded) {
            if consume(.preceding) { return .unboundedPreceding }
            try expect(.following)
            return .unboundedFollowing
        }
        if consume(.current) {
            try expect(.row)
            return .currentRow
        }
        let offset = try parseBitwiseOr()
        if consume(.preceding) { return .preceding(offset) }
        try expect(.following)
        return .following(offset)
    }

    mutating func parseExpressionList() throws(ParserError) -> [Expression] {
        var list = [try parseExpression()]
        while consumeSymbol(",") { list.append(try parseExpression()) }
        return list
    }

    mutating func parseOrderByItems() throws(ParserError) -> [OrderByItem] {
        var items = [try parseOrderByItem()]
        while consumeSymbol(",") { items.append(try parseOrderByItem()) }
        return items
    }

    private mutating func parseOrderByItem() throws(ParserError) -> OrderByItem {
        var item = OrderByItem(expression: try parseExpression())
        if consume(.asc) {
            item.direction = .ascending
        } else if consume(.desc) {
            item.direction = .descending
        }
        if consume(.nulls) {
            if consume(.first) {
                item.nulls = .first
            } else {
                try expect(.last)
                item.nulls = .last
            }
        }
        return item
    }
}
