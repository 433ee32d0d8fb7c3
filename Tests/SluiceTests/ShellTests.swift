import Columnar
import SQLPlanner
import Testing
@testable import Sluice

@Suite struct ShellTests {
    @Test func caretPointsAtTheParserErrorColumn() {
        let sql = "SELECT 1\nFROM t WHERE x = = 2"
        do {
            _ = try SQLParser.parseStatement(sql)
            Issue.record("expected a parser error")
        } catch {
            let text = SQLErrorReport.render(error, sql: sql)
            let lines = text.split(separator: "\n")
            #expect(lines[0].hasPrefix("Parser Error:"))
            #expect(lines[1] == "  FROM t WHERE x = = 2")
            #expect(lines[2] == "                   ^")
        }
    }

    @Test func caretFromAnAtLineColumnInOtherErrors() {
        let error = PlannerError(.catalog, "Table with name nope does not exist! (at 1:15)")
        #expect(SQLErrorReport.render(error, sql: "SELECT * FROM nope") ==
            "Catalog Error: Table with name nope does not exist! (at 1:15)\n  SELECT * FROM nope\n                ^\n")
        #expect(SQLErrorReport.render(PlannerError(.binder, "no place"), sql: "SELECT 1") == "Binder Error: no place\n")
    }

    @Test func dotCommandsParse() {
        #expect(DotCommand(".mode csv") == .mode(.csv))
        #expect(DotCommand(".mode") == .mode(nil))
        #expect(DotCommand(".timer on") == .timer(true))
        #expect(DotCommand(".maxrows 5") == .maxRows(5))
        #expect(DotCommand(".output stdout") == .output(nil))
        #expect(DotCommand(".schema trips") == .schema("trips"))
        #expect(DotCommand(".exit") == .quit)
        guard case .invalid = DotCommand(".mode bogus") else { Issue.record("bogus mode accepted"); return }
        guard case .invalid = DotCommand(".frobnicate") else { Issue.record("unknown command accepted"); return }
    }

    func completer() throws -> ShellCompleter {
        let catalog = MemoryCatalog()
        _ = try catalog.create("trips", schema: Schema([Field("trip_id", .string), Field("fare", .float64)]))
        _ = try catalog.create("riders", schema: Schema([Field("rider_id", .string)]))
        return ShellCompleter(catalog: catalog)
    }

    @Test func completesTablesAfterFrom() throws {
        #expect(try completer().complete("SELECT * FROM tr") == .words(["trips"]))
        #expect(try completer().complete("select *\nfrom ") == .words(["riders", "trips"]))
    }

    @Test func completesKeywordsInTheTypedCaseAndColumnsOfMentionedTables() throws {
        #expect(try completer().complete("sel") == .words(["select"]))
        #expect(try completer().complete("SEL") == .words(["SELECT"]))
        #expect(try completer().complete("SELECT fa") == .words(["false"]))
        #expect(try completer().complete("SELECT fa FROM trips WHERE fa") == .words(["false", "fare"]))
        #expect(try completer().complete("SELECT * FROM trips WHERE ") == .words(["fare", "riders", "trip_id", "trips"]))
    }

    @Test func completesDotCommandsAndPathsInQuotes() throws {
        #expect(try completer().complete(".ta") == .words([".tables"]))
        #expect(try completer().complete("SELECT * FROM read_parquet('Fix") == .paths)
        #expect(try completer().complete(".read Fixtures/de") == .paths)
    }
}
