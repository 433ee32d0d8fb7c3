/// parquet.thrift `LogicalType` (a union) and its members.
public enum LogicalType: Sendable, Hashable {
    case string
    case map
    case list
    case enumeration
    /// Note the Thrift field order: 1 is scale, 2 is precision.
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: LogicalTimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: LogicalTimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// The Null type: every value is null.
    case unknown
    case json
    case bson
    case uuid
    case float16
    /// A union member this reader does not know (VARIANT, GEOMETRY, ... or newer); read as the physical type.
    case other(fieldID: Int16)
}

/// parquet.thrift `TimeUnit` (a union of empty structs).
public enum LogicalTimeUnit: Int16, Sendable, Hashable {
    case millis = 1, micros = 2, nanos = 3
}

/// parquet.thrift `ColumnOrder` (a union).
public enum ColumnOrder: Sendable, Hashable {
    case typeDefinedOrder
    case ieee754TotalOrder
    case int96TimestampOrder
    case other(fieldID: Int16)
}
