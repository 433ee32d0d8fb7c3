/// DATA_PAGE (v1) and DATA_PAGE_V2 bodies.
extension ColumnChunkReader {
    mutating func readDataPageV1(_ header: PageHeader, body: UnsafeRawBufferPointer) throws {
        guard let page = header.dataPageHeader else { throw ParquetError(.corrupt, "DATA_PAGE without a data_page_header") }
        let count = Int(page.numValues)
        try checkValueCount(count)
        dataPages += 1
        try withDecompressed(body, uncompressedSize: Int(header.uncompressedPageSize)) { data in
            var offset = 0
            if column.maxRepetitionLevel > 0 {
                offset += try LevelDecoding.decodeV1(data, encoding: page.repetitionLevelEncoding,
                                                     maxLevel: column.maxRepetitionLevel, count: count, into: &repetitionLevels)
            }
            var present = count
            if column.maxDefinitionLevel > 0 {
                let start = definitionLevels.count
                offset += try LevelDecoding.decodeV1(UnsafeRawBufferPointer(rebasing: data[offset...]),
                                                     encoding: page.definitionLevelEncoding,
                                                     maxLevel: column.maxDefinitionLevel, count: count, into: &definitionLevels)
                present = try presentCount(from: start)
            }
            try decodeValues(UnsafeRawBufferPointer(rebasing: data[offset...]), encoding: page.encoding, count: present,
                             borrowable: keepsDecompressed(Int(header.uncompressedPageSize)))
        }
        levelCount += count
    }

    mutating func readDataPageV2(_ header: PageHeader, body: UnsafeRawBufferPointer) throws {
        guard let page = header.dataPageHeaderV2 else { throw ParquetError(.corrupt, "DATA_PAGE_V2 without a data_page_header_v2") }
        let count = Int(page.numValues), nulls = Int(page.numNulls)
        let repLength = Int(page.repetitionLevelsByteLength), defLength = Int(page.definitionLevelsByteLength)
        try checkValueCount(count)
        guard nulls >= 0, nulls <= count, page.numRows >= 0, repLength >= 0, defLength >= 0,
              repLength + defLength <= body.count, repLength + defLength <= Int(header.uncompressedPageSize) else {
            throw ParquetError(.corrupt, "DATA_PAGE_V2 header is inconsistent (num_values \(count), num_nulls \(nulls), level lengths \(repLength)+\(defLength), page \(body.count) bytes)")
        }
        dataPages += 1
        if column.maxRepetitionLevel > 0 {
            let start = repetitionLevels.count
            try LevelDecoding.decodeV2(UnsafeRawBufferPointer(rebasing: body[0..<repLength]),
                                       maxLevel: column.maxRepetitionLevel, count: count, into: &repetitionLevels)
            let rows = repetitionLevels[start...].reduce(0) { $0 &+ ($1 == 0 ? 1 : 0) }
            guard rows == Int(page.numRows) else {
                throw ParquetError(.corrupt, "DATA_PAGE_V2 holds \(rows) rows, its header says \(page.numRows)")
            }
        }
        var present = count - nulls
        if column.maxDefinitionLevel > 0 {
            let start = definitionLevels.count
            try LevelDecoding.decodeV2(UnsafeRawBufferPointer(rebasing: body[repLength..<repLength + defLength]),
                                       maxLevel: column.maxDefinitionLevel, count: count, into: &definitionLevels)
            let counted = try presentCount(from: start)
            guard counted == present else {
                throw ParquetError(.corrupt, "DATA_PAGE_V2 has \(count - counted) nulls, its header says \(nulls)")
            }
            present = counted
        }
        let compressed = UnsafeRawBufferPointer(rebasing: body[(repLength + defLength)...])
        let size = Int(header.uncompressedPageSize) - repLength - defLength
        if page.isCompressed && size > 0 {
            try withDecompressed(compressed, uncompressedSize: size) {
                try decodeValues($0, encoding: page.encoding, count: present, borrowable: keepsDecompressed(size))
            }
        } else {
            let data = size == 0 ? UnsafeRawBufferPointer(start: nil, count: 0) : compressed
            try decodeValues(data, encoding: page.encoding, count: present)
        }
        levelCount += count
    }

    /// A page's num_values must be non-negative and fit in what the chunk metadata still expects, which
    /// also bounds the level buffers a hostile header can make us allocate.
    private func checkValueCount(_ count: Int) throws {
        guard count >= 0, count <= expectedLevels - levelCount else {
            throw ParquetError(.corrupt, "data page has num_values \(count), the chunk expects \(expectedLevels - levelCount) more")
        }
    }

    /// Definition levels from `start` equal to the max (checking none exceeds it).
    private func presentCount(from start: Int) throws -> Int {
        let maxLevel = UInt32(column.maxDefinitionLevel)
        var present = 0, over = false
        definitionLevels.withUnsafeBufferPointer { levels in
            for level in levels[start...] {
                present &+= level == maxLevel ? 1 : 0
                over = over || level > maxLevel
            }
        }
        guard !over else { throw ParquetError(.corrupt, "a definition level exceeds the max \(maxLevel)") }
        return present
    }

    /// Whether a page of `size` bytes is decompressed into `pageBuffer` and stays there after
    /// `withDecompressed` returns (until the next page), so a `PageValueCursor` may borrow it.
    func keepsDecompressed(_ size: Int) -> Bool {
        metaData.codec != .uncompressed && size > 0 && size <= PageBuffer.keepLimit
    }

    /// Runs `body` on the decompressed page bytes (the bytes themselves when the chunk is uncompressed).
    func withDecompressed<R>(_ data: UnsafeRawBufferPointer, uncompressedSize: Int,
                             _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        if metaData.codec == .uncompressed { return try body(data) }
        guard uncompressedSize >= 0, uncompressedSize <= ColumnChunkReader.maxPageSize else {
            throw ParquetError(.corrupt, "uncompressed page size \(uncompressedSize) is out of range")
        }
        guard uncompressedSize > 0 else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        try PageCompression.checkPlausible(metaData.codec, data, uncompressedSize)
        return try pageBuffer.withRegion(uncompressedSize) { region in
            try PageCompression.decompress(metaData.codec, data, into: region)
            return try body(UnsafeRawBufferPointer(region))
        }
    }
}
