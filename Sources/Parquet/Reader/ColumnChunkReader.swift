import Columnar

/// Reads one column chunk: walks its pages and decodes levels and values, handing them out a number of
/// whole records at a time (`prepareRecords` / `takeRecords`), so a row group can be decoded batch by batch.
///
/// ```
/// chunk := [dictionary page] data page*        page := PageHeader (Thrift compact) | body
/// v1 body (compressed as one unit):  [rep levels][def levels][values]
/// v2 body: rep levels | def levels (uncompressed) | values (compressed when is_compressed)
/// ```
/// The walk stops at `num_values` level entries or at the chunk's end; INDEX_PAGE and unknown page types
/// are skipped. Errors carry the page's file offset; the caller adds the column path and row group.
struct ColumnChunkReader {
    let column: ColumnDescriptor
    let metaData: ColumnMetaData
    let verifyChecksums: Bool
    /// Most byte-array data in one batch (see `ParquetReadOptions.byteArrayBatchLimit`) and in `values`.
    let byteLimit: Int
    let bufferLimit: Int
    var chunk: ColumnChunkBytes
    /// Decoded levels and values not yet handed out start at `levelStart` / `valueStart`.
    var definitionLevels: ContiguousArray<UInt32> = []
    var repetitionLevels: ContiguousArray<UInt32> = []
    var values: PhysicalValues
    var levelStart = 0
    var valueStart = 0
    /// Entries with repetition level 0 (record starts) among the buffered levels not yet handed out.
    var recordStarts = 0
    var dictionary: PhysicalValues?
    /// The previous row group's dictionary storage, reused by a fixed-width dictionary page.
    var recycledDictionary: ByteBuffer?
    /// The longest dictionary entry (bounds what a dictionary-encoded byte-array page can expand to).
    var dictionaryMaxLength = 0
    /// Byte-array values of pages that would have taken `values` past `bufferLimit`, decoded apart and moved
    /// in once the values before them are handed out (their levels are already buffered).
    var pending: [PhysicalValues] = []
    /// The latest page's values not yet decoded (fixed-width leaves), borrowing `pageBuffer`.
    var cursor: PageValueCursor?
    /// What `prepareRecords` found, reused by `takeRecords`: records, level cut, non-null values.
    var prepared: (records: Int, cut: Int, present: Int)?
    /// Level entries decoded from the chunk so far, and the next page's position.
    var levelCount = 0
    var position = 0
    /// The file offset of the page read last (errors found later, by `cursor`, name it).
    var pageOffset = 0
    var dataPages = 0
    /// Where compressed pages are decompressed, reused page after page.
    let pageBuffer: PageBuffer

    /// Page bodies larger than this are rejected before allocation (a hostile header cannot ask for more).
    static let maxPageSize = Int(Int32.max)

    init(column: ColumnDescriptor, metaData: ColumnMetaData, source: ByteSource, limit: Int, verifyChecksums: Bool,
         byteLimit: Int = Int(Int32.max), bufferLimit: Int = Int(Int32.max), reusing buffers: ChunkBuffers? = nil) throws {
        self.column = column
        self.metaData = metaData
        self.verifyChecksums = verifyChecksums
        self.byteLimit = min(max(1, byteLimit), Int(Int32.max))
        self.bufferLimit = min(max(1, bufferLimit), Int(Int32.max))
        values = PhysicalValues(column)
        pageBuffer = buffers?.pageBuffer ?? PageBuffer()
        recycledDictionary = buffers?.takeDictionary()
        chunk = try ColumnChunkBytes(source: source, metaData: metaData, limit: limit, reusing: buffers?.takeBytes() ?? [])
    }

    /// The memory this reader allocated, for the reader of the same column in the next row group (its
    /// chunk bytes, dictionary storage and page buffer: none of it is shared with vectors handed out).
    mutating func releaseBuffers() -> ChunkBuffers {
        var bytes: [UInt8] = []
        swap(&bytes, &chunk.bytes)
        let storage = dictionary.map(\.buffer)
        dictionary = nil
        return ChunkBuffers(bytes: bytes, dictionary: storage, pageBuffer: pageBuffer)
    }

    var expectedLevels: Int { Int(metaData.numValues) }
    var isExhausted: Bool { levelCount >= expectedLevels || position >= chunk.bytes.count }

    /// Records fully decoded and not yet handed out (the last buffered one may continue on the next page).
    var completeRecords: Int {
        column.maxRepetitionLevel == 0 || isExhausted ? recordStarts : max(0, recordStarts - 1)
    }

    /// Decodes the next page and counts the records it starts.
    mutating func decodeNextPage() throws {
        let start = position
        let levelsBefore = repetitionLevels.count, countBefore = levelCount
        try drainCursor()  // the next page reuses the region the cursor reads
        pageOffset = chunk.start + start
        do {
            position = try readPage(at: position)
        } catch let error as ParquetError {
            throw error.prefixed("page at offset \(chunk.start + start)")
        }
        if column.maxRepetitionLevel == 0 {
            recordStarts &+= levelCount - countBefore
        } else {
            repetitionLevels.withUnsafeBufferPointer { levels in
                for level in levels[levelsBefore...] where level == 0 { recordStarts &+= 1 }
            }
        }
        if isExhausted && levelCount != expectedLevels {
            throw ParquetError(.corrupt, "the chunk holds \(levelCount) values, its metadata says \(expectedLevels)")
        }
    }

    /// The header of the page at chunk position `position` and where its body starts, the body's bytes loaded.
    mutating func pageHeader(at position: Int) throws -> (header: PageHeader, bodyStart: Int, bodyLength: Int) {
        let (header, headerLength) = try CompactReader.decode(PageHeader.self, from: chunk.bytes, at: position,
                                                              baseOffset: chunk.start)
        let bodyStart = position + headerLength
        let bodyLength = Int(header.compressedPageSize)
        guard bodyLength >= 0, header.uncompressedPageSize >= 0 else {
            throw ParquetError(.corrupt, "negative page size (compressed \(header.compressedPageSize), uncompressed \(header.uncompressedPageSize))")
        }
        try chunk.ensure(bodyStart + bodyLength)
        return (header, bodyStart, bodyLength)
    }

    /// Reads the page at chunk position `position`; returns the position after it.
    private mutating func readPage(at position: Int) throws -> Int {
        let (header, bodyStart, bodyLength) = try pageHeader(at: position)
        if verifyChecksums, let crc = header.crc { try verifyChecksum(crc, start: bodyStart, length: bodyLength) }
        try chunk.bytes.withUnsafeBytes { all in
            let body = UnsafeRawBufferPointer(rebasing: all[bodyStart..<bodyStart + bodyLength])
            switch header.type {
            case .dictionaryPage: try readDictionaryPage(header, body: body)
            case .dataPage: try readDataPageV1(header, body: body)
            case .dataPageV2: try readDataPageV2(header, body: body)
            default: break
            }
        }
        return bodyStart + bodyLength
    }

    /// Decodes what the cursor has left into `values`.
    mutating func drainCursor() throws {
        guard var pageValues = cursor else { return }
        cursor = nil
        let dictionary = self.dictionary
        try pageValues.decode(pageValues.remaining, into: &values, dictionary: dictionary)
    }

    private func verifyChecksum(_ crc: Int32, start: Int, length: Int) throws {
        let actual = chunk.bytes.withUnsafeBytes { PageChecksum.crc32(UnsafeRawBufferPointer(rebasing: $0[start..<start + length])) }
        guard actual == UInt32(bitPattern: crc) else {
            throw ParquetError(.checksum, "page CRC mismatch: stored \(String(UInt32(bitPattern: crc), radix: 16)), computed \(String(actual, radix: 16))")
        }
    }

    mutating func readDictionaryPage(_ header: PageHeader, body: UnsafeRawBufferPointer) throws {
        guard let dictionaryHeader = header.dictionaryPageHeader else {
            throw ParquetError(.corrupt, "DICTIONARY_PAGE without a dictionary_page_header")
        }
        guard dictionary == nil, dataPages == 0 else {
            throw ParquetError(.corrupt, "a dictionary page must be the first and only one of its chunk")
        }
        guard dictionaryHeader.encoding == .plain || dictionaryHeader.encoding == .plainDictionary else {
            throw ParquetError(.unsupported, "dictionary page encoding \(dictionaryHeader.encoding.name)")
        }
        let count = Int(dictionaryHeader.numValues)
        guard count >= 0 else { throw ParquetError(.corrupt, "dictionary page has num_values \(count)") }
        var entries = PhysicalValues(column)
        if !(try decompressFixedWidth(body, uncompressedSize: Int(header.uncompressedPageSize), count: count, into: &entries)) {
            try withDecompressed(body, uncompressedSize: Int(header.uncompressedPageSize)) {
                try entries.decodePlain($0, count: count)
            }
        }
        if entries.isByteArray {
            dictionaryMaxLength = entries.offsets.withUnsafeBufferPointer { offsets in
                zip(offsets.dropFirst(), offsets).reduce(0) { max($0, Int($1.0 &- $1.1)) }
            }
            // Zeroed slack past the last entry: the gather copies a short value as one wide load, which
            // tiny dictionaries (flags, codes) could not otherwise afford and would copy byte by byte.
            entries.buffer.resize(entries.dataEnd + ShortCopy.slack)
        }
        dictionary = entries
    }

    /// A compressed PLAIN dictionary page of fixed-width values, decompressed straight into `entries` (their
    /// layout is the page's) rather than into `pageBuffer` and copied; false for other pages.
    private mutating func decompressFixedWidth(_ body: UnsafeRawBufferPointer, uncompressedSize: Int, count: Int,
                                               into entries: inout PhysicalValues) throws -> Bool {
        switch entries.physicalType {
        case .int32, .int64, .float, .double, .fixedLenByteArray: break
        default: return false
        }
        guard metaData.codec != .uncompressed, entries.width > 0, uncompressedSize > 0,
              uncompressedSize <= ColumnChunkReader.maxPageSize else { return false }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: entries.width)
        guard !overflow, bytes <= uncompressedSize else {
            throw ParquetError(.corrupt, "PLAIN: \(count) values of \(entries.width) bytes need more than the \(uncompressedSize)-byte page")
        }
        try PageCompression.checkPlausible(metaData.codec, body, uncompressedSize)
        if var storage = recycledDictionary {
            recycledDictionary = nil  // so `storage` is unique and keeps its memory
            storage.removeAll()
            entries.buffer = storage
        }
        try entries.buffer.appendUninitialized(capacity: uncompressedSize) { region in
            try PageCompression.decompress(metaData.codec, body, into: region)
            return bytes
        }
        entries.count = count
        return true
    }
}
