import Columnar

/// How one Columnar field is rebuilt from the definition and repetition levels of its leaves.
///
/// `definitionLevel` is the level at which the node's value is present (not null): the node's own max
/// definition level when it is OPTIONAL, its parent's otherwise. A list or map node is non-null at
/// `definitionLevel`, holds at least one element at `elementDefinitionLevel`, and its elements repeat at
/// `repetitionLevel` (the max repetition level of its REPEATED Parquet node).
indirect enum FieldShape: Sendable, Hashable {
    case leaf(column: Int, definitionLevel: Int)
    case structure(definitionLevel: Int, children: [FieldShape])
    case list(definitionLevel: Int, elementDefinitionLevel: Int, repetitionLevel: Int, element: FieldShape)
    case map(definitionLevel: Int, elementDefinitionLevel: Int, repetitionLevel: Int, key: FieldShape, value: FieldShape)

    /// Maps a field (a child of a struct or of the root) to its Columnar field and shape.
    /// A REPEATED field without a LIST/MAP parent is a required list of required elements.
    static func make(_ node: SchemaNode, definitionLevel: Int, repetitionLevel: Int,
                     columns: [ColumnDescriptor]) throws -> (Field, FieldShape) {
        switch node.repetition {
        case .repeated:
            let (element, shape) = try makeValue(node, definitionLevel: definitionLevel + 1,
                                                 repetitionLevel: repetitionLevel + 1, nullable: false, columns: columns)
            return (Field(node.name, .list(element), nullable: false),
                    .list(definitionLevel: definitionLevel, elementDefinitionLevel: definitionLevel + 1,
                          repetitionLevel: repetitionLevel + 1, element: shape))
        case .optional:
            return try makeValue(node, definitionLevel: definitionLevel + 1, repetitionLevel: repetitionLevel,
                                 nullable: true, columns: columns)
        case .required:
            return try makeValue(node, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel,
                                 nullable: false, columns: columns)
        }
    }

    /// The node as one value (its own repetition already accounted for in the levels passed).
    private static func makeValue(_ node: SchemaNode, definitionLevel: Int, repetitionLevel: Int, nullable: Bool,
                                  columns: [ColumnDescriptor]) throws -> (Field, FieldShape) {
        if node.isLeaf {
            let column = node.leafRange.lowerBound
            return (Field(node.name, columns[column].dataType, nullable: nullable),
                    .leaf(column: column, definitionLevel: definitionLevel))
        }
        if node.isListAnnotated {
            return try makeList(node, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel,
                                nullable: nullable, columns: columns)
        }
        if node.isMapAnnotated {
            return try makeMap(node, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel,
                               nullable: nullable, columns: columns)
        }
        guard !node.children.isEmpty else {
            throw ParquetError(.unsupported, "group '\(node.dottedPath)' has no fields")
        }
        var fields: [Field] = []
        var shapes: [FieldShape] = []
        for child in node.children {
            let (field, shape) = try make(child, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel,
                                          columns: columns)
            fields.append(field)
            shapes.append(shape)
        }
        return (Field(node.name, .structure(fields), nullable: nullable),
                .structure(definitionLevel: definitionLevel, children: shapes))
    }

    /// LIST: one REPEATED child. The repeated node is itself the element (legacy 2-level lists) when it is a
    /// primitive, has several fields, or is named `array` or `<list>_tuple`; otherwise its one child is.
    private static func makeList(_ node: SchemaNode, definitionLevel: Int, repetitionLevel: Int, nullable: Bool,
                                 columns: [ColumnDescriptor]) throws -> (Field, FieldShape) {
        guard node.children.count == 1, let repeated = node.children.first, repeated.repetition == .repeated else {
            throw ParquetError(.corrupt, "LIST group '\(node.dottedPath)' must have exactly one REPEATED field")
        }
        let elementDef = definitionLevel + 1
        let elementRep = repetitionLevel + 1
        let (element, shape): (Field, FieldShape)
        if repeated.isLeaf || repeated.children.count != 1 || repeated.name == "array"
            || repeated.name == node.name + "_tuple" {
            (element, shape) = try makeValue(repeated, definitionLevel: elementDef, repetitionLevel: elementRep,
                                             nullable: false, columns: columns)
        } else {
            (element, shape) = try make(repeated.children[0], definitionLevel: elementDef, repetitionLevel: elementRep,
                                        columns: columns)
        }
        return (Field(node.name, .list(element), nullable: nullable),
                .list(definitionLevel: definitionLevel, elementDefinitionLevel: elementDef,
                      repetitionLevel: elementRep, element: shape))
    }

    /// MAP / MAP_KEY_VALUE: one REPEATED group of key and value, identified by position. A map without a
    /// value field reads as a list of its keys (as pyarrow does); an OPTIONAL key is accepted.
    private static func makeMap(_ node: SchemaNode, definitionLevel: Int, repetitionLevel: Int, nullable: Bool,
                                columns: [ColumnDescriptor]) throws -> (Field, FieldShape) {
        guard node.children.count == 1, let entries = node.children.first, entries.repetition == .repeated,
              !entries.isLeaf, (1...2).contains(entries.children.count) else {
            throw ParquetError(.corrupt, "MAP group '\(node.dottedPath)' must have one REPEATED group of a key and a value")
        }
        let entryDef = definitionLevel + 1
        let entryRep = repetitionLevel + 1
        let (key, keyShape) = try make(entries.children[0], definitionLevel: entryDef, repetitionLevel: entryRep, columns: columns)
        guard entries.children.count == 2 else {
            return (Field(node.name, .list(key), nullable: nullable),
                    .list(definitionLevel: definitionLevel, elementDefinitionLevel: entryDef,
                          repetitionLevel: entryRep, element: keyShape))
        }
        let (value, valueShape) = try make(entries.children[1], definitionLevel: entryDef, repetitionLevel: entryRep,
                                           columns: columns)
        return (Field(node.name, .map(key: key, value: value), nullable: nullable),
                .map(definitionLevel: definitionLevel, elementDefinitionLevel: entryDef, repetitionLevel: entryRep,
                     key: keyShape, value: valueShape))
    }
}
