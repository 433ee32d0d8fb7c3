import Columnar
import Testing
@testable import Parquet

/// Record assembly from hand-made levels: nested lists, structs and maps with nulls at every level.
@Suite struct AssemblyTests {
    struct Leaf {
        var defs: [UInt32]?
        var reps: [UInt32]?
        var values: Vector
    }

    func assemble(_ elements: [SchemaElement], _ leaves: [Leaf], rows: Int) throws -> [Value] {
        let schema = try ParquetSchema(elements: elements)
        var data: [Int: LeafColumnData] = [:]
        for (i, leaf) in leaves.enumerated() {
            data[i] = LeafColumnData(
                definitionLevels: leaf.defs.map { ContiguousArray($0) }, repetitionLevels: leaf.reps.map { ContiguousArray($0) },
                values: leaf.values, levelCount: leaf.defs?.count ?? leaf.reps?.count ?? leaf.values.count)
        }
        let assembler = RecordAssembler(shape: schema.shapes[0], field: schema.schema.fields[0], columns: schema.columns)
        return try assembler.assemble(data, rowCount: rows).values
    }

    func ints(_ v: [Int64]) -> Vector { Vector(type: .int32, values: v.map { .int($0) }) }
    func strings(_ v: [String]) -> Vector { Vector(type: .string, values: v.map { .string($0) }) }

    @Test func flatOptional() throws {
        let elements = message([primitive("x", .optional, .int32)], topLevel: 1)
        let rows = try assemble(elements, [Leaf(defs: [1, 0, 1, 0], reps: nil, values: ints([5, 7]))], rows: 4)
        #expect(rows == [.int(5), .null, .int(7), .null])
    }

    @Test func optionalListOfOptionalInts() throws {
        let elements = message([
            group("a", .optional, children: 1, converted: .list),
            group("list", .repeated, children: 1),
            primitive("element", .optional, .int32),
        ], topLevel: 1)
        let leaf = Leaf(defs: [3, 2, 3, 0, 1, 2], reps: [0, 1, 1, 0, 0, 0], values: ints([1, 2]))
        let rows = try assemble(elements, [leaf], rows: 4)
        #expect(rows == [.list([.int(1), .null, .int(2)]), .null, .list([]), .list([.null])])
    }

    @Test func listOfStructsWithNullsAtEveryLevel() throws {
        let elements = message([
            group("a", .optional, children: 1, logical: .list),
            group("list", .repeated, children: 1),
            group("element", .optional, children: 2),
            primitive("x", .optional, .int32),
            primitive("y", .optional, .byteArray, logical: .string),
        ], topLevel: 1)
        let x = Leaf(defs: [4, 2, 3, 0, 1], reps: [0, 1, 1, 0, 0], values: ints([1]))
        let y = Leaf(defs: [4, 2, 4, 0, 1], reps: [0, 1, 1, 0, 0], values: strings(["a", "b"]))
        let rows = try assemble(elements, [x, y], rows: 3)
        #expect(rows == [
            .list([.structure([.int(1), .string("a")]), .null, .structure([.null, .string("b")])]),
            .null,
            .list([]),
        ])
    }

    @Test func mapWithNullValues() throws {
        let elements = message([
            group("m", .optional, children: 1, converted: .map),
            group("key_value", .repeated, children: 2),
            primitive("key", .required, .byteArray, converted: .utf8),
            primitive("value", .optional, .int32),
        ], topLevel: 1)
        let key = Leaf(defs: [2, 2, 0, 1], reps: [0, 1, 0, 0], values: strings(["a", "b"]))
        let value = Leaf(defs: [3, 2, 0, 1], reps: [0, 1, 0, 0], values: ints([1]))
        let rows = try assemble(elements, [key, value], rows: 3)
        #expect(rows == [.map([(.string("a"), .int(1)), (.string("b"), .null)]), .null, .map([])])
    }

    @Test func legacyTwoLevelNestedLists() throws {
        let elements = message([
            group("a", .required, children: 1, converted: .list),
            group("array", .repeated, children: 1, converted: .list),
            primitive("array", .repeated, .int32),
        ], topLevel: 1)
        let leaf = Leaf(defs: [2, 2, 2, 1, 0], reps: [0, 2, 1, 0, 0], values: ints([1, 2, 3]))
        let rows = try assemble(elements, [leaf], rows: 3)
        #expect(rows == [.list([.list([.int(1), .int(2)]), .list([.int(3)])]), .list([.list([])]), .list([])])
    }

    @Test func repeatedWithoutAnnotationInsideStruct() throws {
        let elements = message([
            group("phoneNumbers", .optional, children: 1),
            group("phone", .repeated, children: 2),
            primitive("number", .required, .int64),
            primitive("kind", .optional, .byteArray, converted: .utf8),
        ], topLevel: 1)
        let number = Leaf(defs: [0, 1, 2, 2], reps: [0, 0, 0, 1], values: Vector(type: .int64, values: [.int(10), .int(11)]))
        let kind = Leaf(defs: [0, 1, 3, 2], reps: [0, 0, 0, 1], values: strings(["home"]))
        let rows = try assemble(elements, [number, kind], rows: 3)
        #expect(rows == [
            .null,
            .structure([.list([])]),
            .structure([.list([.structure([.int(10), .string("home")]), .structure([.int(11), .null])])]),
        ])
    }

    @Test(arguments: [
        ([4, 0] as [UInt32], [0, 0] as [UInt32], "definition level 4 above the max 3"),
        ([3, 3], [1, 0], "starts with repetition level 1"),
        ([3, 3], [0, 2], "repetition level 2 above the max 1"),
        ([1, 3], [0, 1], "continues a null or empty list"),
        ([3, 3], [0, 1], "2 non-null levels but 1 values"),
    ])
    func corruptLevelsAreRejected(defs: [UInt32], reps: [UInt32], message expected: String) throws {
        let elements = message([
            group("a", .optional, children: 1, converted: .list),
            group("list", .repeated, children: 1),
            primitive("element", .optional, .int32),
        ], topLevel: 1)
        let error = #expect(throws: ParquetError.self) {
            try assemble(elements, [Leaf(defs: defs, reps: reps, values: ints([1]))], rows: 2)
        }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }

    @Test func structChildrenMustAgree() throws {
        let elements = message([
            group("s", .optional, children: 2),
            primitive("x", .optional, .int32),
            primitive("y", .optional, .int32),
        ], topLevel: 1)
        #expect(throws: ParquetError.self) {
            try assemble(elements, [Leaf(defs: [2, 0], reps: nil, values: ints([1])), Leaf(defs: [2], reps: nil, values: ints([1]))], rows: 2)
        }
    }
}
