/// parquet.thrift footer structs. Field comments give the Thrift field ids.

/// The footer: `"PAR1" | pages ... | FileMetaData | u32 LE length | "PAR1"`.
public struct FileMetaData: Sendable, Hashable {
    public var version: Int32 = 1                              // 1
    public var schema: [SchemaElement] = []                    // 2
    public var numRows: Int64 = 0                              // 3
    public var rowGroups: [RowGroup] = []                      // 4
    public var keyValueMetadata: [KeyValue]? = nil             // 5
    public var createdBy: String? = nil                        // 6
    public var columnOrders: [ColumnOrder]? = nil              // 7
    /// Field 8 is set: the file uses Parquet Modular Encryption (plaintext footer mode).
    public var hasEncryptionAlgorithm = false                  // 8
    public init() {}
}

/// One node of the flattened, depth-first schema tree.
public struct SchemaElement: Sendable, Hashable {
    public var type: PhysicalType? = nil                       // 1
    public var typeLength: Int32? = nil                        // 2
    public var repetitionType: FieldRepetitionType? = nil      // 3
    public var name: String = ""                               // 4
    public var numChildren: Int32? = nil                       // 5
    public var convertedType: ConvertedType? = nil             // 6
    public var scale: Int32? = nil                             // 7
    public var precision: Int32? = nil                         // 8
    public var fieldID: Int32? = nil                           // 9
    public var logicalType: LogicalType? = nil                 // 10
    public init() {}
}

public struct KeyValue: Sendable, Hashable {
    public var key: String                                     // 1
    public var value: String?                                  // 2
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

public struct SortingColumn: Sendable, Hashable {
    public var columnIdx: Int32                                // 1
    public var descending: Bool                                // 2
    public var nullsFirst: Bool                                // 3
    public init(columnIdx: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIdx = columnIdx
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

public struct RowGroup: Sendable, Hashable {
    public var columns: [ColumnChunk] = []                     // 1
    public var totalByteSize: Int64 = 0                        // 2
    public var numRows: Int64 = 0                              // 3
    public var sortingColumns: [SortingColumn]? = nil          // 4
    public var fileOffset: Int64? = nil                        // 5
    public var totalCompressedSize: Int64? = nil               // 6
    public var ordinal: Int16? = nil                           // 7
    public init() {}
}

public struct ColumnChunk: Sendable, Hashable {
    public var filePath: String? = nil                         // 1
    public var fileOffset: Int64 = 0                           // 2
    public var metaData: ColumnMetaData? = nil                 // 3
    public var offsetIndexOffset: Int64? = nil                 // 4
    public var offsetIndexLength: Int32? = nil                 // 5
    public var columnIndexOffset: Int64? = nil                 // 6
    public var columnIndexLength: Int32? = nil                 // 7
    /// Field 8 or 9 is set: this column is encrypted.
    public var isEncrypted = false                             // 8, 9
    public init() {}
}

public struct ColumnMetaData: Sendable, Hashable {
    public var type: PhysicalType = .int32                     // 1
    public var encodings: [Encoding] = []                      // 2
    public var pathInSchema: [String] = []                     // 3
    public var codec: CompressionCodec = .uncompressed         // 4
    public var numValues: Int64 = 0                            // 5
    public var totalUncompressedSize: Int64 = 0                // 6
    public var totalCompressedSize: Int64 = 0                  // 7
    public var keyValueMetadata: [KeyValue]? = nil             // 8
    public var dataPageOffset: Int64 = 0                       // 9
    public var indexPageOffset: Int64? = nil                   // 10
    public var dictionaryPageOffset: Int64? = nil              // 11
    public var statistics: Statistics? = nil                   // 12
    public var encodingStats: [PageEncodingStats]? = nil       // 13
    public var bloomFilterOffset: Int64? = nil                 // 14
    public var bloomFilterLength: Int32? = nil                 // 15
    public init() {}
}

public struct PageEncodingStats: Sendable, Hashable {
    public var pageType: PageType                              // 1
    public var encoding: Encoding                              // 2
    public var count: Int32                                    // 3
    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

/// Min/max are PLAIN-encoded without the BYTE_ARRAY length prefix. Fields 1/2 (`max`/`min`) are the
/// deprecated signed-order pair; 5/6 follow the column order.
public struct Statistics: Sendable, Hashable {
    public var max: [UInt8]? = nil                             // 1
    public var min: [UInt8]? = nil                             // 2
    public var nullCount: Int64? = nil                         // 3
    public var distinctCount: Int64? = nil                     // 4
    public var maxValue: [UInt8]? = nil                        // 5
    public var minValue: [UInt8]? = nil                        // 6
    public var isMaxValueExact: Bool? = nil                    // 7
    public var isMinValueExact: Bool? = nil                    // 8
    public var nanCount: Int64? = nil                          // 9
    public init() {}
}
