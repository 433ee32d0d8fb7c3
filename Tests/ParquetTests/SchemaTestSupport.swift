import Columnar
@testable import Parquet

/// Hand-made schema elements for tests.
func group(_ name: String, _ repetition: FieldRepetitionType?, children: Int, converted: ConvertedType? = nil,
           logical: LogicalType? = nil) -> SchemaElement {
    var element = SchemaElement()
    element.name = name
    element.repetitionType = repetition
    element.numChildren = Int32(children)
    element.convertedType = converted
    element.logicalType = logical
    return element
}

func primitive(_ name: String, _ repetition: FieldRepetitionType, _ type: PhysicalType, length: Int32? = nil,
               converted: ConvertedType? = nil, logical: LogicalType? = nil, scale: Int32? = nil,
               precision: Int32? = nil) -> SchemaElement {
    var element = SchemaElement()
    element.name = name
    element.repetitionType = repetition
    element.type = type
    element.typeLength = length
    element.convertedType = converted
    element.logicalType = logical
    element.scale = scale
    element.precision = precision
    return element
}

func message(_ children: [SchemaElement], topLevel: Int) -> [SchemaElement] {
    [group("schema", nil, children: topLevel)] + children
}
