import Columnar
import Testing
@testable import Parquet

/// Dremel levels for hand-made nested vectors, checked against the values worked out by hand.
@Suite struct ShreddingTests {
    private func shred(_ field: Field, _ values: [Value], rows: ContiguousArray<Int32>? = nil) throws -> [ShreddedLeaf] {
        let schema = try WriterSchema(Schema([field]))
        var shredder = Shredder(descriptors: schema.leaves)
        try shredder.shred(Vector(type: field.type, values: values), field: field, rows: rows)
        return shredder.leaves
    }

    private func leafValues(_ leaf: ShreddedLeaf) -> [Value] {
        (leaf.valueRows.map { $0.map(Int.init) } ?? Array(0..<leaf.valueCount)).map { leaf.values.value(at: $0) }
    }

    @Test func flatOptional() throws {
        let leaves = try shred(Field("a", .int32), [.int(1), .null, .int(3)])
        #expect(leaves[0].definitionLevels == [1, 0, 1])
        #expect(leaves[0].repetitionLevels.isEmpty)
        #expect(leafValues(leaves[0]) == [.int(1), .int(3)])
    }

    @Test func flatRequiredHasNoLevels() throws {
        let leaves = try shred(Field("a", .string, nullable: false), [.string("x"), .string("y")])
        #expect(leaves[0].definitionLevels.isEmpty)
        #expect(leaves[0].levelCount == 2)
        #expect(leafValues(leaves[0]) == [.string("x"), .string("y")])
    }

    @Test func nullInRequiredFieldThrows() throws {
        #expect(throws: ParquetError.self) { try shred(Field("a", .int64, nullable: false), [.int(1), .null]) }
        let nested = Field("s", .structure([Field("x", .int32, nullable: false)]))
        #expect(throws: ParquetError.self) { try shred(nested, [.structure([.null])]) }
    }

    /// optional list<optional int32>: null list, empty list, [1, null], [2].
    @Test func listLevels() throws {
        let leaves = try shred(Field("l", .list(Field("element", .int32))),
            [.null, .list([]), .list([.int(1), .null]), .list([.int(2)])])
        // def: list null 0, empty 1, element null 2, value 3.
        #expect(leaves[0].definitionLevels == [0, 1, 3, 2, 3])
        #expect(leaves[0].repetitionLevels == [0, 0, 0, 1, 0])
        #expect(leafValues(leaves[0]) == [.int(1), .int(2)])
    }

    /// The Dremel paper's shape: list<struct<a: int, b: list<string>>>.
    @Test func listOfStructsOfLists() throws {
        let inner = Field("element", .structure([Field("a", .int32), Field("b", .list(Field("element", .string)))]))
        let field = Field("r", .list(inner))
        let leaves = try shred(field, [
            .list([.structure([.int(1), .list([.string("x"), .string("y")])]), .null, .structure([.null, .list([])])]),
            .list([.structure([.int(2), .null])]),
        ])
        #expect(leaves.count == 2)
        // a: max def 4 (r, list, element, a); rep max 1.
        #expect(leaves[0].definitionLevels == [4, 2, 3, 4])
        #expect(leaves[0].repetitionLevels == [0, 1, 1, 0])
        #expect(leafValues(leaves[0]) == [.int(1), .int(2)])
        // b.element: max def 6 (r, list, element, b, list, element); rep max 2.
        #expect(leaves[1].definitionLevels == [6, 6, 2, 4, 3])
        #expect(leaves[1].repetitionLevels == [0, 2, 1, 1, 0])
        #expect(leafValues(leaves[1]) == [.string("x"), .string("y")])
    }

    @Test func mapLevels() throws {
        let field = Field("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .int64)))
        let leaves = try shred(field, [.map([(key: .string("a"), value: .int(1)), (key: .string("b"), value: .null)]), .null, .map([])])
        #expect(leaves[0].definitionLevels == [2, 2, 0, 1])
        #expect(leaves[0].repetitionLevels == [0, 1, 0, 0])
        #expect(leaves[1].definitionLevels == [3, 2, 0, 1])
        #expect(leafValues(leaves[0]) == [.string("a"), .string("b")])
        #expect(leafValues(leaves[1]) == [.int(1)])
    }

    @Test func structNullsReachEveryLeaf() throws {
        let field = Field("s", .structure([Field("a", .int32, nullable: false), Field("b", .float64)]))
        let leaves = try shred(field, [.structure([.int(1), .null]), .null, .structure([.int(3), .float(0.5)])])
        #expect(leaves[0].definitionLevels == [1, 0, 1])
        #expect(leaves[1].definitionLevels == [1, 0, 2])
        #expect(leafValues(leaves[1]) == [.float(0.5)])
    }

    @Test func selectedRowsOnly() throws {
        let leaves = try shred(Field("l", .list(Field("element", .int32, nullable: false))),
            [.list([.int(1)]), .list([.int(2), .int(3)]), .list([.int(4)])], rows: [2, 1])
        #expect(leaves[0].definitionLevels == [2, 2, 2])
        #expect(leaves[0].repetitionLevels == [0, 0, 1])
        #expect(leafValues(leaves[0]) == [.int(4), .int(2), .int(3)])
    }

    @Test func nullTypeLeafIsAllNull() throws {
        let leaves = try shred(Field("n", .list(Field("element", .null))), [.list([.null, .null]), .null])
        #expect(leaves[0].definitionLevels == [2, 2, 0])
        #expect(leaves[0].valueCount == 0)
    }
}
