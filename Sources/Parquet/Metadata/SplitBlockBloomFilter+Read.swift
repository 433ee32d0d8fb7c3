/// Locating and reading a column chunk's bloom filter (`ColumnMetaData` 14 offset, 15 length).
extension SplitBlockBloomFilter {
    /// The chunk's bloom filter, or nil when it has none. Without `bloom_filter_length` (older writers) the
    /// header is parsed to find the size.
    public static func read(from source: ByteSource, chunk: ColumnChunk) throws -> SplitBlockBloomFilter? {
        if chunk.isEncrypted { throw ParquetError(.encrypted, "bloom filter of an encrypted column is not supported") }
        guard let meta = chunk.metaData, let offset = meta.bloomFilterOffset else { return nil }
        guard offset >= 4, offset < Int64(source.size) else {
            throw ParquetError(.corrupt, "bloom filter offset \(offset) is outside the \(source.size)-byte file")
        }
        let available = source.size - Int(offset)
        if let length = meta.bloomFilterLength {
            guard Int(length) <= available else {
                throw ParquetError(.corrupt, "bloom filter at \(offset) of \(length) bytes runs past the end of the file")
            }
            return try SplitBlockBloomFilter(serialized: try source.read(offset: Int(offset), count: Int(length)), at: offset)
        }
        // The header is a few bytes; 256 leave room for fields newer writers add.
        let head = try source.read(offset: Int(offset), count: min(available, 256))
        let (header, headerLength) = try Self.header(head, at: offset)
        guard Int(header.numBytes) <= available - headerLength else {
            throw ParquetError(.corrupt, "bloom filter at \(offset): \(header.numBytes)-byte bitset runs past the end of the file")
        }
        return try Self.bitset(try source.read(offset: Int(offset) + headerLength, count: Int(header.numBytes)), at: offset)
    }

    /// A filter from `BloomFilterHeader | bitset` bytes (what `serialized()` produces); `offset` is for messages.
    public init(serialized bytes: [UInt8], at offset: Int64 = 0) throws {
        let (header, headerLength) = try Self.header(bytes, at: offset)
        guard Int(header.numBytes) <= bytes.count - headerLength else {
            throw ParquetError(.corrupt, "bloom filter at \(offset): \(header.numBytes)-byte bitset does not fit in "
                + "the \(bytes.count - headerLength) bytes after its header")
        }
        self = try Self.bitset(Array(bytes[headerLength..<headerLength + Int(header.numBytes)]), at: offset)
    }

    private static func header(_ bytes: [UInt8], at offset: Int64) throws -> (BloomFilterHeader, Int) {
        let (header, length) = try PageIndex.decode(BloomFilterHeader.self, bytes, at: offset, "bloom filter header")
        guard header.algorithm == .block, header.hash == .xxHash, header.compression == .uncompressed else {
            throw ParquetError(.unsupported, "bloom filter at \(offset): algorithm \(header.algorithm), hash \(header.hash), "
                + "compression \(header.compression) (only BLOCK, XXHASH, UNCOMPRESSED are supported)")
        }
        guard header.numBytes > 0, Int(header.numBytes) <= maximumBytes else {
            throw ParquetError(.corrupt, "bloom filter at \(offset): numBytes \(header.numBytes) is outside 1...\(maximumBytes)")
        }
        return (header, length)
    }

    private static func bitset(_ bytes: [UInt8], at offset: Int64) throws -> SplitBlockBloomFilter {
        do { return try SplitBlockBloomFilter(bitset: bytes) } catch let error as ParquetError {
            throw error.prefixed("bloom filter at \(offset)")
        }
    }
}
