import Columnar

/// Where one data page of a chunk ended up, for the page index.
struct PageRecord: Sendable {
    /// From the start of the chunk, header included.
    var offset: Int
    /// Header + body as stored.
    var compressedSize: Int
    /// Within the row group.
    var firstRowIndex: Int64
    var valueCount: Int
    var statistics: StatisticsBuilder
}

/// A finished column chunk: its bytes (dictionary page first) and metadata with offsets relative to the
/// chunk's start; `ParquetWriter` rebases them once it knows where the chunk lands in the file.
struct EncodedColumnChunk: Sendable {
    /// Written first, when the chunk used a dictionary.
    var dictionaryPage: ByteBuffer?
    /// The data pages.
    var data: ByteBuffer
    var metaData: ColumnMetaData
    /// Page offsets relative to the start of `data`.
    var pages: [PageRecord]

    var byteCount: Int { (dictionaryPage?.count ?? 0) &+ data.count }
}

/// Encodes one leaf of one row group into pages: levels RLE, values dictionary-encoded (falling back to PLAIN
/// once the dictionary outgrows its limit) or PLAIN, each page compressed as soon as it is full.
struct ColumnChunkWriter: Sendable {
    let descriptor: LeafDescriptor
    let options: ParquetWriteOptions
    let compressor: PageCompressor
    let definitionBitWidth: Int
    let repetitionBitWidth: Int

    // Chunk state.
    var data = ByteBuffer()
    var pages: [PageRecord] = []
    var dictionary: DictionaryEncoder?
    var dictionaryPage: ByteBuffer?
    var usedDictionary = false
    var usedPlain = false
    var chunkStatistics: StatisticsBuilder
    var levelTotal: Int64 = 0
    var rowTotal: Int64 = 0
    var uncompressedTotal = 0
    var dictionaryPages = 0
    var plainPages = 0
    /// Values put through the dictionary in this chunk, until the distinctness check ran.
    var dictionaryInserted = 0
    var distinctnessChecked = false

    // Current page state.
    var pageDefinitionLevels = ContiguousArray<Int16>()
    var pageRepetitionLevels = ContiguousArray<Int16>()
    var pageLevelCount = 0
    var pageValueCount = 0
    var pageRowCount = 0
    var pageValues = ByteBuffer()
    var pageIndices = ContiguousArray<UInt32>()
    var pageStatistics: StatisticsBuilder
    /// Per dictionary entry, the page generation that last folded it into `pageStatistics`: byte-array pages
    /// take their bounds from the distinct entries they use, not from every value.
    var entryGenerations = ContiguousArray<UInt32>()
    var pageGeneration: UInt32 = 1

    init(descriptor: LeafDescriptor, options: ParquetWriteOptions) {
        self.descriptor = descriptor
        self.options = options
        compressor = PageCompressor(codec: options.codec, level: options.compressionLevel)
        definitionBitWidth = RLEHybridEncoder.bitWidth(forMaxValue: UInt64(descriptor.maxDefinitionLevel))
        repetitionBitWidth = RLEHybridEncoder.bitWidth(forMaxValue: UInt64(descriptor.maxRepetitionLevel))
        chunkStatistics = StatisticsBuilder(order: descriptor.order, physicalType: descriptor.physicalType)
        pageStatistics = chunkStatistics
        dictionary = Self.makeDictionary(descriptor, options)
    }

    static func makeDictionary(_ d: LeafDescriptor, _ options: ParquetWriteOptions) -> DictionaryEncoder? {
        guard options.dictionary, d.physicalType != .boolean, d.order != .none else { return nil }
        return DictionaryEncoder(width: d.physicalType == .byteArray ? nil : LeafValues.physicalWidth(d))
    }

    /// Bytes this chunk would take if finished now (for the row group size limit).
    var estimatedSize: Int { data.count &+ estimatedPageSize &+ (dictionary?.encodedSize ?? 0) }

    private var estimatedPageSize: Int {
        let levels = (pageLevelCount &* (definitionBitWidth &+ repetitionBitWidth)) >> 3
        if dictionary != nil {
            let width = RLEHybridEncoder.bitWidth(forMaxValue: UInt64(Swift.max(dictionary!.count, 1)))
            return levels &+ ((pageIndices.count &* width) >> 3)
        }
        return levels &+ (descriptor.physicalType == .boolean ? pageValues.count >> 3 : pageValues.count)
    }

    /// Levels between page-size checks: small pages need finer steps.
    private var step: Int { Swift.max(8, Swift.min(4096, options.pageSize / 16)) }

    /// Appends a shredded batch of this leaf, cutting pages at record boundaries as they fill.
    mutating func write(_ leaf: ShreddedLeaf) throws {
        let values = try LeafValues.gather(leaf, descriptor)
        let maxDef = Int16(descriptor.maxDefinitionLevel)
        var level = 0, value = 0
        while level < leaf.levelCount {
            var end = Swift.min(level &+ step, leaf.levelCount)
            var rows = end &- level
            if !leaf.repetitionLevels.isEmpty {
                while end < leaf.levelCount && leaf.repetitionLevels[end] != 0 { end &+= 1 }
                rows = 0
                for i in level..<end where leaf.repetitionLevels[i] == 0 { rows &+= 1 }
                pageRepetitionLevels.append(contentsOf: leaf.repetitionLevels[level..<end])
            }
            var present = end &- level
            if !leaf.definitionLevels.isEmpty {
                present = 0
                for i in level..<end where leaf.definitionLevels[i] == maxDef { present &+= 1 }
                pageDefinitionLevels.append(contentsOf: leaf.definitionLevels[level..<end])
            }
            pageLevelCount &+= end &- level
            pageRowCount &+= rows
            pageStatistics.nullCount &+= Int64(end &- level &- present)
            try appendValues(values, value..<(value &+ present))
            value &+= present
            level = end
            if estimatedPageSize >= options.pageSize { try flushPage() }
        }
    }

    private mutating func appendValues(_ values: LeafValues, _ range: Range<Int>) throws {
        guard range.upperBound <= values.count else {
            throw ParquetError(.invalidArgument, "column \(descriptor.pathString): levels promise more values than the vector holds")
        }
        pageValueCount &+= range.count
        if dictionary != nil {
            let first = pageIndices.count
            insertIntoDictionary(values, range)
            if options.writeStatistics {
                if Self.boundsFromEntries(descriptor.physicalType) {
                    foldNewEntries(indicesFrom: first)
                } else {
                    pageStatistics.update(values, range)
                }
            }
            if dictionary!.encodedSize > options.dictionaryPageSizeLimit || nearlyDistinct(adding: range.count) {
                try flushPage()
                try writeDictionaryPageAndFallBack()
            }
            return
        }
        if options.writeStatistics { pageStatistics.update(values, range) }
        appendPlain(values, range, into: &pageValues)
    }

    /// Byte arrays compare slowly and repeat often in a dictionary-encoded page; numbers compare faster than
    /// an entry lookup.
    static func boundsFromEntries(_ type: PhysicalType) -> Bool {
        type == .byteArray || type == .fixedLenByteArray || type == .int96
    }

    /// Folds the dictionary entries that `pageIndices[first...]` refer to and this page has not yet seen into
    /// its statistics: the same bounds as every value's, one comparison per distinct entry.
    private mutating func foldNewEntries(indicesFrom first: Int) {
        guard let dictionary else { return }
        if entryGenerations.count < dictionary.count {
            entryGenerations.append(contentsOf: repeatElement(0, count: dictionary.count &- entryGenerations.count))
        }
        var fresh = ContiguousArray<Int>()
        let generation = pageGeneration
        pageIndices.withUnsafeBufferPointer { indices in
            entryGenerations.withUnsafeMutableBufferPointer { seen in
                // Every index is below dictionary.count <= seen.count.
                for i in first..<indices.count {
                    let entry = Int(indices[i])
                    if seen[entry] != generation {
                        seen[entry] = generation
                        fresh.append(entry)
                    }
                }
            }
        }
        pageStatistics.update(dictionary.entries(width: LeafValues.physicalWidth(descriptor), physicalType: descriptor.physicalType), fresh)
    }

    /// Values a chunk takes before its dictionary is judged, and the share of distinct entries that makes it
    /// fall back. Like parquet-mr's fallback after the first page: a dictionary of nearly all distinct values
    /// (keys, prices, free text) saves no bytes and costs a hash probe per value.
    static let distinctnessSample = 32_768
    static let distinctFallbackShare = 0.95

    private mutating func nearlyDistinct(adding count: Int) -> Bool {
        guard !distinctnessChecked, let dictionary else { return false }
        dictionaryInserted &+= count
        guard dictionaryInserted >= Self.distinctnessSample else { return false }
        distinctnessChecked = true
        return Double(dictionary.count) > Self.distinctFallbackShare * Double(dictionaryInserted)
    }

    private mutating func insertIntoDictionary(_ values: LeafValues, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        // Grow geometrically here: the encoder reserves exactly, which would copy the indices on every call.
        let needed = pageIndices.count &+ range.count
        if pageIndices.capacity < needed { pageIndices.reserveCapacity(Swift.max(needed, pageIndices.capacity &* 2)) }
        values.buffer.withUnsafeBytes { bytes in
            if values.physicalType == .byteArray {
                values.offsets.withUnsafeBufferPointer { offsets in
                    let slice = UnsafeBufferPointer(rebasing: offsets[range.lowerBound...range.upperBound])
                    dictionary!.insertByteArrays(bytes: bytes, offsets: slice, into: &pageIndices)
                }
            } else {
                let width = values.width
                let slice = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound &* width)..<(range.upperBound &* width)])
                dictionary!.insertFixedWidth(slice, into: &pageIndices)
            }
        }
    }

    private func appendPlain(_ values: LeafValues, _ range: Range<Int>, into sink: inout ByteBuffer) {
        guard !range.isEmpty else { return }
        switch values.physicalType {
        case .byteArray:
            values.buffer.withUnsafeBytes { bytes in
                values.offsets.withUnsafeBufferPointer { offsets in
                    let slice = UnsafeBufferPointer(rebasing: offsets[range.lowerBound...range.upperBound])
                    PlainEncoder.encodeByteArray(bytes: bytes, offsets: slice, into: &sink)
                }
            }
        default:
            // Booleans stay one byte each until the page is packed.
            let width = values.width
            values.buffer.withUnsafeBytes { raw in
                PlainEncoder.encodeFixedWidth(
                    UnsafeRawBufferPointer(rebasing: raw[(range.lowerBound &* width)..<(range.upperBound &* width)]), into: &sink)
            }
        }
    }
}
