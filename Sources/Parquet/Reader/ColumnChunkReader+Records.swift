import Columnar

/// Handing out decoded levels and values by whole records.
extension ColumnChunkReader {
    /// The next `count` records (fewer only at the chunk's end): decodes pages until they are complete,
    /// then cuts the buffered levels and values at the next record start.
    mutating func readRecords(_ count: Int) throws -> LeafColumnData {
        while completeRecords < count && !isExhausted {
            compact()
            try decodeNextPage()
        }
        if isExhausted && levelCount != expectedLevels {
            throw ParquetError(.corrupt, "the chunk holds \(levelCount) values, its metadata says \(expectedLevels)")
        }
        let records = min(count, completeRecords)
        let cut = cutIndex(records)
        let taken = cut - levelStart
        let definitions = column.maxDefinitionLevel > 0 ? ContiguousArray(definitionLevels[levelStart..<cut]) : nil
        let repetitions = column.maxRepetitionLevel > 0 ? ContiguousArray(repetitionLevels[levelStart..<cut]) : nil
        var present = taken
        if let definitions {
            let maxLevel = UInt32(column.maxDefinitionLevel)
            present = definitions.withUnsafeBufferPointer { $0.reduce(0) { $0 &+ ($1 == maxLevel ? 1 : 0) } }
        }
        guard present <= values.count - valueStart else {
            throw ParquetError(.corrupt, "\(present) non-null levels but only \(values.count - valueStart) values decoded")
        }
        let vector = try values.vector(as: column, range: valueStart..<valueStart + present)
        levelStart = cut
        valueStart += present
        recordStarts -= column.maxRepetitionLevel == 0 ? taken : records
        return LeafColumnData(definitionLevels: definitions, repetitionLevels: repetitions, values: vector, levelCount: taken)
    }

    /// The level index where record `records` (0-based, counted from `levelStart`) starts, or the end.
    private func cutIndex(_ records: Int) -> Int {
        let end = max(definitionLevels.count, repetitionLevels.count, levelStart + recordStarts)
        if column.maxRepetitionLevel == 0 { return levelStart + records }
        guard records < recordStarts else { return end }
        var seen = 0
        return repetitionLevels.withUnsafeBufferPointer { levels in
            for i in levelStart..<levels.count where levels[i] == 0 {
                if seen == records { return i }
                seen &+= 1
            }
            return levels.count
        }
    }

    /// Drops handed-out levels and values before the next page is appended: what remains is less than
    /// one batch, so each value moves at most once more.
    private mutating func compact() {
        guard levelStart > 0 else { return }
        if !definitionLevels.isEmpty { definitionLevels.removeFirst(levelStart) }
        if !repetitionLevels.isEmpty { repetitionLevels.removeFirst(levelStart) }
        values.removeFirst(valueStart)
        levelStart = 0
        valueStart = 0
    }
}

extension PhysicalValues {
    /// Values `range` in the leaf's Columnar type (no copy when the range is everything).
    func vector(as column: ColumnDescriptor, range: Range<Int>) throws -> Vector {
        if range == 0..<count { return try vector(as: column) }
        return try sliced(range).vector(as: column)
    }

    /// Values `range` copied out.
    func sliced(_ range: Range<Int>) -> PhysicalValues {
        var part = PhysicalValues(physicalType: physicalType, width: width)
        if isByteArray {
            let base = offsets[range.lowerBound]
            part.buffer = buffer.slice(Int(base)..<Int(offsets[range.upperBound]))
            part.offsets = ContiguousArray(offsets[range.lowerBound...range.upperBound].lazy.map { $0 &- base })
        } else {
            part.buffer = buffer.slice(range.lowerBound * width..<range.upperBound * width)
        }
        part.count = range.count
        return part
    }

    /// Drops the first `n` values.
    mutating func removeFirst(_ n: Int) {
        guard n > 0 else { return }
        self = sliced(n..<count)
    }
}
