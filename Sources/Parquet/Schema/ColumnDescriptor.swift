import Columnar

/// One leaf column of the schema: what a column chunk holds and how to read it.
public struct ColumnDescriptor: Sendable, Hashable {
    /// Position among the leaves: ColumnChunk `index` of every row group.
    public let index: Int
    public let path: [String]
    public let physicalType: PhysicalType
    /// FIXED_LEN_BYTE_ARRAY width in bytes (0 for other types).
    public let typeLength: Int
    public let maxDefinitionLevel: Int
    public let maxRepetitionLevel: Int
    public let repetition: FieldRepetitionType
    public let convertedType: ConvertedType?
    public let logicalType: LogicalType?
    /// The Columnar type the leaf's values decode to (INT96: `timestamp(ns)`, or `fixedBinary(12)` raw).
    public let dataType: DataType
    /// The leaf's schema element as the footer has it.
    public let element: SchemaElement
    /// The top-level field this leaf belongs to.
    public internal(set) var topLevelIndex = 0

    public var dottedPath: String { path.joined(separator: ".") }

    init(element: SchemaElement, path: [String], maxDefinitionLevel: Int, maxRepetitionLevel: Int, index: Int,
         int96AsFixedBinary: Bool = false) throws {
        guard let physical = element.type else {
            throw ParquetError(.corrupt, "schema element '\(path.joined(separator: "."))' has no physical type")
        }
        self.index = index
        self.path = path
        physicalType = physical
        self.maxDefinitionLevel = maxDefinitionLevel
        self.maxRepetitionLevel = maxRepetitionLevel
        repetition = element.repetitionType ?? .required
        convertedType = element.convertedType
        logicalType = element.logicalType
        self.element = element
        if physical == .fixedLenByteArray {
            guard let length = element.typeLength, length > 0 else {
                throw ParquetError(.corrupt, "FIXED_LEN_BYTE_ARRAY column '\(path.joined(separator: "."))' has type_length \(element.typeLength.map(String.init) ?? "unset")")
            }
            typeLength = Int(length)
        } else {
            typeLength = 0
        }
        if physical == .int96 && int96AsFixedBinary {
            dataType = .fixedBinary(12)
        } else {
            dataType = try ColumnDescriptor.dataType(of: element, physical: physical, typeLength: typeLength,
                                                     path: path.joined(separator: "."))
        }
    }
}
