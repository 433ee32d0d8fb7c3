import Columnar

extension RecordAssembler {
    /// Walks one leaf's level entries down `chain` (top-level node first, the leaf last).
    func assembleLeaf(_ data: LeafColumnData, column: ColumnDescriptor, chain: [AssemblyNode]) throws {
        let count = data.levelCount
        let maxDef = column.maxDefinitionLevel
        let maxRep = column.maxRepetitionLevel
        let defs = data.definitionLevels ?? ContiguousArray(repeating: 0, count: maxDef == 0 ? count : 0)
        let reps = data.repetitionLevels ?? ContiguousArray(repeating: 0, count: maxRep == 0 ? count : 0)
        guard defs.count == count, reps.count == count else {
            throw ParquetError(.corrupt, "column '\(column.dottedPath)' has \(defs.count) definition and \(reps.count) repetition levels for \(count) values")
        }
        let leaf = chain[chain.count - 1]
        let owned = chain.map { $0.owner == column.index }
        // Whether the last slot of each list level holds at least one element, so an entry may continue it.
        var open = [Bool](repeating: false, count: chain.count)
        var present = 0
        for i in 0..<count {
            let d = Int(defs[i])
            let r = Int(reps[i])
            guard d <= maxDef else {
                throw ParquetError(.corrupt, "column '\(column.dottedPath)' has definition level \(d) above the max \(maxDef)")
            }
            guard r <= maxRep else {
                throw ParquetError(.corrupt, "column '\(column.dottedPath)' has repetition level \(r) above the max \(maxRep)")
            }
            guard i > 0 || r == 0 else {
                throw ParquetError(.corrupt, "column '\(column.dottedPath)' starts with repetition level \(r), not at a record boundary")
            }
            var creating = r == 0
            walk: for k in 0..<chain.count {
                let node = chain[k]
                switch node.kind {
                case .structure:
                    if creating && owned[k] { node.validity.append(d >= node.definitionLevel) }
                case .leaf:
                    guard creating else {
                        throw ParquetError(.corrupt, "column '\(column.dottedPath)' repetition level \(r) continues no open list")
                    }
                    let valid = d >= node.definitionLevel
                    leaf.validity.append(valid)
                    present &+= valid ? 1 : 0
                case .list, .map:
                    if creating {
                        if owned[k] {
                            node.validity.append(d >= node.definitionLevel)
                            node.offsets.append(node.offsets[node.offsets.count - 1])
                        }
                        open[k] = d >= node.elementDefinitionLevel
                        guard open[k] else { break walk }
                        if owned[k] { node.offsets[node.offsets.count - 1] &+= 1 }
                    } else {
                        guard open[k] else {
                            throw ParquetError(.corrupt, "column '\(column.dottedPath)' repetition level \(r) continues a null or empty list")
                        }
                        if r == node.repetitionLevel {
                            creating = true
                            if owned[k] { node.offsets[node.offsets.count - 1] &+= 1 }
                        }
                    }
                }
            }
        }
        guard present == data.values.count else {
            throw ParquetError(.corrupt, "column '\(column.dottedPath)' has \(present) non-null levels but \(data.values.count) values")
        }
    }
}
