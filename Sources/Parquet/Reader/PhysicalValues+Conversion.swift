import Columnar

/// Physical values to the leaf's Columnar type. Most types share the physical layout and are only
/// re-tagged; narrow integers, INT32 times and decimals are converted.
extension PhysicalValues {
    func vector(as column: ColumnDescriptor) throws -> Vector {
        let type = column.dataType
        switch type {
        case .null:
            return Vector(type: .null, count: count)
        case .int8: return narrowed(Int8.self, type)
        case .int16: return narrowed(Int16.self, type)
        case .uint8: return narrowed(UInt8.self, type)
        case .uint16: return narrowed(UInt16.self, type)
        case .time where physicalType == .int32:
            return widened(type)
        case .decimal(let precision, _):
            return try decimal(type, wide: precision > 18, path: column.dottedPath)
        case .string, .binary:
            return Vector(type: type, count: count, buffer: buffer, offsets: offsets)
        default:
            return Vector(type: type, count: count, buffer: buffer)
        }
    }

    /// INT32 values truncated to `T` (INT(8/16) annotations promise they fit).
    private func narrowed<T: FixedWidthInteger & BitwiseCopyable>(_: T.Type, _ type: DataType) -> Vector {
        var out = ByteBuffer(capacity: count * MemoryLayout<T>.stride)
        out.appendUninitialized(count * MemoryLayout<T>.stride) { target in
            let target = target.assumingMemoryBound(to: T.self)
            buffer.withUnsafeBufferPointer(as: Int32.self) { source in
                for i in 0..<count { target[i] = T(truncatingIfNeeded: source[i]) }
            }
        }
        return Vector(type: type, count: count, buffer: out)
    }

    /// INT32 values sign-extended to Int64.
    private func widened(_ type: DataType) -> Vector {
        var out = ByteBuffer(capacity: count * 8)
        out.appendUninitialized(count * 8) { target in
            let target = target.assumingMemoryBound(to: Int64.self)
            buffer.withUnsafeBufferPointer(as: Int32.self) { source in
                for i in 0..<count { target[i] = Int64(source[i]) }
            }
        }
        return Vector(type: type, count: count, buffer: out)
    }

    /// Decimals: INT32/INT64 little-endian, FLBA/BYTE_ARRAY big-endian two's complement (sign-extended),
    /// to Int64 (precision <= 18) or Int128.
    private func decimal(_ type: DataType, wide: Bool, path: String) throws -> Vector {
        // INT64 unscaled values already are the Columnar layout for precision <= 18: re-tag, no per-value work.
        if !wide && physicalType == .int64 { return Vector(type: type, count: count, buffer: buffer) }
        if !wide && physicalType == .fixedLenByteArray && (1...8).contains(width) { return narrowBigEndian(type) }
        var out = ByteBuffer(capacity: count * (wide ? 16 : 8))
        try buffer.withUnsafeBytes { raw in
            for i in 0..<count {
                let value: Int128
                switch physicalType {
                case .int32: value = Int128(raw.loadUnaligned(fromByteOffset: i &* 4, as: Int32.self))
                case .int64: value = Int128(raw.loadUnaligned(fromByteOffset: i &* 8, as: Int64.self))
                default:
                    let range = isByteArray ? Int(offsets[i])..<Int(offsets[i &+ 1]) : i &* width..<(i &+ 1) &* width
                    value = try Self.bigEndian(UnsafeRawBufferPointer(rebasing: raw[range]), path: path)
                }
                if wide {
                    out.append(value)
                } else {
                    guard let narrow = Int64(exactly: value) else {
                        throw ParquetError(.corrupt, "decimal value \(value) of column '\(path)' exceeds its precision")
                    }
                    out.append(narrow)
                }
            }
        }
        return Vector(type: type, count: count, buffer: out)
    }

    /// FLBA decimals of 1...8 bytes to Int64 (any such value fits): each value's bytes are loaded as one
    /// big-endian word and sign-extended by an arithmetic shift.
    private func narrowBigEndian(_ type: DataType) -> Vector {
        var out = ByteBuffer(capacity: count * 8)
        let width = width, shift = UInt64(64 &- width &* 8)
        out.appendUninitialized(count * 8) { target in
            let target = target.assumingMemoryBound(to: Int64.self)
            buffer.withUnsafeBytes { raw in
                guard let source = raw.baseAddress else { return }
                for i in 0..<count {
                    var word: UInt64 = 0
                    for k in 0..<width { word = word &<< 8 | UInt64(source.load(fromByteOffset: i &* width &+ k, as: UInt8.self)) }
                    target[i] = Int64(bitPattern: word &<< shift) &>> Int64(shift)
                }
            }
        }
        return Vector(type: type, count: count, buffer: out)
    }

    /// A big-endian two's complement integer of any length whose value fits 128 bits.
    private static func bigEndian(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Int128 {
        guard let first = bytes.first else { return 0 }
        if bytes.count <= 8 {
            var value = UInt64(first)
            for k in 1..<bytes.count { value = value &<< 8 | UInt64(bytes[k]) }
            let shift = UInt64(64 &- bytes.count &* 8)
            return Int128(Int64(bitPattern: value &<< shift) &>> Int64(shift))
        }
        let sign: UInt8 = first & 0x80 != 0 ? 0xFF : 0
        let excess = bytes.count - 16
        if excess > 0 {
            for k in 0..<excess where bytes[k] != sign {
                throw ParquetError(.corrupt, "decimal of \(bytes.count) bytes in column '\(path)' does not fit 128 bits")
            }
        }
        var value = Int128(Int8(bitPattern: sign))
        for k in max(0, excess)..<bytes.count { value = value &<< 8 | Int128(bytes[k]) }
        return value
    }
}
