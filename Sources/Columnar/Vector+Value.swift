/// Boxed access to vectors: reading one row as a `Value`, and building a vector from values.
extension Vector {
    /// Row `row` as a boxed value.
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch type {
        case .null: return .null
        case .boolean: return .bool(buffer.load(row, as: UInt8.self) != 0)
        case .int8: return .int(Int64(buffer.load(row, as: Int8.self)))
        case .int16: return .int(Int64(buffer.load(row, as: Int16.self)))
        case .int32, .date: return .int(Int64(buffer.load(row, as: Int32.self)))
        case .int64, .time, .timestamp: return .int(buffer.load(row, as: Int64.self))
        case .uint8: return .uint(UInt64(buffer.load(row, as: UInt8.self)))
        case .uint16: return .uint(UInt64(buffer.load(row, as: UInt16.self)))
        case .uint32: return .uint(UInt64(buffer.load(row, as: UInt32.self)))
        case .uint64: return .uint(buffer.load(row, as: UInt64.self))
        case .float16: return .float(Double(Float16Bits.toFloat(buffer.load(row, as: UInt16.self))))
        case .float32: return .float(Double(buffer.load(row, as: Float.self)))
        case .float64: return .float(buffer.load(row, as: Double.self))
        case .decimal(let precision, _):
            return .decimal(precision <= 18 ? Int128(buffer.load(row, as: Int64.self)) : buffer.load(row, as: Int128.self))
        case .string: return .string(String(decoding: bytes(at: row), as: UTF8.self))
        case .binary: return .bytes(bytes(at: row))
        case .fixedBinary(let n): return .bytes(buffer.bytes(row * n..<(row + 1) * n))
        case .list: return .list(childRange(at: row).map { children[0].value(at: $0) })
        case .structure: return .structure(children.map { $0.value(at: row) })
        case .map:
            return .map(childRange(at: row).map { (children[0].value(at: $0), children[1].value(at: $0)) })
        }
    }

    /// A vector of `type` holding `values`. Throws nothing: a value of the wrong kind is stored as null.
    public init(type: DataType, values: [Value]) {
        self = .empty(type)
        for value in values { append(value) }
    }

    /// Appends one boxed value; a value that does not fit the type becomes null.
    public mutating func append(_ value: Value) {
        let row = count
        if case .null = type {
            count += 1
            return
        }
        let stored = appendPayload(value)
        count += 1
        if !stored {
            setNull(row)
        } else if validity != nil {
            validity!.resize(count)
        }
    }

    /// Writes the payload (or a zeroed slot) and returns whether `value` was stored.
    private mutating func appendPayload(_ value: Value) -> Bool {
        switch (type, value) {
        case (.boolean, .bool(let v)): buffer.append(UInt8(v ? 1 : 0))
        case (.int8, .int(let v)) where Int8(exactly: v) != nil: buffer.append(Int8(v))
        case (.int16, .int(let v)) where Int16(exactly: v) != nil: buffer.append(Int16(v))
        case (.int32, .int(let v)) where Int32(exactly: v) != nil, (.date, .int(let v)) where Int32(exactly: v) != nil:
            buffer.append(Int32(v))
        case (.int64, .int(let v)), (.time, .int(let v)), (.timestamp, .int(let v)): buffer.append(v)
        case (.uint8, .uint(let v)) where UInt8(exactly: v) != nil: buffer.append(UInt8(v))
        case (.uint16, .uint(let v)) where UInt16(exactly: v) != nil: buffer.append(UInt16(v))
        case (.uint32, .uint(let v)) where UInt32(exactly: v) != nil: buffer.append(UInt32(v))
        case (.uint64, .uint(let v)): buffer.append(v)
        case (.float16, .float(let v)): buffer.append(Float16Bits.fromFloat(Float(v)))
        case (.float32, .float(let v)): buffer.append(Float(v))
        case (.float64, .float(let v)): buffer.append(v)
        case (.decimal(let p, _), .decimal(let v)) where p <= 18 && Int64(exactly: v) != nil: buffer.append(Int64(v))
        case (.decimal(let p, _), .decimal(let v)) where p > 18: buffer.append(v)
        case (.string, .string(let s)): appendBytes(Array(s.utf8))
        case (.binary, .bytes(let b)), (.string, .bytes(let b)): appendBytes(b)
        case (.fixedBinary(let n), .bytes(let b)) where b.count == n: buffer.append(contentsOf: b)
        case (.list, .list(let items)):
            for item in items { children[0].append(item) }
            offsets.append(Int32(children[0].count))
        case (.map, .map(let entries)):
            for entry in entries {
                children[0].append(entry.key)
                children[1].append(entry.value)
            }
            offsets.append(Int32(children[0].count))
        case (.structure(let fields), .structure(let items)) where items.count == fields.count:
            for i in children.indices { children[i].append(items[i]) }
        default:
            appendEmptySlot()
            return false
        }
        return true
    }

    private mutating func appendBytes(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        offsets.append(Int32(buffer.count))
    }

    /// A zeroed slot for a null row.
    private mutating func appendEmptySlot() {
        switch type {
        case .string, .binary: offsets.append(Int32(buffer.count))
        case .list, .map: offsets.append(offsets.last ?? 0)
        case .structure: for i in children.indices { children[i].append(.null) }
        default: buffer.resize(buffer.count + (type.fixedWidth ?? 0))
        }
    }

    /// All rows, boxed.
    public var values: [Value] { (0..<count).map { value(at: $0) } }
}

/// IEEE 754 half-precision conversion on raw bits (Float16 is unavailable on some Linux targets).
public enum Float16Bits {
    public static func toFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exponent = Int((h >> 10) & 0x1f)
        let mantissa = UInt32(h & 0x3ff)
        if exponent == 0x1f {
            return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13))
        }
        if exponent == 0 {
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }

    public static func fromFloat(_ f: Float) -> UInt16 {
        let bits = f.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        if f.isNaN { return sign | 0x7e00 }
        let magnitude = abs(f)
        if magnitude >= 65520 { return sign | 0x7c00 }
        if magnitude < Float(sign: .plus, exponent: -14, significand: 1) {
            let sub = (magnitude / Float(sign: .plus, exponent: -24, significand: 1)).rounded(.toNearestOrEven)
            return sign | UInt16(sub)
        }
        let exponent = Int(magnitude.exponent) + 15
        let mantissa = (magnitude.significand - 1) * 1024
        let rounded = mantissa.rounded(.toNearestOrEven)
        if rounded >= 1024 { return sign | UInt16(exponent + 1) << 10 }
        return sign | UInt16(exponent) << 10 | UInt16(rounded)
    }
}
