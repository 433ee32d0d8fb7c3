import Columnar
import Testing
@testable import Parquet

@Suite struct WriterSchemaTests {
    private func leaf(_ type: DataType) throws -> SchemaElement {
        try WriterSchema(Schema([Field("c", type)])).elements[1]
    }

    @Test(arguments: [
        (DataType.int8, PhysicalType.int32, LogicalType.integer(bitWidth: 8, isSigned: true)),
        (.uint16, .int32, .integer(bitWidth: 16, isSigned: false)),
        (.uint64, .int64, .integer(bitWidth: 64, isSigned: false)),
        (.float16, .fixedLenByteArray, .float16),
        (.date, .int32, .date),
        (.time(.millisecond), .int32, .time(isAdjustedToUTC: false, unit: .millis)),
        (.time(.nanosecond), .int64, .time(isAdjustedToUTC: false, unit: .nanos)),
        (.timestamp(.microsecond, utc: false), .int64, .timestamp(isAdjustedToUTC: false, unit: .micros)),
        (.string, .byteArray, .string),
        (.null, .int32, .unknown),
        (.decimal(precision: 9, scale: 2), .int32, .decimal(scale: 2, precision: 9)),
        (.decimal(precision: 18, scale: 0), .int64, .decimal(scale: 0, precision: 18)),
    ])
    func leafTypes(type: DataType, physical: PhysicalType, logical: LogicalType) throws {
        let e = try leaf(type)
        #expect(e.type == physical)
        #expect(e.logicalType == logical)
        #expect(e.repetitionType == .optional)
    }

    @Test(arguments: [(19, 9), (38, 16), (21, 9), (22, 10)])
    func decimalWidths(precision: Int, bytes: Int) throws {
        let e = try leaf(.decimal(precision: precision, scale: 1))
        #expect(e.type == .fixedLenByteArray)
        #expect(e.typeLength == Int32(bytes))
        #expect(e.convertedType == .decimal && e.precision == Int32(precision) && e.scale == 1)
    }

    @Test func threeLevelListsAndMaps() throws {
        let schema = try WriterSchema(Schema([
            Field("l", .list(Field("item", .int64, nullable: false)), nullable: false),
            Field("m", .map(key: Field("k", .string, nullable: false), value: Field("v", .int32))),
        ]))
        let names = schema.elements.map(\.name)
        #expect(names == ["schema", "l", "list", "element", "m", "key_value", "key", "value"])
        #expect(schema.elements[1].repetitionType == .required && schema.elements[1].logicalType == .list)
        #expect(schema.elements[2].repetitionType == .repeated && schema.elements[2].numChildren == 1)
        #expect(schema.elements[3].repetitionType == .required)
        #expect(schema.elements[4].logicalType == .map && schema.elements[5].numChildren == 2)
        #expect(schema.leaves.map(\.maxDefinitionLevel) == [1, 2, 3])
        #expect(schema.leaves.map(\.maxRepetitionLevel) == [1, 1, 1])
        #expect(schema.leaves[1].path == ["m", "key_value", "key"])
    }

    @Test func rejectsUnrepresentableTypes() {
        #expect(throws: ParquetError.self) { try WriterSchema(Schema([Field("t", .time(.second))])) }
        #expect(throws: ParquetError.self) { try WriterSchema(Schema([Field("s", .structure([]))])) }
        #expect(throws: ParquetError.self) { try WriterSchema(Schema([Field("d", .decimal(precision: 40, scale: 0))])) }
    }
}
