/// Decoding statistics bounds (PLAIN bytes without the BYTE_ARRAY length prefix) into `StatisticsValue`s.
extension Statistics {
    /// Typed bounds for the leaf `leaf` under the file's `columnOrder` for it (nil when the file lists none).
    public func interpreted(for leaf: SchemaElement, columnOrder: ColumnOrder?) -> ColumnStatistics {
        var result = ColumnStatistics()
        result.nullCount = nullCount.flatMap { $0 >= 0 ? $0 : nil }
        result.distinctCount = distinctCount.flatMap { $0 >= 0 ? $0 : nil }
        result.nanCount = nanCount.flatMap { $0 >= 0 ? $0 : nil }
        guard let (rawMin, rawMax, exact) = usableBounds(leaf, columnOrder) else { return result }
        let order = StatisticsSortOrder(leaf)
        var lower = rawMin.flatMap { Self.value($0, leaf, order) }
        var upper = rawMax.flatMap { Self.value($0, leaf, order) }
        if case .double(let d)? = lower, d == 0 { lower = .double(-0.0) }
        if case .double(let d)? = upper, d == 0 { upper = .double(0.0) }
        if let lower, let upper, lower.compare(to: upper) == 1 { return result }  // contradictory: unusable
        result.min = lower
        result.max = upper
        if exact {
            result.isMinExact = lower == nil ? nil : isMinValueExact
            result.isMaxExact = upper == nil ? nil : isMaxValueExact
        }
        return result
    }

    /// The byte pair to trust, and whether it is the new pair (whose exactness flags apply).
    private func usableBounds(
        _ leaf: SchemaElement, _ columnOrder: ColumnOrder?
    ) -> (min: [UInt8]?, max: [UInt8]?, newPair: Bool)? {
        guard let type = leaf.type else { return nil }
        let order = StatisticsSortOrder(leaf)
        switch columnOrder {
        case .other?: return nil
        case .int96TimestampOrder?:
            guard type == .int96 else { return nil }
        case .ieee754TotalOrder?:
            guard type == .float || type == .double || leaf.logicalType == .float16 else { return nil }
        case .typeDefinedOrder?, nil:
            guard type != .int96, order != .undefined else { return nil }
        }
        if minValue != nil || maxValue != nil { return (minValue, maxValue, true) }
        // Deprecated pair: signed comparison, so only for signed numeric columns.
        guard order == .signed, type != .byteArray, type != .fixedLenByteArray, type != .int96 else { return nil }
        return (min, max, false)
    }

    /// One PLAIN-encoded bound; nil when its length is wrong for the type or it is NaN.
    static func value(_ bytes: [UInt8], _ leaf: SchemaElement, _ order: StatisticsSortOrder) -> StatisticsValue? {
        switch leaf.type {
        case .boolean?: return bytes.count == 1 ? .bool(bytes[0] != 0) : nil
        case .int32?:
            guard bytes.count == 4 else { return nil }
            let bits = UInt32(littleEndianBytes: bytes)
            return order == .unsigned ? .uint(UInt64(bits)) : .int(Int64(Int32(bitPattern: bits)))
        case .int64?:
            guard bytes.count == 8 else { return nil }
            let bits = UInt64(littleEndianBytes: bytes)
            return order == .unsigned ? .uint(bits) : .int(Int64(bitPattern: bits))
        case .float?:
            guard bytes.count == 4 else { return nil }
            return finite(Double(Float(bitPattern: UInt32(littleEndianBytes: bytes))))
        case .double?:
            guard bytes.count == 8 else { return nil }
            return finite(Double(bitPattern: UInt64(littleEndianBytes: bytes)))
        case .int96?:
            guard bytes.count == 12 else { return nil }
            let nanos = Int64(bitPattern: UInt64(littleEndianBytes: Array(bytes[0..<8])))
            let day = Int32(bitPattern: UInt32(littleEndianBytes: Array(bytes[8..<12])))
            return .int96(nanosOfDay: nanos, julianDay: day)
        case .byteArray?, .fixedLenByteArray?: return byteArrayValue(bytes, leaf)
        case nil: return nil
        }
    }

    private static func byteArrayValue(_ bytes: [UInt8], _ leaf: SchemaElement) -> StatisticsValue? {
        if leaf.logicalType == .float16 {
            guard bytes.count == 2 else { return nil }
            return finite(halfToDouble(UInt16(bytes[0]) | UInt16(bytes[1]) << 8))
        }
        let isDecimal: Bool
        if case .decimal? = leaf.logicalType { isDecimal = true } else { isDecimal = leaf.convertedType == .decimal }
        if isDecimal { return bytes.isEmpty ? nil : .decimalBytes(bytes) }
        return .bytes(bytes)
    }

    private static func finite(_ d: Double) -> StatisticsValue? { d.isNaN ? nil : .double(d) }

    /// IEEE 754 binary16 to Double, without relying on the platform's Float16.
    static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}

extension FileMetaData {
    /// The ColumnOrder the file gives for leaf `index`, if it lists one.
    public func columnOrder(leaf index: Int) -> ColumnOrder? {
        guard let columnOrders, index >= 0, index < columnOrders.count else { return nil }
        return columnOrders[index]
    }
}

fileprivate extension FixedWidthInteger {
    /// Little-endian value of `bytes` (exactly `bitWidth / 8` of them; the caller checks).
    init(littleEndianBytes bytes: [UInt8]) {
        var v: Self = 0
        for (i, b) in bytes.prefix(Self.bitWidth / 8).enumerated() { v |= Self(b) << (i * 8) }
        self = v
    }
}
