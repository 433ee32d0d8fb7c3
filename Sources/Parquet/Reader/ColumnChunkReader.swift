import Columnar

/// Reads one column chunk: walks its pages and decodes levels and values into a `LeafColumnData`.
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
    var chunk: ColumnChunkBytes
    var definitionLevels: ContiguousArray<UInt32> = []
    var repetitionLevels: ContiguousArray<UInt32> = []
    var values: PhysicalValues
    var dictionary: PhysicalValues?
    var levelCount = 0
    var dataPages = 0

    /// Page bodies larger than this are rejected before allocation (a hostile header cannot ask for more).
    static let maxPageSize = Int(Int32.max)

    init(column: ColumnDescriptor, metaData: ColumnMetaData, source: ByteSource, limit: Int, verifyChecksums: Bool) throws {
        self.column = column
        self.metaData = metaData
        self.verifyChecksums = verifyChecksums
        values = PhysicalValues(column)
        chunk = try ColumnChunkBytes(source: source, metaData: metaData, limit: limit)
    }

    /// Decodes every page of the chunk.
    mutating func read() throws -> LeafColumnData {
        var position = 0
        let expected = Int(metaData.numValues)
        while levelCount < expected && position < chunk.bytes.count {
            do {
                position = try readPage(at: position)
            } catch let error as ParquetError {
                throw error.prefixed("page at offset \(chunk.start + position)")
            }
        }
        guard levelCount == expected else {
            throw ParquetError(.corrupt, "the chunk holds \(levelCount) values, its metadata says \(expected)")
        }
        return LeafColumnData(
            definitionLevels: column.maxDefinitionLevel > 0 ? definitionLevels : nil,
            repetitionLevels: column.maxRepetitionLevel > 0 ? repetitionLevels : nil,
            values: try values.vector(as: column), levelCount: levelCount)
    }

    /// Reads the page at chunk position `position`; returns the position after it.
    private mutating func readPage(at position: Int) throws -> Int {
        let (header, headerLength) = try CompactReader.decode(PageHeader.self, from: chunk.bytes, at: position,
                                                              baseOffset: chunk.start)
        let bodyStart = position + headerLength
        let bodyLength = Int(header.compressedPageSize)
        guard bodyLength >= 0, header.uncompressedPageSize >= 0 else {
            throw ParquetError(.corrupt, "negative page size (compressed \(header.compressedPageSize), uncompressed \(header.uncompressedPageSize))")
        }
        try chunk.ensure(bodyStart + bodyLength)
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

    private func verifyChecksum(_ crc: Int32, start: Int, length: Int) throws {
        let actual = chunk.bytes.withUnsafeBytes { PageChecksum.crc32(UnsafeRawBufferPointer(rebasing: $0[start..<start + length])) }
        guard actual == UInt32(bitPattern: crc) else {
            throw ParquetError(.checksum, "page CRC mismatch: stored \(String(UInt32(bitPattern: crc), radix: 16)), computed \(String(actual, radix: 16))")
        }
    }

    private mutating func readDictionaryPage(_ header: PageHeader, body: UnsafeRawBufferPointer) throws {
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
        try withDecompressed(body, uncompressedSize: Int(header.uncompressedPageSize)) {
            try entries.decodePlain($0, count: count)
        }
        dictionary = entries
    }
}
