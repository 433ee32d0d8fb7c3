import Columnar
import Testing
@testable import Sluice

@Suite struct BoxTextTests {
    let schema = Schema([Field("id", .int64), Field("name", .string)])

    func batch(_ ids: [Int64], _ names: [String?]) -> Batch {
        Batch(schema: schema, columns: [
            Vector(type: .int64, values: ids.map { .int($0) }),
            Vector(type: .string, values: names.map { $0.map { .string($0) } ?? .null }),
        ])
    }

    @Test func drawsNamesTypesRowsAndCount() {
        var box = BoxText(schema: schema)
        box.append(batch([1, 22], ["a", nil]))
        #expect(box.render() == """
            ┌───────┬─────────┐
            │ id    │ name    │
            │ int64 │ varchar │
            ├───────┼─────────┤
            │     1 │ a       │
            │    22 │ NULL    │
            └───────┴─────────┘
            2 rows

            """)
    }

    @Test func footerSaysWhenRowsWereCut() {
        var box = BoxText(schema: schema, maxRows: 2)
        box.append(batch([1, 2, 3], ["a", "b", "c"]))
        box.append(batch([4], ["d"]))
        let text = box.render()
        #expect(text.hasSuffix("4 rows  (showing first 2 of 4 rows)\n"))
        #expect(!text.contains("│     3 │"))
    }

    @Test func elidesMiddleColumnsToFitTheWidth() {
        let wide = Schema((0..<12).map { Field("column_\($0)", .int32) })
        var box = BoxText(schema: wide, maxWidth: 60)
        box.append(Batch(schema: wide, columns: (0..<12).map { _ in Vector(type: .int32, values: [.int(7)]) }))
        let text = box.render()
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(text.contains("column_0") && text.contains("column_11") && !text.contains("column_6"))
        #expect(text.contains(" … "))
        #expect(text.contains("12 columns (4 shown)"))
    }

    @Test func cutsLongValuesAndSaysSo() {
        var box = BoxText(schema: schema)
        box.maxCellWidth = 10
        box.append(batch([1], [String(repeating: "x", count: 30)]))
        let text = box.render()
        #expect(text.contains("│ xxxxxxxxx… │"))
        #expect(text.contains("values cut at 10 characters"))
    }

    @Test func lineModePrintsOneColumnPerLine() {
        #expect(LineText.render(schema, [batch([1, 2], ["a", nil])]) == "  id = 1\nname = a\n\n  id = 2\nname = NULL\n")
    }
}
