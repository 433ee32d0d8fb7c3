/// Turning raw `Statistics` bytes into typed bounds that are safe to prune with.
///
/// Rules (parquet.thrift `ColumnOrder`, notes §7):
/// * `min_value`/`max_value` (5/6) follow the column's sort order: signed for plain ints, DATE/TIME/TIMESTAMP
///   and DECIMAL; unsigned for UINT_* / INTEGER(isSigned: false); unsigned byte-wise for strings and binary.
/// * The deprecated `min`/`max` (2/1) were computed with signed comparison; they are used only when 5/6 are
///   absent and the column's order is signed on a numeric physical type.
/// * NaN bounds are dropped; a zero min is widened to -0.0 and a zero max to +0.0.
/// * INT96 bounds only under `INT96_TIMESTAMP_ORDER`; unknown column orders and undefined orders (INTERVAL,
///   LIST, MAP, unknown logical types) give no bounds. Absent counts stay absent (absent != 0).

/// How a column's values are ordered for statistics.
public enum StatisticsSortOrder: Sendable, Hashable {
    case signed, unsigned, undefined

    /// The order TYPE_ORDER defines for a leaf: logical type first, then converted type, then physical type.
    public init(_ leaf: SchemaElement) {
        if let logical = leaf.logicalType {
            self = Self.order(logical)
        } else if let converted = leaf.convertedType {
            self = Self.order(converted)
        } else {
            switch leaf.type {
            case .boolean, .int32, .int64, .float, .double: self = .signed
            case .byteArray, .fixedLenByteArray: self = .unsigned
            case .int96, nil: self = .undefined
            }
        }
    }

    private static func order(_ logical: LogicalType) -> StatisticsSortOrder {
        switch logical {
        case .string, .enumeration, .json, .bson, .uuid: .unsigned
        case .decimal, .date, .time, .timestamp, .float16: .signed
        case .integer(_, let isSigned): isSigned ? .signed : .unsigned
        case .map, .list, .unknown, .other: .undefined
        }
    }

    private static func order(_ converted: ConvertedType) -> StatisticsSortOrder {
        switch converted {
        case .utf8, .enumeration, .json, .bson: .unsigned
        case .uint8, .uint16, .uint32, .uint64: .unsigned
        case .decimal, .date, .timeMillis, .timeMicros, .timestampMillis, .timestampMicros: .signed
        case .int8, .int16, .int32, .int64: .signed
        default: .undefined
        }
    }
}

/// Statistics of one column chunk or page, interpreted for its leaf.
public struct ColumnStatistics: Sendable, Hashable {
    /// Lower bound of the non-null, non-NaN values (possibly truncated: see `isMinExact`).
    public var min: StatisticsValue?
    public var max: StatisticsValue?
    /// nil when the writer did not say.
    public var isMinExact: Bool?
    public var isMaxExact: Bool?
    /// nil when absent, which does not mean 0.
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var nanCount: Int64?

    public init() {}
}
