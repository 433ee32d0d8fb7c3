/// parquet.thrift page headers: each page in a column chunk is `PageHeader | body`.
public struct PageHeader: Sendable, Hashable {
    public var type: PageType = .dataPage                      // 1
    public var uncompressedPageSize: Int32 = 0                 // 2
    public var compressedPageSize: Int32 = 0                   // 3
    public var crc: Int32? = nil                               // 4
    public var dataPageHeader: DataPageHeader? = nil           // 5
    public var dictionaryPageHeader: DictionaryPageHeader? = nil // 7
    public var dataPageHeaderV2: DataPageHeaderV2? = nil       // 8
    public init() {}
}

public struct DataPageHeader: Sendable, Hashable {
    public var numValues: Int32 = 0                            // 1
    public var encoding: Encoding = .plain                     // 2
    public var definitionLevelEncoding: Encoding = .rle        // 3
    public var repetitionLevelEncoding: Encoding = .rle        // 4
    public var statistics: Statistics? = nil                   // 5
    public init() {}
}

public struct DataPageHeaderV2: Sendable, Hashable {
    public var numValues: Int32 = 0                            // 1
    public var numNulls: Int32 = 0                             // 2
    public var numRows: Int32 = 0                              // 3
    public var encoding: Encoding = .plain                     // 4
    public var definitionLevelsByteLength: Int32 = 0           // 5
    public var repetitionLevelsByteLength: Int32 = 0           // 6
    /// Absent means true.
    public var isCompressed: Bool = true                       // 7
    public var statistics: Statistics? = nil                   // 8
    public init() {}
}

public struct DictionaryPageHeader: Sendable, Hashable {
    public var numValues: Int32 = 0                            // 1
    public var encoding: Encoding = .plain                     // 2
    public var isSorted: Bool? = nil                           // 3
    public init() {}
}

/// Page index: one per column chunk, found through ColumnChunk fields 4-7.
public struct OffsetIndex: Sendable, Hashable {
    public var pageLocations: [PageLocation] = []              // 1
    public var unencodedByteArrayDataBytes: [Int64]? = nil     // 2
    public init() {}
}

public struct PageLocation: Sendable, Hashable {
    public var offset: Int64                                   // 1
    public var compressedPageSize: Int32                       // 2
    public var firstRowIndex: Int64                            // 3
    public init(offset: Int64, compressedPageSize: Int32, firstRowIndex: Int64) {
        self.offset = offset
        self.compressedPageSize = compressedPageSize
        self.firstRowIndex = firstRowIndex
    }
}

public struct ColumnIndex: Sendable, Hashable {
    public var nullPages: [Bool] = []                          // 1
    public var minValues: [[UInt8]] = []                       // 2
    public var maxValues: [[UInt8]] = []                       // 3
    public var boundaryOrder: BoundaryOrder = .unordered       // 4
    public var nullCounts: [Int64]? = nil                      // 5
    public var repetitionLevelHistograms: [Int64]? = nil       // 6
    public var definitionLevelHistograms: [Int64]? = nil       // 7
    public var nanCounts: [Int64]? = nil                       // 8
    public init() {}
}

/// Split-block bloom filter header; the bitset of `numBytes` follows it.
public struct BloomFilterHeader: Sendable, Hashable {
    public var numBytes: Int32                                 // 1
    public var algorithm: BloomFilterAlgorithm = .block        // 2
    public var hash: BloomFilterHash = .xxHash                 // 3
    public var compression: BloomFilterCompression = .uncompressed // 4
    public init(numBytes: Int32) { self.numBytes = numBytes }
}

/// parquet.thrift `BloomFilterAlgorithm` (a union): 1 BLOCK (split-block).
public enum BloomFilterAlgorithm: Sendable, Hashable {
    case block
    case other(fieldID: Int16)
}

/// parquet.thrift `BloomFilterHash` (a union): 1 XXHASH (XXH64, seed 0).
public enum BloomFilterHash: Sendable, Hashable {
    case xxHash
    case other(fieldID: Int16)
}

/// parquet.thrift `BloomFilterCompression` (a union): 1 UNCOMPRESSED.
public enum BloomFilterCompression: Sendable, Hashable {
    case uncompressed
    case other(fieldID: Int16)
}
