import Columnar

extension ColumnChunkWriter {
    /// Stores the dictionary page (it will lead the chunk) and writes the rest of the chunk PLAIN.
    mutating func writeDictionaryPageAndFallBack() throws {
        try encodeDictionaryPage()
        dictionary = nil
    }

    private mutating func encodeDictionaryPage() throws {
        guard let dictionary else { return }
        var raw = ByteBuffer(capacity: dictionary.encodedSize)
        dictionary.writeDictionaryPage(into: &raw)
        let body = try compressor.compress(raw)
        var header = PageHeader()
        header.type = .dictionaryPage
        guard let uncompressed = Int32(exactly: raw.count), let compressed = Int32(exactly: body.count) else {
            throw ParquetError(.invalidArgument, "column \(descriptor.pathString): dictionary page exceeds 2 GiB")
        }
        header.uncompressedPageSize = uncompressed
        header.compressedPageSize = compressed
        var h = DictionaryPageHeader()
        h.numValues = Int32(dictionary.count)
        h.encoding = .plain
        header.dictionaryPageHeader = h
        if options.writePageChecksum { header.crc = PageCompressor.crc32([body]) }
        var page = ByteBuffer(bytes: CompactWriter.encode(header))
        uncompressedTotal &+= page.count &+ raw.count
        body.withUnsafeBytes { page.append(raw: $0) }
        dictionaryPage = page
    }

    /// Flushes the last page and hands the chunk over; the writer is ready for the next row group.
    mutating func finish() throws -> EncodedColumnChunk {
        try flushPage()
        if dictionary != nil && usedDictionary { try encodeDictionaryPage() }
        var meta = ColumnMetaData()
        meta.type = descriptor.physicalType
        meta.pathInSchema = descriptor.path
        meta.codec = options.codec
        meta.numValues = levelTotal
        meta.totalUncompressedSize = Int64(uncompressedTotal)
        meta.totalCompressedSize = Int64((dictionaryPage?.count ?? 0) &+ data.count)
        var encodings: [Encoding] = []
        var stats: [PageEncodingStats] = []
        if dictionaryPage != nil {
            encodings.append(.plain)
            stats.append(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
        }
        if repetitionBitWidth > 0 || definitionBitWidth > 0 || pages.isEmpty { encodings.append(.rle) }
        let dataPageType: PageType = options.dataPageVersion == 1 ? .dataPage : .dataPageV2
        if dictionaryPages > 0 {
            encodings.append(.rleDictionary)
            stats.append(PageEncodingStats(pageType: dataPageType, encoding: .rleDictionary, count: Int32(dictionaryPages)))
        }
        if plainPages > 0 {
            if !encodings.contains(.plain) { encodings.append(.plain) }
            stats.append(PageEncodingStats(pageType: dataPageType, encoding: .plain, count: Int32(plainPages)))
        }
        if encodings.isEmpty { encodings = [.plain] }
        meta.encodings = encodings
        meta.encodingStats = stats
        if options.writeStatistics {
            meta.statistics = chunkStatistics.statistics(truncateLength: options.statisticsTruncateLength)
        }
        let chunk = EncodedColumnChunk(dictionaryPage: dictionaryPage, data: data, metaData: meta, pages: pages)
        reset()
        return chunk
    }

    private mutating func reset() {
        data = ByteBuffer()
        pages = []
        dictionaryPage = nil
        dictionary = Self.makeDictionary(descriptor, options)
        usedDictionary = false
        usedPlain = false
        chunkStatistics = StatisticsBuilder(order: descriptor.order, physicalType: descriptor.physicalType)
        levelTotal = 0
        rowTotal = 0
        uncompressedTotal = 0
        dictionaryPages = 0
        plainPages = 0
        dictionaryInserted = 0
        distinctnessChecked = false
    }
}

extension EncodedColumnChunk {
    /// The chunk's ColumnIndex, or nil when a page with values has no usable bounds (all NaN).
    func columnIndex(order: StatisticsOrder, physicalType: PhysicalType, truncateLength: Int?) -> ColumnIndex? {
        var index = ColumnIndex()
        var nullCounts: [Int64] = []
        for page in pages {
            let isNullPage = page.valueCount == 0
            let stats = page.statistics.statistics(truncateLength: truncateLength)
            if !isNullPage && (stats.minValue == nil || stats.maxValue == nil) { return nil }
            index.nullPages.append(isNullPage)
            index.minValues.append(isNullPage ? [] : stats.minValue!)
            index.maxValues.append(isNullPage ? [] : stats.maxValue!)
            nullCounts.append(page.statistics.nullCount)
        }
        index.nullCounts = nullCounts
        index.boundaryOrder = boundaryOrder(index, StatisticsBuilder(order: order, physicalType: physicalType))
        return index
    }

    private func boundaryOrder(_ index: ColumnIndex, _ comparator: StatisticsBuilder) -> BoundaryOrder {
        var ascending = true, descending = true
        var previous: Int?
        for i in index.nullPages.indices where !index.nullPages[i] {
            if let p = previous {
                if comparator.less(index.minValues[i], index.minValues[p]) || comparator.less(index.maxValues[i], index.maxValues[p]) { ascending = false }
                if comparator.less(index.minValues[p], index.minValues[i]) || comparator.less(index.maxValues[p], index.maxValues[i]) { descending = false }
            }
            previous = i
        }
        if ascending { return .ascending }
        if descending { return .descending }
        return .unordered
    }

    /// The chunk's OffsetIndex, given where its first byte lands in the file.
    func offsetIndex(chunkOffset: Int) -> OffsetIndex {
        var index = OffsetIndex()
        let base = chunkOffset &+ (dictionaryPage?.count ?? 0)
        index.pageLocations = pages.map {
            PageLocation(offset: Int64(base &+ $0.offset), compressedPageSize: Int32($0.compressedSize), firstRowIndex: $0.firstRowIndex)
        }
        return index
    }
}
