import Columnar

/// Handing out decoded levels and values by whole records, in two steps so a row group can agree on one
/// row count across its leaves: `prepareRecords` decodes pages and says how many records are ready,
/// `takeRecords` cuts them off.
extension ColumnChunkReader {
    /// How many of the next `count` records can be handed out: fewer at the chunk's end, or when a
    /// byte-array leaf would pass `byteLimit` (but at least one record while any remain).
    mutating func prepareRecords(_ count: Int) throws -> Int {
        while true {
            if pending.isEmpty && completeRecords < count && !isExhausted {
                compact()
                try decodeNextPage()
                continue
            }
            if isExhausted && levelCount != expectedLevels {
                throw ParquetError(.corrupt, "the chunk holds \(levelCount) values, its metadata says \(expectedLevels)")
            }
            let records = min(count, completeRecords)
            let fitting = recordsFitting(records)
            if pending.isEmpty || (fitting == records && records > 0) { return fitting }
            // Values of the records wait in `pending`: move in what fits beside those not handed out.
            compact()  // shifts the level and value positions: the cut is found again
            guard try mergePending(required: fitting == 0) else { return recordsFitting(records) }
        }
    }

    /// Cuts off the next `records` records (at most what `prepareRecords` returned).
    mutating func takeRecords(_ records: Int) throws -> LeafColumnData {
        let cut: Int, present: Int
        if let prepared, prepared.records == records {
            (cut, present) = (prepared.cut, prepared.present)
        } else {
            cut = cutIndex(records)
            present = presentCount(levelStart..<cut)
        }
        prepared = nil
        let taken = cut - levelStart
        let definitions = column.maxDefinitionLevel > 0 ? ContiguousArray(definitionLevels[levelStart..<cut]) : nil
        let repetitions = column.maxRepetitionLevel > 0 ? ContiguousArray(repetitionLevels[levelStart..<cut]) : nil
        let vector = try takeValues(present)
        levelStart = cut
        recordStarts -= column.maxRepetitionLevel == 0 ? taken : records
        return LeafColumnData(definitionLevels: definitions, repetitionLevels: repetitions, values: vector, levelCount: taken)
    }

    /// The next `present` values as a vector: decoded straight from the cursor into a vector of their own
    /// when nothing is buffered before them, else from `values` (topped up from the cursor).
    private mutating func takeValues(_ present: Int) throws -> Vector {
        let buffered = values.count - valueStart
        guard present <= buffered + (cursor?.remaining ?? 0) else {
            throw ParquetError(.corrupt, "\(present) non-null levels but only \(buffered + (cursor?.remaining ?? 0)) values decoded")
        }
        let dictionary = self.dictionary
        if buffered == 0 && present > 0, var pageValues = cursor {
            var batch = PhysicalValues(physicalType: values.physicalType, width: values.width)
            try pageValues.decode(present, into: &batch, dictionary: dictionary)
            cursor = pageValues
            return try batch.vector(as: column)
        }
        if present > buffered { try cursor?.decode(present - buffered, into: &values, dictionary: dictionary) }
        let vector = try values.vector(as: column, range: valueStart..<valueStart + present)
        valueStart += present
        return vector
    }

    /// The level index where record `records` (0-based, counted from `levelStart`) starts, or the end.
    func cutIndex(_ records: Int) -> Int {
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

    /// Non-null entries (definition level at the max) among buffered levels `range`.
    func presentCount(_ range: Range<Int>) -> Int {
        guard column.maxDefinitionLevel > 0 else { return range.count }
        let maxLevel = UInt32(column.maxDefinitionLevel)
        return definitionLevels.withUnsafeBufferPointer { levels in
            levels[range].reduce(0) { $0 &+ ($1 == maxLevel ? 1 : 0) }
        }
    }

    /// Drops handed-out levels and values before the next page is appended: what remains is less than
    /// one batch, so each value moves at most once more.
    mutating func compact() {
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

    /// Values `range` copied out (into a buffer of at least `capacity` bytes).
    func sliced(_ range: Range<Int>, capacity: Int = 0) -> PhysicalValues {
        var part = PhysicalValues(physicalType: physicalType, width: width)
        if isByteArray {
            let base = offsets[range.lowerBound]
            part.buffer = buffer.slice(Int(base)..<Int(offsets[range.upperBound]), capacity: capacity)
            part.offsets = offsets.withUnsafeBufferPointer { all in
                ContiguousArray(unsafeUninitializedCapacity: range.count + 1) { out, initialized in
                    for i in 0...range.count { out[i] = all[range.lowerBound &+ i] &- base }
                    initialized = range.count + 1
                }
            }
        } else {
            part.buffer = buffer.slice(range.lowerBound * width..<range.upperBound * width, capacity: capacity)
        }
        part.count = range.count
        return part
    }

    /// Drops the first `n` values, keeping the buffer's capacity for the pages still to come.
    mutating func removeFirst(_ n: Int) {
        guard n > 0 else { return }
        self = sliced(n..<count, capacity: min(buffer.capacity, PageBuffer.keepLimit))
    }
}
