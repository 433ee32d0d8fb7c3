import Columnar
import SQLPlanner
import Testing

@Suite struct EngineTests {
    @Test func selectWithoutFrom() throws {
        let engine = SQLEngine()
        let result = try engine.execute("SELECT 1 + 2 AS three, 'x' || 'y'")
        #expect(result.count == 1)
        #expect(result[0].rows == [[.int(3), .string("xy")]])
        #expect(result[0].schema.fields.map(\.name) == ["three", "('x' || 'y')"] || result[0].schema.fields[0].name == "three")
    }
}
