import Columnar

/// How a leaf's statistics compare values (parquet-notes §7, TYPE_ORDER).
enum StatisticsOrder: Sendable {
    case signed
    case unsigned
    /// Byte-wise unsigned (strings, binary, FLBA).
    case bytes
    /// FLBA decimals: two's complement big-endian, so flip the top bit and compare bytes.
    case signedBytes
    /// FLOAT16 as FLBA(2): compare as half floats.
    case float16
    /// No order (null type).
    case none
}

/// One leaf of the Parquet schema: where it sits, how it is stored and its level maxima.
struct LeafDescriptor: Sendable {
    var path: [String]
    var type: DataType
    var physicalType: PhysicalType
    /// FIXED_LEN_BYTE_ARRAY width.
    var typeLength: Int
    var maxDefinitionLevel: Int
    var maxRepetitionLevel: Int
    var order: StatisticsOrder

    var pathString: String { path.joined(separator: ".") }
}

/// Columnar schema -> Parquet schema, shaped the way pyarrow and arrow-rs write it: 3-level lists with an
/// `element`, maps as `key_value` groups, structs as groups.
struct WriterSchema: Sendable {
    var elements: [SchemaElement] = []
    var leaves: [LeafDescriptor] = []

    init(_ schema: Schema) throws {
        var root = SchemaElement()
        root.name = "schema"
        root.numChildren = Int32(schema.fields.count)
        elements.append(root)
        for field in schema.fields {
            try add(field, repetition: field.nullable ? .optional : .required, path: [], def: 0, rep: 0)
        }
    }

    private mutating func add(_ field: Field, repetition: FieldRepetitionType, path: [String], def: Int, rep: Int) throws {
        var element = SchemaElement()
        element.name = field.name
        element.repetitionType = repetition
        let path = path + [field.name]
        let def = repetition == .required ? def : def + 1
        let rep = repetition == .repeated ? rep + 1 : rep
        switch field.type {
        case .structure(let fields):
            guard !fields.isEmpty else {
                throw ParquetError(.invalidArgument, "column \(path.joined(separator: ".")): a struct needs at least one field")
            }
            element.numChildren = Int32(fields.count)
            elements.append(element)
            for child in fields {
                try add(child, repetition: child.nullable ? .optional : .required, path: path, def: def, rep: rep)
            }
        case .list(let item):
            element.numChildren = 1
            element.logicalType = .list
            element.convertedType = .list
            elements.append(element)
            var group = SchemaElement()
            group.name = "list"
            group.repetitionType = .repeated
            group.numChildren = 1
            elements.append(group)
            var renamed = item
            renamed.name = "element"
            try add(renamed, repetition: item.nullable ? .optional : .required, path: path + ["list"], def: def + 1, rep: rep + 1)
        case .map(let key, let value):
            element.numChildren = 1
            element.logicalType = .map
            element.convertedType = .map
            elements.append(element)
            var group = SchemaElement()
            group.name = "key_value"
            group.repetitionType = .repeated
            group.numChildren = 2
            elements.append(group)
            var keyField = key
            keyField.name = "key"
            var valueField = value
            valueField.name = "value"
            let inner = path + ["key_value"]
            try add(keyField, repetition: .required, path: inner, def: def + 1, rep: rep + 1)
            try add(valueField, repetition: value.nullable ? .optional : .required, path: inner, def: def + 1, rep: rep + 1)
        default:
            var leafRepetition = repetition
            // The null type holds only nulls, so its leaf must be able to say so.
            if case .null = field.type, repetition == .required { leafRepetition = .optional }
            element.repetitionType = leafRepetition
            let leafDef = (leafRepetition == .optional && repetition == .required) ? def + 1 : def
            let leaf = try Self.annotate(&element, field.type, path: path)
            elements.append(element)
            leaves.append(LeafDescriptor(
                path: path, type: field.type, physicalType: leaf.physical, typeLength: leaf.length,
                maxDefinitionLevel: leafDef, maxRepetitionLevel: rep, order: leaf.order))
        }
    }

    /// Sets the physical and logical type of a leaf element.
    private static func annotate(_ e: inout SchemaElement, _ type: DataType, path: [String]) throws
        -> (physical: PhysicalType, length: Int, order: StatisticsOrder)
    {
        func integer(_ bits: Int8, _ signed: Bool, _ converted: ConvertedType) -> (PhysicalType, Int, StatisticsOrder) {
            e.logicalType = .integer(bitWidth: bits, isSigned: signed)
            e.convertedType = converted
            return (bits == 64 ? .int64 : .int32, 0, signed ? .signed : .unsigned)
        }
        let result: (PhysicalType, Int, StatisticsOrder)
        switch type {
        case .null:
            e.logicalType = .unknown
            result = (.int32, 0, .none)
        case .boolean: result = (.boolean, 0, .signed)
        case .int8: result = integer(8, true, .int8)
        case .int16: result = integer(16, true, .int16)
        case .int32: result = integer(32, true, .int32)
        case .int64: result = integer(64, true, .int64)
        case .uint8: result = integer(8, false, .uint8)
        case .uint16: result = integer(16, false, .uint16)
        case .uint32: result = integer(32, false, .uint32)
        case .uint64: result = integer(64, false, .uint64)
        case .float16:
            e.logicalType = .float16
            result = (.fixedLenByteArray, 2, .float16)
        case .float32: result = (.float, 0, .signed)
        case .float64: result = (.double, 0, .signed)
        case .decimal(let precision, let scale):
            guard precision >= 1, precision <= DataType.maxDecimalPrecision, scale >= 0, scale <= precision else {
                throw ParquetError(.invalidArgument,
                    "column \(path.joined(separator: ".")): invalid decimal(\(precision), \(scale))")
            }
            e.logicalType = .decimal(scale: Int32(scale), precision: Int32(precision))
            e.convertedType = .decimal
            e.scale = Int32(scale)
            e.precision = Int32(precision)
            if precision <= 9 {
                result = (.int32, 0, .signed)
            } else if precision <= 18 {
                result = (.int64, 0, .signed)
            } else {
                result = (.fixedLenByteArray, decimalByteWidth(precision: precision), .signedBytes)
            }
        case .string:
            e.logicalType = .string
            e.convertedType = .utf8
            result = (.byteArray, 0, .bytes)
        case .binary: result = (.byteArray, 0, .bytes)
        case .fixedBinary(let n):
            guard n > 0 else {
                throw ParquetError(.invalidArgument, "column \(path.joined(separator: ".")): fixedBinary(\(n)) needs a positive width")
            }
            result = (.fixedLenByteArray, n, .bytes)
        case .date:
            e.logicalType = .date
            e.convertedType = .date
            result = (.int32, 0, .signed)
        case .time(let unit):
            // A time of day with no zone, as pyarrow writes it; legacy TIME_* would claim UTC, so none is set.
            switch unit {
            case .millisecond:
                e.logicalType = .time(isAdjustedToUTC: false, unit: .millis)
                result = (.int32, 0, .signed)
            case .microsecond:
                e.logicalType = .time(isAdjustedToUTC: false, unit: .micros)
                result = (.int64, 0, .signed)
            case .nanosecond:
                e.logicalType = .time(isAdjustedToUTC: false, unit: .nanos)
                result = (.int64, 0, .signed)
            case .second:
                throw ParquetError(.invalidArgument,
                    "column \(path.joined(separator: ".")): Parquet has no time(s) type; convert to milliseconds")
            }
        case .timestamp(let unit, let utc):
            switch unit {
            case .millisecond:
                e.logicalType = .timestamp(isAdjustedToUTC: utc, unit: .millis)
                if utc { e.convertedType = .timestampMillis }
            case .microsecond:
                e.logicalType = .timestamp(isAdjustedToUTC: utc, unit: .micros)
                if utc { e.convertedType = .timestampMicros }
            case .nanosecond:
                e.logicalType = .timestamp(isAdjustedToUTC: utc, unit: .nanos)
            case .second:
                throw ParquetError(.invalidArgument,
                    "column \(path.joined(separator: ".")): Parquet has no timestamp(s) type; convert to milliseconds")
            }
            result = (.int64, 0, .signed)
        case .list, .structure, .map:
            throw ParquetError(.invalidArgument, "column \(path.joined(separator: ".")): nested type at a leaf")
        }
        e.type = result.0
        if result.0 == .fixedLenByteArray { e.typeLength = Int32(result.1) }
        return result
    }

    /// The fewest bytes whose two's complement holds every unscaled value of `precision` digits.
    static func decimalByteWidth(precision: Int) -> Int {
        var bytes = 1
        // 10^p - 1 must fit in 8*bytes - 1 bits.
        while Double(bytes * 8 - 1) * 0.30102999566398120 < Double(precision) { bytes += 1 }
        return bytes
    }
}
