/// Compact-protocol codec for the unions `LogicalType`, `TimeUnit` and `ColumnOrder`, and for `Statistics`.
/// A union is a struct with one field set; members this reader does not know become `.other(fieldID:)`.
extension LogicalType: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> LogicalType {
        var result: LogicalType?
        try reader.readStruct("LogicalType") { r, field in
            result = try decodeMember(field, &r)
        }
        guard let result else { throw reader.corrupt("LogicalType union has no member") }
        return result
    }

    private static func decodeMember(_ field: FieldHeader, _ r: inout CompactReader) throws -> LogicalType {
        if let type = emptyMember(field.id) {
            try r.readEmptyStruct(field)
            return type
        }
        switch field.id {
        case 5: return try decodeDecimal(field, &r)
        case 7, 8: return try decodeTime(field, &r)
        case 10: return try decodeInteger(field, &r)
        default:
            try r.skip(field.type)
            return .other(fieldID: field.id)
        }
    }

    /// Members whose struct has no fields.
    private static func emptyMember(_ id: Int16) -> LogicalType? {
        switch id {
        case 1: .string
        case 2: .map
        case 3: .list
        case 4: .enumeration
        case 6: .date
        case 11: .unknown
        case 12: .json
        case 13: .bson
        case 14: .uuid
        case 15: .float16
        default: nil
        }
    }

    /// DecimalType: 1 scale, 2 precision (the reverse of SchemaElement's order).
    private static func decodeDecimal(_ field: FieldHeader, _ r: inout CompactReader) throws -> LogicalType {
        try r.expect(field, .struct)
        var scale: Int32 = 0, precision: Int32 = 0
        let seen = try r.readStruct("DecimalType") { r, f in
            switch f.id {
            case 1: scale = try r.readI32(f)
            case 2: precision = try r.readI32(f)
            default: try r.skip(f.type)
            }
        }
        try seen.require([1, 2], in: "DecimalType", r)
        return .decimal(scale: scale, precision: precision)
    }

    /// TimeType (7) or TimestampType (8). A unit this reader does not know makes the whole type unknown,
    /// so the column is read as its physical type.
    private static func decodeTime(_ field: FieldHeader, _ r: inout CompactReader) throws -> LogicalType {
        try r.expect(field, .struct)
        var utc = false
        var unit: LogicalTimeUnit?
        let seen = try r.readStruct("TimeType") { r, f in
            switch f.id {
            case 1: utc = try r.readBool(f)
            case 2: unit = try decodeTimeUnit(f, &r)
            default: try r.skip(f.type)
            }
        }
        try seen.require([1, 2], in: "TimeType", r)
        guard let unit else { return .other(fieldID: field.id) }
        return field.id == 7 ? .time(isAdjustedToUTC: utc, unit: unit) : .timestamp(isAdjustedToUTC: utc, unit: unit)
    }

    private static func decodeTimeUnit(_ field: FieldHeader, _ r: inout CompactReader) throws -> LogicalTimeUnit? {
        try r.expect(field, .struct)
        var unit: LogicalTimeUnit?
        var members = 0
        try r.readStruct("TimeUnit") { r, f in
            members += 1
            if let known = LogicalTimeUnit(rawValue: f.id) {
                try r.readEmptyStruct(f)
                unit = known
            } else {
                try r.skip(f.type)
            }
        }
        guard members > 0 else { throw r.corrupt("TimeUnit union has no member") }
        return unit
    }

    /// IntType: 1 bitWidth (i8, one raw byte), 2 isSigned.
    private static func decodeInteger(_ field: FieldHeader, _ r: inout CompactReader) throws -> LogicalType {
        try r.expect(field, .struct)
        var bitWidth: Int8 = 0
        var signed = true
        let seen = try r.readStruct("IntType") { r, f in
            switch f.id {
            case 1: bitWidth = try r.readI8(f)
            case 2: signed = try r.readBool(f)
            default: try r.skip(f.type)
            }
        }
        try seen.require([1, 2], in: "IntType", r)
        return .integer(bitWidth: bitWidth, isSigned: signed)
    }

    /// `.other` members are written as empty structs: their contents were not kept.
    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            switch self {
            case .string: w.writeEmptyStruct(1)
            case .map: w.writeEmptyStruct(2)
            case .list: w.writeEmptyStruct(3)
            case .enumeration: w.writeEmptyStruct(4)
            case .decimal(let scale, let precision):
                w.writeStructField(5) { w in
                    w.write(1, i32: scale)
                    w.write(2, i32: precision)
                }
            case .date: w.writeEmptyStruct(6)
            case .time(let utc, let unit): Self.encodeTime(7, utc, unit, &w)
            case .timestamp(let utc, let unit): Self.encodeTime(8, utc, unit, &w)
            case .integer(let bitWidth, let signed):
                w.writeStructField(10) { w in
                    w.write(1, i8: bitWidth)
                    w.write(2, bool: signed)
                }
            case .unknown: w.writeEmptyStruct(11)
            case .json: w.writeEmptyStruct(12)
            case .bson: w.writeEmptyStruct(13)
            case .uuid: w.writeEmptyStruct(14)
            case .float16: w.writeEmptyStruct(15)
            case .other(let id): w.writeEmptyStruct(id)
            }
        }
    }

    private static func encodeTime(_ id: Int16, _ utc: Bool, _ unit: LogicalTimeUnit, _ w: inout CompactWriter) {
        w.writeStructField(id) { w in
            w.write(1, bool: utc)
            w.writeStructField(2) { w in w.writeEmptyStruct(unit.rawValue) }
        }
    }
}

extension ColumnOrder: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> ColumnOrder {
        var result: ColumnOrder?
        try reader.readStruct("ColumnOrder") { r, field in
            switch field.id {
            case 1, 2, 3:
                try r.readEmptyStruct(field)
                result = field.id == 1 ? .typeDefinedOrder : field.id == 2 ? .ieee754TotalOrder : .int96TimestampOrder
            default:
                try r.skip(field.type)
                result = .other(fieldID: field.id)
            }
        }
        guard let result else { throw reader.corrupt("ColumnOrder union has no member") }
        return result
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            switch self {
            case .typeDefinedOrder: w.writeEmptyStruct(1)
            case .ieee754TotalOrder: w.writeEmptyStruct(2)
            case .int96TimestampOrder: w.writeEmptyStruct(3)
            case .other(let id): w.writeEmptyStruct(id)
            }
        }
    }
}

extension Statistics: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> Statistics {
        var s = Statistics()
        try reader.readStruct("Statistics") { r, field in
            switch field.id {
            case 1: s.max = try r.readBinary(field)
            case 2: s.min = try r.readBinary(field)
            case 3: s.nullCount = try r.readI64(field)
            case 4: s.distinctCount = try r.readI64(field)
            case 5: s.maxValue = try r.readBinary(field)
            case 6: s.minValue = try r.readBinary(field)
            case 7: s.isMaxValueExact = try r.readBool(field)
            case 8: s.isMinValueExact = try r.readBool(field)
            case 9: s.nanCount = try r.readI64(field)
            default: try r.skip(field.type)
            }
        }
        return s
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            if let max { w.write(1, binary: max) }
            if let min { w.write(2, binary: min) }
            if let nullCount { w.write(3, i64: nullCount) }
            if let distinctCount { w.write(4, i64: distinctCount) }
            if let maxValue { w.write(5, binary: maxValue) }
            if let minValue { w.write(6, binary: minValue) }
            if let isMaxValueExact { w.write(7, bool: isMaxValueExact) }
            if let isMinValueExact { w.write(8, bool: isMinValueExact) }
            if let nanCount { w.write(9, i64: nanCount) }
        }
    }
}
