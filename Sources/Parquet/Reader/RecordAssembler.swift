import Columnar

/// Record assembly: rebuilds a top-level field's nested vector from the definition and repetition levels
/// of its leaves (the inverse of Dremel record shredding).
///
/// Each leaf is walked on its own, entry by entry, down the chain of nodes from the top-level field to the
/// leaf. An entry with repetition level r continues the open list at level r with a new element (r = 0
/// starts a new row); from there down it creates one slot per node, null where its definition level is
/// below the node's, and stops at a list that is null or empty. A struct or list node shared by several
/// leaves takes its validity and offsets from its first leaf only (its owner); the others must agree on
/// the counts, which `finish` checks.
struct RecordAssembler {
    let shape: FieldShape
    let field: Field
    let columns: [ColumnDescriptor]

    /// The field's vector for `rowCount` rows. `leaves[c]` holds column c's data for those rows.
    func assemble(_ leaves: [Int: LeafColumnData], rowCount: Int) throws -> Vector {
        if case .leaf(let column, _) = shape, let data = leaves[column] {
            return try flatLeaf(data, column: columns[column], rowCount: rowCount)
        }
        let root = AssemblyNode(shape: shape, type: field.type)
        var chain: [AssemblyNode] = []
        try feedLeaves(of: root, chain: &chain, leaves: leaves)
        let vector = try root.finish(columns: columns, leaves: leaves)
        guard vector.count == rowCount else {
            throw ParquetError(.corrupt, "field '\(field.name)' assembled \(vector.count) rows, the row group has \(rowCount)")
        }
        return vector
    }

    private func feedLeaves(of node: AssemblyNode, chain: inout [AssemblyNode], leaves: [Int: LeafColumnData]) throws {
        chain.append(node)
        defer { chain.removeLast() }
        if case .leaf(let column) = node.kind {
            guard let data = leaves[column] else {
                throw ParquetError(.invalidArgument, "column '\(columns[column].dottedPath)' was not read")
            }
            try assembleLeaf(data, column: columns[column], chain: chain)
            return
        }
        for child in node.children { try feedLeaves(of: child, chain: &chain, leaves: leaves) }
    }

    /// A top-level primitive: no repetition, so validity is `definition level == max` and values spread out.
    private func flatLeaf(_ data: LeafColumnData, column: ColumnDescriptor, rowCount: Int) throws -> Vector {
        guard data.levelCount == rowCount else {
            throw ParquetError(.corrupt, "column '\(column.dottedPath)' has \(data.levelCount) values for \(rowCount) rows")
        }
        guard let levels = data.definitionLevels, column.maxDefinitionLevel > 0 else {
            guard data.values.count == rowCount else {
                throw ParquetError(.corrupt, "column '\(column.dottedPath)' decoded \(data.values.count) values for \(rowCount) rows")
            }
            return data.values
        }
        let maxDef = UInt32(column.maxDefinitionLevel)
        var validity = ValidityBuilder()
        validity.reserve(rowCount)
        var present = 0
        try levels.withUnsafeBufferPointer { levels in
            for level in levels {
                guard level <= maxDef else {
                    throw ParquetError(.corrupt, "column '\(column.dottedPath)' has definition level \(level) above the max \(maxDef)")
                }
                let valid = level == maxDef
                validity.append(valid)
                present &+= valid ? 1 : 0
            }
        }
        guard present == data.values.count else {
            throw ParquetError(.corrupt, "column '\(column.dottedPath)' has \(present) non-null levels but \(data.values.count) values")
        }
        return data.values.spread(into: validity)
    }
}
