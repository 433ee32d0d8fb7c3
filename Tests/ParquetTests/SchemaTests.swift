import Columnar
import Testing
@testable import Parquet

/// `[SchemaElement]` -> tree, leaf descriptors and Columnar types.
@Suite struct SchemaTests {
    func leafType(_ element: SchemaElement) throws -> DataType {
        try ParquetSchema(elements: message([element], topLevel: 1)).columns[0].dataType
    }

    @Test(arguments: [
        (primitive("x", .optional, .int32, logical: .integer(bitWidth: 8, isSigned: true)), DataType.int8),
        (primitive("x", .optional, .int32, logical: .integer(bitWidth: 16, isSigned: false)), .uint16),
        (primitive("x", .optional, .int32, converted: .uint32), .uint32),
        (primitive("x", .optional, .int64, converted: .uint64), .uint64),
        (primitive("x", .optional, .int64, converted: .int64), .int64),
        (primitive("x", .optional, .int32, logical: .decimal(scale: 2, precision: 9)), .decimal(precision: 9, scale: 2)),
        (primitive("x", .optional, .fixedLenByteArray, length: 11, converted: .decimal, scale: 3, precision: 25),
         .decimal(precision: 25, scale: 3)),
        (primitive("x", .optional, .byteArray, logical: .decimal(scale: 0, precision: 4)), .decimal(precision: 4, scale: 0)),
        (primitive("x", .optional, .int32, logical: .date), .date),
        (primitive("x", .optional, .int32, logical: .time(isAdjustedToUTC: true, unit: .millis)), .time(.millisecond)),
        (primitive("x", .optional, .int64, logical: .time(isAdjustedToUTC: false, unit: .nanos)), .time(.nanosecond)),
        (primitive("x", .optional, .int64, logical: .timestamp(isAdjustedToUTC: false, unit: .micros)),
         .timestamp(.microsecond, utc: false)),
        (primitive("x", .optional, .int64, converted: .timestampMillis), .timestamp(.millisecond, utc: true)),
        (primitive("x", .optional, .int64, converted: .timeMicros), .time(.microsecond)),
        (primitive("x", .optional, .byteArray, converted: .utf8), .string),
        (primitive("x", .optional, .byteArray, logical: .json), .string),
        (primitive("x", .optional, .byteArray, converted: .enumeration), .string),
        (primitive("x", .optional, .byteArray), .binary),
        (primitive("x", .optional, .fixedLenByteArray, length: 16, logical: .uuid), .fixedBinary(16)),
        (primitive("x", .optional, .fixedLenByteArray, length: 2, logical: .float16), .float16),
        (primitive("x", .optional, .int96), .timestamp(.nanosecond, utc: false)),
        (primitive("x", .optional, .int32, logical: .unknown), .null),
        (primitive("x", .optional, .byteArray, logical: .other(fieldID: 42)), .binary),
        (primitive("x", .optional, .float), .float32),
        (primitive("x", .optional, .boolean), .boolean),
    ])
    func leafTypes(element: SchemaElement, expected: DataType) throws {
        #expect(try leafType(element) == expected)
    }

    @Test func levelsAndPaths() throws {
        let schema = try ParquetSchema(elements: message([
            primitive("id", .required, .int64),
            group("a", .optional, children: 1, converted: .list),
            group("list", .repeated, children: 1),
            group("element", .optional, children: 2),
            primitive("x", .required, .int32),
            primitive("y", .optional, .byteArray, converted: .utf8),
        ], topLevel: 2))
        #expect(schema.columns.map(\.dottedPath) == ["id", "a.list.element.x", "a.list.element.y"])
        #expect(schema.columns.map(\.maxDefinitionLevel) == [0, 3, 4])
        #expect(schema.columns.map(\.maxRepetitionLevel) == [0, 1, 1])
        #expect(schema.columns.map(\.topLevelIndex) == [0, 1, 1])
        #expect(schema.fieldColumns == [0..<1, 1..<3])
        #expect(schema.schema.fields[1] == Field("a", .list(Field("element", .structure([
            Field("x", .int32, nullable: false), Field("y", .string),
        ])))))
        #expect(schema.schema.fields[0].nullable == false)
    }

    @Test func legacyListShapes() throws {
        // Two-level list whose repeated group is named "array": the group is the element.
        let arrayNamed = try ParquetSchema(elements: message([
            group("a", .optional, children: 1, converted: .list),
            group("array", .repeated, children: 1),
            primitive("v", .required, .int32),
        ], topLevel: 1))
        #expect(arrayNamed.schema.fields[0].type == .list(Field("array", .structure([Field("v", .int32, nullable: false)]), nullable: false)))
        // "<name>_tuple".
        let tuple = try ParquetSchema(elements: message([
            group("a", .optional, children: 1, converted: .list),
            group("a_tuple", .repeated, children: 1),
            primitive("v", .required, .int32),
        ], topLevel: 1))
        #expect(tuple.schema.fields[0].type == .list(Field("a_tuple", .structure([Field("v", .int32, nullable: false)]), nullable: false)))
        // Repeated primitive inside LIST: the primitive is the element.
        let primitiveElement = try ParquetSchema(elements: message([
            group("a", .required, children: 1, converted: .list),
            primitive("item", .repeated, .int32),
        ], topLevel: 1))
        #expect(primitiveElement.schema.fields[0] == Field("a", .list(Field("item", .int32, nullable: false)), nullable: false))
        // Repeated field with no annotation: a required list of required elements.
        let bare = try ParquetSchema(elements: message([primitive("r", .repeated, .int64)], topLevel: 1))
        #expect(bare.schema.fields[0] == Field("r", .list(Field("r", .int64, nullable: false)), nullable: false))
    }

    @Test func mapsModernAndLegacy() throws {
        for converted in [ConvertedType.map, .mapKeyValue] {
            let schema = try ParquetSchema(elements: message([
                group("m", .optional, children: 1, converted: converted),
                group("kv", .repeated, children: 2),
                primitive("k", .required, .byteArray, converted: .utf8),
                primitive("v", .optional, .int32),
            ], topLevel: 1))
            #expect(schema.schema.fields[0].type == .map(key: Field("k", .string, nullable: false), value: Field("v", .int32)))
        }
    }

    @Test(arguments: [
        (message([group("g", .optional, children: 3), primitive("x", .optional, .int32)], topLevel: 1), "declares 3 children"),
        (message([primitive("x", .optional, .int32)], topLevel: 2), "declares 2 children"),
        (message([primitive("x", .optional, .int32), primitive("y", .optional, .int32)], topLevel: 1), "covers 2 of 3 elements"),
        (message([primitive("f", .optional, .fixedLenByteArray)], topLevel: 1), "FIXED_LEN_BYTE_ARRAY column 'f' has type_length unset"),
        (message([primitive("f", .optional, .fixedLenByteArray, length: 0)], topLevel: 1), "type_length 0"),
        (message([group("g", .optional, children: 0)], topLevel: 1) + [], "group 'g' has no fields"),
        (message([primitive("d", .optional, .int32, logical: .decimal(scale: 5, precision: 2))], topLevel: 1), "DECIMAL column 'd' has precision 2 and scale 5"),
        (message([group("l", .optional, children: 2, converted: .list), primitive("a", .repeated, .int32),
                  primitive("b", .repeated, .int32)], topLevel: 1), "LIST group 'l' must have exactly one REPEATED field"),
        ([SchemaElement]() , "no elements"),
    ])
    func malformedSchemasAreCorrupt(elements: [SchemaElement], expected: String) throws {
        let error = #expect(throws: ParquetError.self) { try ParquetSchema(elements: elements) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }

    @Test func elementWithNeitherTypeNorChildrenIsCorrupt() throws {
        var element = SchemaElement()
        element.name = "orphan"
        let error = #expect(throws: ParquetError.self) { try ParquetSchema(elements: message([element], topLevel: 1)) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("'orphan'") == true)
    }
}
