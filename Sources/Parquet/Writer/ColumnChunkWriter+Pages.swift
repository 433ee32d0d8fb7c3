import Columnar

extension ColumnChunkWriter {
    /// Encodes, compresses and stores the current page, then starts an empty one.
    mutating func flushPage() throws {
        guard pageLevelCount > 0 else { return }
        let encoding: Encoding = dictionary != nil ? .rleDictionary : .plain
        let values = encodePageValues()
        var repetition = ByteBuffer(), definition = ByteBuffer()
        let v1 = options.dataPageVersion == 1
        encodeLevels(pageRepetitionLevels, repetitionBitWidth, into: &repetition, lengthPrefixed: v1)
        encodeLevels(pageDefinitionLevels, definitionBitWidth, into: &definition, lengthPrefixed: v1)

        var header = PageHeader()
        let statistics = options.writeStatistics
            ? pageStatistics.statistics(truncateLength: options.statisticsTruncateLength) : nil
        let levelBytes = repetition.count &+ definition.count
        var body: [PagePart]
        if v1 {
            var raw = values
            if levelBytes > 0 {
                raw = repetition
                definition.withUnsafeBytes { raw.append(raw: $0) }
                values.withUnsafeBytes { raw.append(raw: $0) }
            }
            body = [try compressor.compress(raw)]
            header.type = .dataPage
            header.uncompressedPageSize = try pageSizeField(raw.count)
            var h = DataPageHeader()
            h.numValues = Int32(pageLevelCount)
            h.encoding = encoding
            h.statistics = statistics
            header.dataPageHeader = h
        } else {
            // v2: levels stay uncompressed in front of the (compressed) values.
            body = [.buffer(repetition), .buffer(definition), try compressor.compress(values)]
            header.type = .dataPageV2
            header.uncompressedPageSize = try pageSizeField(levelBytes &+ values.count)
            var h = DataPageHeaderV2()
            h.numValues = Int32(pageLevelCount)
            h.numNulls = Int32(pageLevelCount &- pageValueCount)
            h.numRows = Int32(pageRowCount)
            h.encoding = encoding
            h.definitionLevelsByteLength = Int32(definition.count)
            h.repetitionLevelsByteLength = Int32(repetition.count)
            h.isCompressed = compressor.codec != .uncompressed
            h.statistics = statistics
            header.dataPageHeaderV2 = h
        }
        header.compressedPageSize = try pageSizeField(body.reduce(0) { $0 &+ $1.count })
        let offset = data.count
        try appendPage(header, body)
        pages.append(PageRecord(
            offset: offset, compressedSize: data.count &- offset, firstRowIndex: rowTotal,
            valueCount: pageValueCount, statistics: pageStatistics))
        if dictionary != nil { dictionaryPages &+= 1; usedDictionary = true } else { plainPages &+= 1; usedPlain = true }
        chunkStatistics.merge(pageStatistics)
        levelTotal &+= Int64(pageLevelCount)
        rowTotal &+= Int64(pageRowCount)
        resetPage()
    }

    /// Header (with CRC if asked) and body appended to the chunk.
    private mutating func appendPage(_ header: PageHeader, _ body: [PagePart]) throws {
        var header = header
        if options.writePageChecksum { header.crc = PageCompressor.crc32(body) }
        let headerBytes = CompactWriter.encode(header)
        data.reserve(data.count &+ headerBytes.count &+ Int(header.compressedPageSize))
        data.append(contentsOf: headerBytes)
        for part in body { part.withUnsafeBytes { data.append(raw: $0) } }
        uncompressedTotal &+= headerBytes.count &+ Int(header.uncompressedPageSize)
    }

    private func pageSizeField(_ n: Int) throws -> Int32 {
        guard let size = Int32(exactly: n) else {
            throw ParquetError(.invalidArgument, "column \(descriptor.pathString): page of \(n) bytes exceeds 2 GiB; lower pageSize")
        }
        return size
    }

    private func encodePageValues() -> ByteBuffer {
        if let dictionary {
            var out = ByteBuffer(capacity: pageIndices.count / 2 &+ 16)
            pageIndices.withUnsafeBufferPointer {
                DictionaryEncoder.encodeIndices($0, dictionarySize: dictionary.count, into: &out)
            }
            return out
        }
        if descriptor.physicalType == .boolean {
            var out = ByteBuffer()
            pageValues.withUnsafeBufferPointer(as: UInt8.self) { PlainEncoder.encodeBoolean($0, into: &out) }
            return out
        }
        return pageValues
    }

    private func encodeLevels(_ levels: ContiguousArray<Int16>, _ bitWidth: Int, into out: inout ByteBuffer, lengthPrefixed: Bool) {
        guard bitWidth > 0 else { return }
        var encoder = RLEHybridEncoder(bitWidth: bitWidth)
        for level in levels { encoder.append(UInt32(truncatingIfNeeded: level)) }
        encoder.finish(into: &out, lengthPrefixed: lengthPrefixed)
    }

    private mutating func resetPage() {
        pageDefinitionLevels.removeAll(keepingCapacity: true)
        pageRepetitionLevels.removeAll(keepingCapacity: true)
        pageIndices.removeAll(keepingCapacity: true)
        // A fresh buffer, not removeAll: the page just flushed may still share this one, and removeAll would
        // copy its bytes into a new buffer only to forget them.
        pageValues = ByteBuffer(capacity: pageValues.count == 0 ? 0 : pageValues.capacity)
        pageLevelCount = 0
        pageValueCount = 0
        pageRowCount = 0
        pageStatistics = StatisticsBuilder(order: descriptor.order, physicalType: descriptor.physicalType)
        pageGeneration &+= 1
        if pageGeneration == 0 {
            // Wrapped after 2^32 pages: forget every mark rather than mistake an old one for this page's.
            entryGenerations.removeAll(keepingCapacity: true)
            pageGeneration = 1
        }
    }
}
