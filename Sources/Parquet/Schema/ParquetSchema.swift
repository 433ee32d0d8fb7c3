import Columnar

/// The Parquet schema of a file: the tree rebuilt from the depth-first `[SchemaElement]` list of the footer,
/// the leaf `ColumnDescriptor`s (ColumnChunk i of every row group belongs to leaf i) and the Columnar
/// `Schema` of the top-level fields, with the shapes the record assembler needs to rebuild nested vectors.
public struct ParquetSchema: Sendable {
    /// The root group (the message); its children are the top-level fields.
    public let root: SchemaNode
    /// The leaves, in schema order.
    public let columns: [ColumnDescriptor]
    /// The Columnar schema of all top-level fields.
    public let schema: Schema
    /// For each top-level field, its leaves (indices into `columns`).
    public let fieldColumns: [Range<Int>]
    /// For each top-level field, how its leaves' levels rebuild its vector.
    let shapes: [FieldShape]

    /// Deeper schemas than this are rejected: the tree is built recursively.
    static let maxDepth = 256

    /// `int96AsFixedBinary`: INT96 leaves keep their raw 12 bytes as `fixedBinary(12)` instead of decoding to
    /// `timestamp(ns)` (see `ParquetReadOptions.int96AsFixedBinary`).
    public init(elements: [SchemaElement], int96AsFixedBinary: Bool = false) throws {
        guard let first = elements.first else { throw ParquetError(.corrupt, "the schema has no elements") }
        guard first.type == nil else {
            throw ParquetError(.corrupt, "the schema root '\(first.name)' is a primitive, not a group")
        }
        var builder = SchemaTreeBuilder(elements: elements, int96AsFixedBinary: int96AsFixedBinary)
        let root = try builder.node(at: 0, parentPath: [], definitionLevel: 0, repetitionLevel: 0, depth: 0, isRoot: true)
        guard builder.next == elements.count else {
            throw ParquetError(.corrupt, "the schema root '\(first.name)' covers \(builder.next) of \(elements.count) elements")
        }
        self.root = root
        var fields: [Field] = []
        var shapes: [FieldShape] = []
        var ranges: [Range<Int>] = []
        for (index, child) in root.children.enumerated() {
            let (field, shape) = try FieldShape.make(child, definitionLevel: 0, repetitionLevel: 0, columns: builder.columns)
            fields.append(field)
            shapes.append(shape)
            ranges.append(child.leafRange)
            for leaf in child.leafRange { builder.columns[leaf].topLevelIndex = index }
        }
        columns = builder.columns
        schema = Schema(fields)
        self.shapes = shapes
        fieldColumns = ranges
    }

    /// The index of top-level field `name`.
    public func fieldIndex(_ name: String) -> Int? { schema.index(of: name) }
}

/// One node of the schema tree.
public final class SchemaNode: Sendable {
    public let element: SchemaElement
    public let children: [SchemaNode]
    /// Names from the first top-level field down to this node (the root's path is empty).
    public let path: [String]
    /// OPTIONAL and REPEATED nodes on the path, this one included.
    public let maxDefinitionLevel: Int
    /// REPEATED nodes on the path, this one included.
    public let maxRepetitionLevel: Int
    /// The leaves under this node (a leaf's range holds just its own column index).
    public let leafRange: Range<Int>

    init(element: SchemaElement, children: [SchemaNode], path: [String], maxDefinitionLevel: Int,
         maxRepetitionLevel: Int, leafRange: Range<Int>) {
        self.element = element
        self.children = children
        self.path = path
        self.maxDefinitionLevel = maxDefinitionLevel
        self.maxRepetitionLevel = maxRepetitionLevel
        self.leafRange = leafRange
    }

    public var name: String { element.name }
    public var isLeaf: Bool { element.type != nil }
    public var repetition: FieldRepetitionType { element.repetitionType ?? .required }
    public var dottedPath: String { path.joined(separator: ".") }

    /// True when the node carries a LIST annotation (logical or converted).
    var isListAnnotated: Bool { element.logicalType == .list || element.convertedType == .list }

    /// True when the node carries a MAP or MAP_KEY_VALUE annotation.
    var isMapAnnotated: Bool {
        element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue
    }
}

/// Walks the depth-first element list, checking child counts, and collects the leaves.
struct SchemaTreeBuilder {
    let elements: [SchemaElement]
    let int96AsFixedBinary: Bool
    var next = 0
    var columns: [ColumnDescriptor] = []

    init(elements: [SchemaElement], int96AsFixedBinary: Bool = false) {
        self.elements = elements
        self.int96AsFixedBinary = int96AsFixedBinary
    }

    mutating func node(at index: Int, parentPath: [String], definitionLevel: Int, repetitionLevel: Int,
                       depth: Int, isRoot: Bool = false) throws -> SchemaNode {
        let element = elements[index]
        next = index + 1
        let path = isRoot ? [] : parentPath + [element.name]
        let name = isRoot ? "root '\(element.name)'" : "'\(path.joined(separator: "."))'"
        guard depth <= ParquetSchema.maxDepth else {
            throw ParquetError(.corrupt, "schema element \(name) is nested deeper than \(ParquetSchema.maxDepth) levels")
        }
        let repetition = isRoot ? FieldRepetitionType.required : (element.repetitionType ?? .required)
        let def = definitionLevel + (repetition == .required ? 0 : 1)
        let rep = repetitionLevel + (repetition == .repeated ? 1 : 0)
        if element.type != nil {
            guard !isRoot else { throw ParquetError(.corrupt, "schema root is a primitive") }
            let column = try ColumnDescriptor(element: element, path: path, maxDefinitionLevel: def,
                                              maxRepetitionLevel: rep, index: columns.count,
                                              int96AsFixedBinary: int96AsFixedBinary)
            columns.append(column)
            return SchemaNode(element: element, children: [], path: path, maxDefinitionLevel: def,
                              maxRepetitionLevel: rep, leafRange: column.index..<column.index + 1)
        }
        guard let count = element.numChildren else {
            throw ParquetError(.corrupt, "schema element \(name) has neither a type nor num_children")
        }
        guard count >= 0, Int(count) <= elements.count - next else {
            throw ParquetError(.corrupt, "schema element \(name) declares \(count) children but \(elements.count - next) elements follow")
        }
        let firstLeaf = columns.count
        var children: [SchemaNode] = []
        children.reserveCapacity(Int(count))
        for _ in 0..<Int(count) {
            guard next < elements.count else {
                throw ParquetError(.corrupt, "schema element \(name) declares \(count) children but the schema ends after \(children.count)")
            }
            children.append(try node(at: next, parentPath: path, definitionLevel: def, repetitionLevel: rep, depth: depth + 1))
        }
        return SchemaNode(element: element, children: children, path: path, maxDefinitionLevel: def,
                          maxRepetitionLevel: rep, leafRange: firstLeaf..<columns.count)
    }
}
