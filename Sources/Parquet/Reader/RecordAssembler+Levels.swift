import Columnar

extension RecordAssembler {
    /// One node of a leaf's chain while its levels are walked: a value copy of what the loop touches, so
    /// the hot loop reads no class properties (no exclusivity checks, no retains).
    struct ChainLevel {
        enum Kind { case structure, list, leaf }
        let kind: Kind
        let definitionLevel: Int
        let elementDefinitionLevel: Int
        let repetitionLevel: Int
        /// This leaf owns the node: it writes the node's validity and offsets.
        let owned: Bool
        var validity: ValidityBuilder
        var offsets: ContiguousArray<Int32>
        /// The node's last slot holds at least one element, so an entry may continue it.
        var open = false

        init(_ node: AssemblyNode, column: Int) {
            switch node.kind {
            case .structure: kind = .structure
            case .list, .map: kind = .list
            case .leaf: kind = .leaf
            }
            definitionLevel = node.definitionLevel
            elementDefinitionLevel = node.elementDefinitionLevel
            repetitionLevel = node.repetitionLevel
            owned = node.owner == column || kind == .leaf
            validity = owned ? node.validity : ValidityBuilder()
            offsets = owned ? node.offsets : []
            if owned {
                node.validity = ValidityBuilder()
                node.offsets = []
            }
        }
    }

    /// Walks one leaf's level entries down `chain` (top-level node first, the leaf last).
    func assembleLeaf(_ data: LeafColumnData, column: ColumnDescriptor, chain: [AssemblyNode]) throws {
        let count = data.levelCount
        let defs = data.definitionLevels ?? ContiguousArray(repeating: 0, count: column.maxDefinitionLevel == 0 ? count : 0)
        let reps = data.repetitionLevels ?? ContiguousArray(repeating: 0, count: column.maxRepetitionLevel == 0 ? count : 0)
        guard defs.count == count, reps.count == count else {
            throw ParquetError(.corrupt, "column '\(column.dottedPath)' has \(defs.count) definition and \(reps.count) repetition levels for \(count) values")
        }
        var levels = chain.map { ChainLevel($0, column: column.index) }
        defer {
            for (node, level) in zip(chain, levels) where level.owned {
                node.validity = level.validity
                node.offsets = level.offsets
            }
        }
        let present = try defs.withUnsafeBufferPointer { defs in
            try reps.withUnsafeBufferPointer { reps in
                try levels.withUnsafeMutableBufferPointer { levels in
                    column.maxRepetitionLevel == 0
                        ? try walkStructs(defs, levels, column: column)
                        : try walk(defs, reps, levels, column: column)
                }
            }
        }
        guard present == data.values.count else {
            throw ParquetError(.corrupt, "column '\(column.dottedPath)' has \(present) non-null levels but \(data.values.count) values")
        }
    }

    /// No repetition: every entry is one slot of every node, valid where its definition level is reached.
    private func walkStructs(_ defs: UnsafeBufferPointer<UInt32>, _ chain: UnsafeMutableBufferPointer<ChainLevel>,
                             column: ColumnDescriptor) throws -> Int {
        let maxDef = UInt32(column.maxDefinitionLevel)
        if let bad = defs.first(where: { $0 > maxDef }) {
            throw levelError(d: Int(bad), r: 0, column: column)
        }
        for k in 0..<chain.count where chain[k].owned {
            let threshold = UInt32(chain[k].definitionLevel)
            chain[k].validity.reserve(chain[k].validity.count + defs.count)
            for d in defs { chain[k].validity.append(d >= threshold) }
        }
        let leaf = chain[chain.count - 1]
        return leaf.validity.count - leaf.validity.nullCount
    }

    /// The walk itself; returns the number of non-null leaf slots.
    private func walk(_ defs: UnsafeBufferPointer<UInt32>, _ reps: UnsafeBufferPointer<UInt32>,
                      _ chain: UnsafeMutableBufferPointer<ChainLevel>, column: ColumnDescriptor) throws -> Int {
        let maxDef = column.maxDefinitionLevel, maxRep = column.maxRepetitionLevel
        var present = 0
        for i in 0..<defs.count {
            let d = Int(defs[i]), r = Int(reps[i])
            guard d <= maxDef, r <= maxRep, i > 0 || r == 0 else {
                throw levelError(d: d, r: r, column: column)
            }
            var creating = r == 0
            walk: for k in 0..<chain.count {
                switch chain[k].kind {
                case .structure:
                    if creating && chain[k].owned { chain[k].validity.append(d >= chain[k].definitionLevel) }
                case .leaf:
                    guard creating else {
                        throw ParquetError(.corrupt, "column '\(column.dottedPath)' repetition level \(r) continues no open list")
                    }
                    let valid = d >= chain[k].definitionLevel
                    chain[k].validity.append(valid)
                    present &+= valid ? 1 : 0
                case .list:
                    if creating {
                        if chain[k].owned {
                            chain[k].validity.append(d >= chain[k].definitionLevel)
                            chain[k].offsets.append(chain[k].offsets[chain[k].offsets.count &- 1])
                        }
                        chain[k].open = d >= chain[k].elementDefinitionLevel
                        guard chain[k].open else { break walk }
                        if chain[k].owned { chain[k].offsets[chain[k].offsets.count &- 1] &+= 1 }
                    } else {
                        guard chain[k].open else {
                            throw ParquetError(.corrupt, "column '\(column.dottedPath)' repetition level \(r) continues a null or empty list")
                        }
                        if r == chain[k].repetitionLevel {
                            creating = true
                            if chain[k].owned { chain[k].offsets[chain[k].offsets.count &- 1] &+= 1 }
                        }
                    }
                }
            }
        }
        return present
    }

    private func levelError(d: Int, r: Int, column: ColumnDescriptor) -> ParquetError {
        if d > column.maxDefinitionLevel {
            return ParquetError(.corrupt, "column '\(column.dottedPath)' has definition level \(d) above the max \(column.maxDefinitionLevel)")
        }
        if r > column.maxRepetitionLevel {
            return ParquetError(.corrupt, "column '\(column.dottedPath)' has repetition level \(r) above the max \(column.maxRepetitionLevel)")
        }
        return ParquetError(.corrupt, "column '\(column.dottedPath)' starts with repetition level \(r), not at a record boundary")
    }
}
