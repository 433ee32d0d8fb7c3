import SQLSyntax
import Testing

/// Precedence and associativity, checked by comparing trees with explicitly parenthesized equivalents, and the
/// shape of every expression form.
@Suite struct ExpressionTests {
    private func parse(_ sql: String) throws -> Expression { try SQLParser.parseExpression(sql) }

    @Test(arguments: [
        ("a OR b AND c", "a OR (b AND c)"),
        ("NOT a AND b", "(NOT a) AND b"),
        ("NOT a = b", "NOT (a = b)"),
        ("a = b OR c <> d", "(a = b) OR (c <> d)"),
        ("a + b * c", "a + (b * c)"),
        ("a - b - c", "(a - b) - c"),
        ("a / b * c % d", "((a / b) * c) % d"),
        ("a DIV b + c", "(a DIV b) + c"),
        ("a || b + c", "(a || b) + c"),
        ("a < b + 1", "a < (b + 1)"),
        ("a = b < c", "a = (b < c)"),
        ("a = b IN (1, 2)", "(a = b) IN (1, 2)"),
        ("a IN (1) = b", "(a IN (1)) = b"),
        ("a | b & c", "a | (b & c)"),
        ("a & b << 2", "a & (b << 2)"),
        ("a ^ b | c", "(a ^ b) | c"),
        ("- a * b", "(- a) * b"),
        ("- a::INT", "- (a::INT)"),
        ("~ a + b", "(~ a) + b"),
        ("a BETWEEN b + 1 AND c * 2 AND d", "(a BETWEEN (b + 1) AND (c * 2)) AND d"),
        ("NOT a BETWEEN 1 AND 2", "NOT (a BETWEEN 1 AND 2)"),
        ("a IS NULL = FALSE", "(a IS NULL) = FALSE"),
        ("a LIKE 'x' || 'y'", "a LIKE ('x' || 'y')"),
        ("x = 1 AND y = 2 OR z = 3 AND NOT w", "((x = 1) AND (y = 2)) OR ((z = 3) AND (NOT w))"),
    ])
    func precedence(sql: String, explicit: String) throws {
        #expect(try parse(sql) == parse(explicit))
    }

    @Test func literals() throws {
        #expect(try parse("42").kind == .literal(.integer("42")))
        #expect(try parse("123456789012345678901234567890").kind == .literal(.integer("123456789012345678901234567890")))
        #expect(try parse("1.50").kind == .literal(.decimal("1.50")))
        #expect(try parse("1e-3").kind == .literal(.float("1e-3")))
        #expect(try parse("'it''s'").kind == .literal(.string("it's")))
        #expect(try parse("E'tab\\there'").kind == .literal(.string("tab\there")))
        #expect(try parse("TRUE").kind == .literal(.boolean(true)))
        #expect(try parse("null").kind == .literal(.null))
        #expect(try parse("DATE '2024-01-31'").kind == .literal(.typed(.date, "2024-01-31")))
        #expect(try parse("TIMESTAMP '2024-01-31 10:00:00'").kind == .literal(.typed(.timestamp, "2024-01-31 10:00:00")))
        #expect(try parse("INTERVAL '1' DAY").kind == .literal(.interval("1", unit: .day)))
        #expect(try parse("INTERVAL '1 day'").kind == .literal(.interval("1 day", unit: nil)))
        #expect(try parse("interval 3 months").kind == .literal(.interval("3", unit: .month)))
        #expect(try parse("X'00ff'").kind == .literal(.blob("00ff")))
    }

    @Test func negativeNumbersAreUnaryMinus() throws {
        guard case .unary(.negate, let operand) = try parse("-5").kind else {
            Issue.record("not a unary minus")
            return
        }
        #expect(operand.kind == .literal(.integer("5")))
    }

    @Test func namesAndAccess() throws {
        let path = try parse("t.a.b")
        #expect(path.kind == .column([Identifier("t"), Identifier("a"), Identifier("b")]))
        #expect(try parse("\"Weird Name\".x").kind == .column([Identifier("Weird Name", isQuoted: true), Identifier("x")]))
        #expect(try parse("`x`").kind == .column([Identifier("x", isQuoted: true)]))
        guard case .element(let base, let index) = try parse("m['key']").kind else {
            Issue.record("not an element access")
            return
        }
        #expect(base.kind == .column([Identifier("m")]))
        #expect(index.kind == .literal(.string("key")))
        guard case .field(let inner, let name) = try parse("arr[1].city").kind else {
            Issue.record("not a field access")
            return
        }
        #expect(name == Identifier("city"))
        guard case .element = inner.kind else {
            Issue.record("field of something other than an element")
            return
        }
        #expect(try parse("t.order").kind == .column([Identifier("t"), Identifier("order")]))
    }

    @Test func predicates() throws {
        #expect(try parse("a IS NOT NULL").kind == .isNull(try parse("a"), negated: true))
        #expect(try parse("a NOTNULL").kind == .isNull(try parse("a"), negated: true))
        #expect(try parse("a ISNULL").kind == .isNull(try parse("a"), negated: false))
        #expect(try parse("a NOT NULL").kind == .isNull(try parse("a"), negated: true))
        #expect(try parse("a IS DISTINCT FROM b").kind == .isDistinctFrom(try parse("a"), try parse("b"), negated: false))
        #expect(try parse("a IS NOT DISTINCT FROM b").kind == .isDistinctFrom(try parse("a"), try parse("b"), negated: true))
        #expect(try parse("a IS NOT TRUE").kind == .isBoolean(try parse("a"), true, negated: true))
        #expect(try parse("a NOT BETWEEN 1 AND 2").kind
                == .between(try parse("a"), low: try parse("1"), high: try parse("2"), negated: true))
        #expect(try parse("a NOT IN (1, 2)").kind == .inList(try parse("a"), [try parse("1"), try parse("2")], negated: true))
        #expect(try parse("a IN ()").kind == .inList(try parse("a"), [], negated: false))
        #expect(try parse("a ILIKE 'x%' ESCAPE '!'").kind == .like(
            try parse("a"), pattern: try parse("'x%'"), escape: try parse("'!'"), operator: .ilike, negated: false))
        #expect(try parse("a NOT LIKE 'x'").kind == .like(
            try parse("a"), pattern: try parse("'x'"), escape: nil, operator: .like, negated: true))
        guard case .inQuery(_, let query, negated: false) = try parse("a IN (SELECT b FROM t)").kind else {
            Issue.record("not IN (subquery)")
            return
        }
        #expect(query.description == "SELECT b FROM t")
        guard case .inList(_, let items, _) = try parse("a IN ((SELECT 1) + 1, 2)").kind else {
            Issue.record("a list starting with a parenthesized subquery")
            return
        }
        #expect(items.count == 2)
    }

    @Test func subqueriesAndExists() throws {
        guard case .unary(.not, let exists) = try parse("NOT EXISTS (SELECT 1)").kind, case .exists = exists.kind else {
            Issue.record("not NOT EXISTS")
            return
        }
        guard case .binary(.add, let left, _) = try parse("(SELECT max(a) FROM t) + 1").kind,
              case .subquery = left.kind else {
            Issue.record("not a scalar subquery")
            return
        }
    }

    @Test func caseForms() throws {
        guard case .caseWhen(let operand, let branches, let otherwise) = try parse("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' END").kind
        else {
            Issue.record("not CASE")
            return
        }
        #expect(operand == (try parse("x")))
        #expect(branches.count == 2)
        #expect(otherwise == nil)
        guard case .caseWhen(nil, let searched, let elseValue) = try parse("CASE WHEN a > 1 THEN 1 ELSE 0 END").kind else {
            Issue.record("not searched CASE")
            return
        }
        #expect(searched == [CaseBranch(condition: try parse("a > 1"), result: try parse("1"))])
        #expect(elseValue == (try parse("0")))
    }

    @Test func casts() throws {
        #expect(try parse("CAST(a AS DECIMAL(10, 2))").kind == .cast(try parse("a"), .decimal(precision: 10, scale: 2), .cast))
        #expect(try parse("TRY_CAST(a AS INT)").kind == .cast(try parse("a"), .integer(unsigned: false), .tryCast))
        #expect(try parse("a::BIGINT").kind == .cast(try parse("a"), .bigint(unsigned: false), .doubleColon))
        #expect(try parse("CAST(NULL AS SIGNED)").kind == .cast(try parse("NULL"), .named("SIGNED", parameters: []), .cast))
    }

    @Test func functionCalls() throws {
        guard case .function(let count) = try parse("count(*)").kind else {
            Issue.record("not a call")
            return
        }
        #expect(count.isStar && count.arguments.isEmpty)
        guard case .function(let distinct) = try parse("COUNT(DISTINCT a) FILTER (WHERE a > 0)").kind else {
            Issue.record("not a call")
            return
        }
        #expect(distinct.isDistinct)
        #expect(distinct.filter == (try parse("a > 0")))
        guard case .function(let named) = try parse("read_csv('f.csv', header => true, delim => ',')").kind else {
            Issue.record("not a call")
            return
        }
        #expect(named.arguments.map(\.name?.name) == [nil, "header", "delim"])
        guard case .function(let substring) = try parse("substring(s FROM 2 FOR 3)").kind else {
            Issue.record("not a call")
            return
        }
        #expect(substring.arguments.count == 3)
        #expect(try parse("substring(s FROM 2 FOR 3)") == parse("substring(s, 2, 3)"))
        #expect(try parse("left(s, 2)").description == "left(s, 2)")
        guard case .extract(let field, _) = try parse("EXTRACT(year FROM d)").kind else {
            Issue.record("not EXTRACT")
            return
        }
        #expect(field.name == "year")
    }

    @Test func windows() throws {
        let sql = "sum(x) OVER (PARTITION BY a, b ORDER BY c DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING)"
        guard case .function(let call) = try parse(sql).kind, let window = call.window else {
            Issue.record("no window")
            return
        }
        #expect(window.partitionBy.count == 2)
        #expect(window.orderBy == [OrderByItem(expression: try parse("c"), direction: .descending, nulls: .last)])
        #expect(window.frame == WindowFrame(unit: .rows, start: .unboundedPreceding, end: .following(try parse("1"))))
        guard case .function(let ranged) = try parse("avg(x) OVER (ORDER BY d RANGE BETWEEN 3 PRECEDING AND CURRENT ROW)").kind
        else {
            Issue.record("not a call")
            return
        }
        #expect(ranged.window?.frame == WindowFrame(unit: .range, start: .preceding(try parse("3")), end: .currentRow))
        guard case .function(let short) = try parse("row_number() OVER (ROWS UNBOUNDED FOLLOWING)").kind else {
            Issue.record("not a call")
            return
        }
        #expect(short.window?.frame == WindowFrame(unit: .rows, start: .unboundedFollowing, end: nil))
        guard case .function(let named) = try parse("rank() OVER w").kind else {
            Issue.record("not a call")
            return
        }
        #expect(named.window?.reference == Identifier("w"))
    }

    @Test func rowsArraysAndCollate() throws {
        #expect(try parse("(a, b)").kind == .row([try parse("a"), try parse("b")]))
        #expect(try parse("[1, 2]").kind == .array([try parse("1"), try parse("2")]))
        #expect(try parse("name COLLATE NOCASE").kind == .collate(try parse("name"), Identifier("NOCASE")))
    }

    @Test func locationsPointAtTheOperator() throws {
        let expression = try parse("a +\n  b * c")
        #expect(expression.location == SourceLocation(offset: 2, line: 1, column: 3))
        guard case .binary(_, _, let product) = expression.kind else { return }
        #expect(product.location == SourceLocation(offset: 8, line: 2, column: 5))
    }
}

extension ExpressionTests {
    @Test func nonReservedKeywordsAreNames() throws {
        for name in ["interval", "filter", "date", "timestamp", "key", "type", "comment", "location", "first", "rows"] {
            #expect(try SQLParser.parseExpression(name).kind == .column([Identifier(name)]), "\(name)")
        }
        let query = try SQLParser.parseQuery("SELECT interval - 1 AS filter, date FROM t")
        #expect(query.description == "SELECT interval - 1 AS filter, date FROM t")
    }
}
