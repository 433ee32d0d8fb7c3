/// The enums of parquet.thrift. Values a file may carry that we do not know stay representable
/// (`RawRepresentable` structs), so a reader can name them in an error instead of failing to parse.

/// parquet.thrift `Type`: the physical type of a leaf.
public enum PhysicalType: Int32, Sendable, Hashable, CaseIterable {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7

    public var name: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

/// parquet.thrift `FieldRepetitionType`.
public enum FieldRepetitionType: Int32, Sendable, Hashable {
    case required = 0, optional = 1, repeated = 2

    public var name: String {
        switch self {
        case .required: "REQUIRED"
        case .optional: "OPTIONAL"
        case .repeated: "REPEATED"
        }
    }
}

/// parquet.thrift `ConvertedType` (legacy annotations).
public struct ConvertedType: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let utf8 = Self(rawValue: 0), map = Self(rawValue: 1), mapKeyValue = Self(rawValue: 2)
    public static let list = Self(rawValue: 3), enumeration = Self(rawValue: 4), decimal = Self(rawValue: 5)
    public static let date = Self(rawValue: 6), timeMillis = Self(rawValue: 7), timeMicros = Self(rawValue: 8)
    public static let timestampMillis = Self(rawValue: 9), timestampMicros = Self(rawValue: 10)
    public static let uint8 = Self(rawValue: 11), uint16 = Self(rawValue: 12), uint32 = Self(rawValue: 13)
    public static let uint64 = Self(rawValue: 14), int8 = Self(rawValue: 15), int16 = Self(rawValue: 16)
    public static let int32 = Self(rawValue: 17), int64 = Self(rawValue: 18), json = Self(rawValue: 19)
    public static let bson = Self(rawValue: 20), interval = Self(rawValue: 21)

    private static let names = [
        "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
        "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
        "INT_32", "INT_64", "JSON", "BSON", "INTERVAL",
    ]
    public var name: String { rawValue >= 0 && rawValue < Self.names.count ? Self.names[Int(rawValue)] : "CONVERTED_TYPE(\(rawValue))" }
}

/// parquet.thrift `Encoding`.
public struct Encoding: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let plain = Self(rawValue: 0)
    public static let plainDictionary = Self(rawValue: 2)
    public static let rle = Self(rawValue: 3)
    public static let bitPacked = Self(rawValue: 4)
    public static let deltaBinaryPacked = Self(rawValue: 5)
    public static let deltaLengthByteArray = Self(rawValue: 6)
    public static let deltaByteArray = Self(rawValue: 7)
    public static let rleDictionary = Self(rawValue: 8)
    public static let byteStreamSplit = Self(rawValue: 9)

    public var name: String {
        switch rawValue {
        case 0: "PLAIN"
        case 2: "PLAIN_DICTIONARY"
        case 3: "RLE"
        case 4: "BIT_PACKED"
        case 5: "DELTA_BINARY_PACKED"
        case 6: "DELTA_LENGTH_BYTE_ARRAY"
        case 7: "DELTA_BYTE_ARRAY"
        case 8: "RLE_DICTIONARY"
        case 9: "BYTE_STREAM_SPLIT"
        default: "ENCODING(\(rawValue))"
        }
    }
}

/// parquet.thrift `CompressionCodec`.
public struct CompressionCodec: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let uncompressed = Self(rawValue: 0)
    public static let snappy = Self(rawValue: 1)
    public static let gzip = Self(rawValue: 2)
    public static let lzo = Self(rawValue: 3)
    public static let brotli = Self(rawValue: 4)
    /// Deprecated; in practice Hadoop's LZ4 framing (or a bare block from old parquet-cpp).
    public static let lz4 = Self(rawValue: 5)
    public static let zstd = Self(rawValue: 6)
    public static let lz4Raw = Self(rawValue: 7)

    public var name: String {
        switch rawValue {
        case 0: "UNCOMPRESSED"
        case 1: "SNAPPY"
        case 2: "GZIP"
        case 3: "LZO"
        case 4: "BROTLI"
        case 5: "LZ4"
        case 6: "ZSTD"
        case 7: "LZ4_RAW"
        default: "CODEC(\(rawValue))"
        }
    }
}

/// parquet.thrift `PageType`.
public struct PageType: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let dataPage = Self(rawValue: 0)
    public static let indexPage = Self(rawValue: 1)
    public static let dictionaryPage = Self(rawValue: 2)
    public static let dataPageV2 = Self(rawValue: 3)

    public var name: String {
        switch rawValue {
        case 0: "DATA_PAGE"
        case 1: "INDEX_PAGE"
        case 2: "DICTIONARY_PAGE"
        case 3: "DATA_PAGE_V2"
        default: "PAGE_TYPE(\(rawValue))"
        }
    }
}

/// parquet.thrift `BoundaryOrder`.
public struct BoundaryOrder: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let unordered = Self(rawValue: 0), ascending = Self(rawValue: 1), descending = Self(rawValue: 2)
}
