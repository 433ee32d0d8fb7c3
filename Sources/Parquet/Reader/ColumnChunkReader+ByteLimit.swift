import Columnar

/// Keeping a byte-array leaf's buffered data within `bufferLimit` and each batch's share of it within
/// `byteLimit`, so Int32 offsets never overflow: a page that could take `values` past its limit is decoded
/// apart into `pending`, and `recordsFitting` ends a batch before the record that would pass the other. The common case (small values)
/// decodes straight into `values` and costs one comparison per page and per batch.
extension ColumnChunkReader {
    /// Decodes a data page's non-null values into `values`, or apart into `pending` when they may not fit.
    mutating func decodeValues(_ section: UnsafeRawBufferPointer, encoding: Encoding, count: Int,
                               borrowable: Bool = false) throws {
        if borrowable, let pageValues = try PageValueCursor(section, encoding: encoding, count: count, values: values,
                                                            hasDictionary: dictionary != nil, pageOffset: pageOffset) {
            cursor = pageValues
            return
        }
        guard values.isByteArray,
              !pending.isEmpty || (values.buffer.count > 0
                                   && byteBound(section, encoding: encoding, count: count) > bufferLimit - values.buffer.count) else {
            return try values.decode(section, encoding: encoding, count: count, dictionary: dictionary)
        }
        var page = PhysicalValues(physicalType: values.physicalType, width: values.width)
        try page.decode(section, encoding: encoding, count: count, dictionary: dictionary)
        if pending.isEmpty && page.dataEnd <= bufferLimit - values.dataEnd {
            values.append(page)
        } else {
            pending.append(page)
        }
    }

    /// At least the bytes a byte-array page's values can decode to (Int.max when there is no cheap bound).
    private func byteBound(_ section: UnsafeRawBufferPointer, encoding: Encoding, count: Int) -> Int {
        switch encoding {
        case .plain, .deltaLengthByteArray: return section.count
        case .plainDictionary, .rleDictionary:
            let (bound, overflow) = count.multipliedReportingOverflow(by: dictionaryMaxLength)
            return overflow ? Int.max : bound
        default: return Int.max
        }
    }

    /// How many of the next `records` (complete) records have their values in `values` and, after the
    /// first, keep the batch's byte-array data within `byteLimit`; remembers the cut for `takeRecords`.
    mutating func recordsFitting(_ records: Int) -> Int {
        var cut = cutIndex(records), present = presentCount(levelStart..<cut)
        let available = values.count - valueStart
        let fits = !values.isByteArray || (present > available && pending.isEmpty)
            || (present <= available && dataBytes(present) <= byteLimit)
        var fitted = records
        if !fits { (fitted, cut, present) = walkRecords(records, available: available) }
        prepared = (fitted, cut, present)
        return fitted
    }

    /// The slow path of `recordsFitting`: one pass over the levels, record by record.
    private func walkRecords(_ records: Int, available: Int) -> (records: Int, cut: Int, present: Int) {
        let end = cutIndex(records), maxLevel = UInt32(column.maxDefinitionLevel)
        var fitted = 0, fittedCut = levelStart, fittedPresent = 0, present = 0
        func accept(_ i: Int) -> Bool {
            guard present <= available, fitted == 0 || dataBytes(present) <= byteLimit else { return false }
            (fitted, fittedCut, fittedPresent) = (fitted + 1, i, present)
            return true
        }
        for i in levelStart..<end {
            let starts = column.maxRepetitionLevel == 0 || repetitionLevels[i] == 0
            if i > levelStart && starts && !accept(i) { return (fitted, fittedCut, fittedPresent) }
            if maxLevel == 0 || definitionLevels[i] == maxLevel { present &+= 1 }
        }
        if end > levelStart { _ = accept(end) }
        return (fitted, fittedCut, fittedPresent)
    }

    /// Byte-array data of the next `present` values not yet handed out.
    private func dataBytes(_ present: Int) -> Int {
        Int(values.offsets[valueStart + present]) - Int(values.offsets[valueStart])
    }

    /// Moves pending pages into the (compacted) `values` while they fit; an empty `values` takes one page
    /// whatever its size. Says whether any moved; when none could and one is `required` (the next record
    /// spans them), the record's data cannot be held in one vector.
    mutating func mergePending(required: Bool) throws -> Bool {
        var moved = 0
        while moved < pending.count, values.count == 0 || pending[moved].dataEnd <= bufferLimit - values.dataEnd {
            values.append(pending[moved])
            moved += 1
        }
        guard moved > 0 || !required else {
            throw ParquetError(.unsupported, "a record's byte array data exceeds \(bufferLimit) bytes, the most one vector holds")
        }
        pending.removeFirst(moved)
        return moved > 0
    }
}

extension PhysicalValues {
    /// The end of the byte-array data (the buffer may hold slack beyond it).
    var dataEnd: Int { Int(offsets[offsets.count - 1]) }

    /// Appends `other`'s byte-array values; the caller has checked the total fits in Int32.
    mutating func append(_ other: PhysicalValues) {
        let base = offsets[offsets.count - 1]
        buffer.resize(Int(base))
        other.buffer.withUnsafeBytes { buffer.append(raw: UnsafeRawBufferPointer(rebasing: $0[0..<other.dataEnd])) }
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 &+ base })
        count &+= other.count
    }
}
