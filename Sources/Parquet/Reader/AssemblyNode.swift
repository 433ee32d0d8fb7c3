import Columnar

/// A node of a field being assembled: the validity and offsets its owning leaf writes, and the leaf slots.
final class AssemblyNode {
    enum Kind: Equatable { case leaf(Int), structure, list, map }

    let kind: Kind
    let type: DataType
    let definitionLevel: Int
    let elementDefinitionLevel: Int
    let repetitionLevel: Int
    let children: [AssemblyNode]
    /// The first leaf under this node: the one that writes its validity and offsets.
    let owner: Int
    var validity = ValidityBuilder()
    var offsets: ContiguousArray<Int32> = [0]

    init(shape: FieldShape, type: DataType) {
        switch (shape, type) {
        case (.leaf(let column, let def), _):
            (kind, definitionLevel, elementDefinitionLevel, repetitionLevel) = (.leaf(column), def, def, 0)
            children = []
            owner = column
        case (.structure(let def, let shapes), .structure(let fields)):
            (kind, definitionLevel, elementDefinitionLevel, repetitionLevel) = (.structure, def, def, 0)
            children = zip(shapes, fields).map { AssemblyNode(shape: $0, type: $1.type) }
            owner = children[0].owner
        case (.list(let def, let elementDef, let rep, let element), .list(let field)):
            (kind, definitionLevel, elementDefinitionLevel, repetitionLevel) = (.list, def, elementDef, rep)
            children = [AssemblyNode(shape: element, type: field.type)]
            owner = children[0].owner
        case (.map(let def, let elementDef, let rep, let key, let value), .map(let keyField, let valueField)):
            (kind, definitionLevel, elementDefinitionLevel, repetitionLevel) = (.map, def, elementDef, rep)
            children = [AssemblyNode(shape: key, type: keyField.type), AssemblyNode(shape: value, type: valueField.type)]
            owner = children[0].owner
        default:
            preconditionFailure("FieldShape and DataType disagree: \(shape) vs \(type)")
        }
        self.type = type
    }

    /// The finished vector; checks that every leaf produced the slot counts its parents expect.
    func finish(columns: [ColumnDescriptor], leaves: [Int: LeafColumnData]) throws -> Vector {
        switch kind {
        case .leaf(let column):
            return leaves[column]!.values.spread(into: validity)
        case .structure:
            let vectors = try children.map { try $0.finish(columns: columns, leaves: leaves) }
            try check(vectors, count: validity.count, columns: columns)
            return Vector(type: type, count: validity.count, validity: validity.validity, children: vectors)
        case .list, .map:
            let vectors = try children.map { try $0.finish(columns: columns, leaves: leaves) }
            try check(vectors, count: Int(offsets[offsets.count - 1]), columns: columns)
            return Vector(type: type, count: validity.count, validity: validity.validity, offsets: offsets, children: vectors)
        }
    }

    private func check(_ vectors: [Vector], count: Int, columns: [ColumnDescriptor]) throws {
        for (child, vector) in zip(children, vectors) where vector.count != count {
            throw ParquetError(.corrupt, "column '\(columns[child.owner].dottedPath)' has \(vector.count) slots where column '\(columns[owner].dottedPath)' has \(count)")
        }
    }
}
