import Columnar

/// The Columnar type of a leaf, from its logical type (preferred), its legacy converted type, or its
/// physical type. An annotation that does not fit the physical type is ignored, as readers do for unknown
/// logical types; a DECIMAL with an impossible precision or scale is corrupt.
extension ColumnDescriptor {
    static func dataType(of element: SchemaElement, physical: PhysicalType, typeLength: Int, path: String) throws -> DataType {
        if let logical = element.logicalType, case .other = logical {
            return physicalDataType(physical, typeLength: typeLength)
        }
        if let logical = element.logicalType {
            if let type = try logicalDataType(logical, physical: physical, typeLength: typeLength, path: path) { return type }
        } else if let converted = element.convertedType {
            if let type = try convertedDataType(converted, element: element, physical: physical, typeLength: typeLength, path: path) {
                return type
            }
        }
        return physicalDataType(physical, typeLength: typeLength)
    }

    static func physicalDataType(_ physical: PhysicalType, typeLength: Int) -> DataType {
        switch physical {
        case .boolean: .boolean
        case .int32: .int32
        case .int64: .int64
        case .int96: .timestamp(.nanosecond, utc: false)
        case .float: .float32
        case .double: .float64
        case .byteArray: .binary
        case .fixedLenByteArray: .fixedBinary(typeLength)
        }
    }

    private static func logicalDataType(_ logical: LogicalType, physical: PhysicalType, typeLength: Int, path: String) throws -> DataType? {
        switch logical {
        case .string, .enumeration, .json: return physical == .byteArray ? .string : nil
        case .bson: return physical == .byteArray ? .binary : nil
        case .integer(let bitWidth, let isSigned): return integerType(bitWidth: Int(bitWidth), signed: isSigned, physical: physical)
        case .decimal(let scale, let precision):
            return try decimalType(precision: precision, scale: scale, physical: physical, typeLength: typeLength, path: path)
        case .date: return physical == .int32 ? .date : nil
        case .time(_, let unit):
            switch (unit, physical) {
            case (.millis, .int32): return .time(.millisecond)
            case (.micros, .int64): return .time(.microsecond)
            case (.nanos, .int64): return .time(.nanosecond)
            default: return nil
            }
        case .timestamp(let utc, let unit):
            return physical == .int64 ? .timestamp(timeUnit(unit), utc: utc) : nil
        case .uuid: return physical == .fixedLenByteArray && typeLength == 16 ? .fixedBinary(16) : nil
        case .float16: return physical == .fixedLenByteArray && typeLength == 2 ? .float16 : nil
        case .unknown: return .null
        case .map, .list, .other: return nil
        }
    }

    private static func convertedDataType(_ converted: ConvertedType, element: SchemaElement, physical: PhysicalType,
                                          typeLength: Int, path: String) throws -> DataType? {
        switch converted {
        case .utf8, .enumeration, .json: return physical == .byteArray ? .string : nil
        case .bson: return physical == .byteArray ? .binary : nil
        case .decimal:
            return try decimalType(precision: element.precision ?? 0, scale: element.scale ?? 0, physical: physical,
                                   typeLength: typeLength, path: path)
        case .date: return physical == .int32 ? .date : nil
        case .timeMillis: return physical == .int32 ? .time(.millisecond) : nil
        case .timeMicros: return physical == .int64 ? .time(.microsecond) : nil
        case .timestampMillis: return physical == .int64 ? .timestamp(.millisecond, utc: true) : nil
        case .timestampMicros: return physical == .int64 ? .timestamp(.microsecond, utc: true) : nil
        case .int8: return integerType(bitWidth: 8, signed: true, physical: physical)
        case .int16: return integerType(bitWidth: 16, signed: true, physical: physical)
        case .int32: return integerType(bitWidth: 32, signed: true, physical: physical)
        case .int64: return integerType(bitWidth: 64, signed: true, physical: physical)
        case .uint8: return integerType(bitWidth: 8, signed: false, physical: physical)
        case .uint16: return integerType(bitWidth: 16, signed: false, physical: physical)
        case .uint32: return integerType(bitWidth: 32, signed: false, physical: physical)
        case .uint64: return integerType(bitWidth: 64, signed: false, physical: physical)
        case .interval: return physical == .fixedLenByteArray && typeLength == 12 ? .fixedBinary(12) : nil
        default: return nil
        }
    }

    private static func integerType(bitWidth: Int, signed: Bool, physical: PhysicalType) -> DataType? {
        switch (bitWidth, signed, physical) {
        case (8, true, .int32): .int8
        case (16, true, .int32): .int16
        case (32, true, .int32): .int32
        case (64, true, .int64): .int64
        case (8, false, .int32): .uint8
        case (16, false, .int32): .uint16
        case (32, false, .int32): .uint32
        case (64, false, .int64): .uint64
        default: nil
        }
    }

    private static func decimalType(precision: Int32, scale: Int32, physical: PhysicalType, typeLength: Int,
                                    path: String) throws -> DataType {
        guard precision >= 1, precision <= DataType.maxDecimalPrecision, scale >= 0, scale <= precision else {
            throw ParquetError(.corrupt, "DECIMAL column '\(path)' has precision \(precision) and scale \(scale)")
        }
        switch physical {
        case .int32, .int64, .fixedLenByteArray, .byteArray: break
        default: throw ParquetError(.corrupt, "DECIMAL column '\(path)' cannot be stored as \(physical.name)")
        }
        return .decimal(precision: Int(precision), scale: Int(scale))
    }

    static func timeUnit(_ unit: LogicalTimeUnit) -> TimeUnit {
        switch unit {
        case .millis: .millisecond
        case .micros: .microsecond
        case .nanos: .nanosecond
        }
    }
}
