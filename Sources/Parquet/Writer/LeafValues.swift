import Columnar

/// The non-null values of one leaf, in the leaf's physical layout: fixed-width little-endian values in
/// `buffer` (booleans one byte each, FLBA `width` bytes each), or for BYTE_ARRAY `offsets` (count + 1) into
/// `buffer`. When the vector's layout already matches and no rows are skipped, `buffer` is the vector's own.
struct LeafValues: Sendable {
    var physicalType: PhysicalType
    /// Bytes per value for fixed-width types.
    var width: Int
    var count = 0
    var buffer = ByteBuffer()
    var offsets: ContiguousArray<Int32> = []

    init(physicalType: PhysicalType, width: Int) {
        self.physicalType = physicalType
        self.width = width
    }

    /// Byte range of BYTE_ARRAY value `i`.
    @inline(__always)
    func range(_ i: Int) -> Range<Int> { Int(offsets[i])..<Int(offsets[i + 1]) }
}

extension LeafValues {
    /// Gathers the non-null values of `leaf` into the physical layout of `descriptor`.
    static func gather(_ leaf: ShreddedLeaf, _ descriptor: LeafDescriptor) throws -> LeafValues {
        let physical = descriptor.physicalType
        var out = LeafValues(physicalType: physical, width: physicalWidth(descriptor))
        out.count = leaf.valueCount
        let v = leaf.values
        switch v.type {
        case .null:
            break
        case .int8: out.buffer = convert(v, leaf.valueRows, leaf.valueCount, from: Int8.self) { Int32($0) }
        case .int16: out.buffer = convert(v, leaf.valueRows, leaf.valueCount, from: Int16.self) { Int32($0) }
        case .uint8: out.buffer = convert(v, leaf.valueRows, leaf.valueCount, from: UInt8.self) { Int32($0) }
        case .uint16: out.buffer = convert(v, leaf.valueRows, leaf.valueCount, from: UInt16.self) { Int32($0) }
        case .time(.millisecond), .decimal(precision: 1...9, scale: _):
            // Int64 in memory, INT32 in the file: refuse values that would not survive the narrowing.
            var overflow: Int64?
            out.buffer = convert(v, leaf.valueRows, leaf.valueCount, from: Int64.self) { x in
                if Int32(exactly: x) == nil { overflow = x }
                return Int32(truncatingIfNeeded: x)
            }
            if let overflow {
                throw ParquetError(.invalidArgument, "column \(descriptor.pathString): value \(overflow) does not fit the INT32 storage of \(v.type)")
            }
        case .decimal(let precision, _) where precision > 18:
            out.buffer = bigEndianDecimals(v, leaf.valueRows, leaf.valueCount, width: out.width)
        case .string, .binary:
            gatherByteArrays(v, leaf.valueRows, leaf.valueCount, into: &out)
        default:
            // Same bytes in both layouts: booleans, 32/64-bit ints, floats, float16, FLBA, dates, times, timestamps.
            out.buffer = copyFixed(v, leaf.valueRows, leaf.valueCount, width: out.width)
        }
        return out
    }

    static func physicalWidth(_ d: LeafDescriptor) -> Int {
        switch d.physicalType {
        case .boolean: 1
        case .int32, .float: 4
        case .int64, .double: 8
        case .int96: 12
        case .fixedLenByteArray: d.typeLength
        case .byteArray: 0
        }
    }

    private static func copyFixed(_ v: Vector, _ rows: ContiguousArray<Int32>?, _ n: Int, width: Int) -> ByteBuffer {
        guard let rows else {
            if v.buffer.count == n * width { return v.buffer }
            var out = ByteBuffer(capacity: n * width)
            v.buffer.withUnsafeBytes { out.append(raw: UnsafeRawBufferPointer(rebasing: $0[0..<n * width])) }
            return out
        }
        switch width {
        case 8: return take(v.buffer, rows, n, UInt64.self)
        case 4: return take(v.buffer, rows, n, UInt32.self)
        case 2: return take(v.buffer, rows, n, UInt16.self)
        case 1: return take(v.buffer, rows, n, UInt8.self)
        default: break
        }
        var out = ByteBuffer(capacity: n * width)
        v.buffer.withUnsafeBytes { src in
            for i in 0..<n {
                let start = Int(rows[i]) &* width
                out.append(raw: UnsafeRawBufferPointer(rebasing: src[start..<start &+ width]))
            }
        }
        return out
    }

    private static func take<T: BitwiseCopyable>(_ buffer: ByteBuffer, _ rows: ContiguousArray<Int32>, _ n: Int, _: T.Type) -> ByteBuffer {
        var out = ByteBuffer(capacity: n * MemoryLayout<T>.stride)
        out.resize(n * MemoryLayout<T>.stride)
        buffer.withUnsafeBufferPointer(as: T.self) { src in
            out.withUnsafeMutableBufferPointer(as: T.self) { dst in
                for i in 0..<n { dst[i] = src[Int(rows[i])] }
            }
        }
        return out
    }

    private static func convert<S: BitwiseCopyable, D: BitwiseCopyable>(
        _ v: Vector, _ rows: ContiguousArray<Int32>?, _ n: Int, from: S.Type, _ f: (S) -> D
    ) -> ByteBuffer {
        var out = ByteBuffer(capacity: n * MemoryLayout<D>.stride)
        out.resize(n * MemoryLayout<D>.stride)
        v.buffer.withUnsafeBufferPointer(as: S.self) { src in
            out.withUnsafeMutableBufferPointer(as: D.self) { dst in
                if let rows {
                    for i in 0..<n { dst[i] = f(src[Int(rows[i])]) }
                } else {
                    for i in 0..<n { dst[i] = f(src[i]) }
                }
            }
        }
        return out
    }

    private static func bigEndianDecimals(_ v: Vector, _ rows: ContiguousArray<Int32>?, _ n: Int, width: Int) -> ByteBuffer {
        var out = ByteBuffer(capacity: n * width)
        out.resize(n * width)
        v.buffer.withUnsafeBufferPointer(as: Int128.self) { src in
            out.withUnsafeMutableBufferPointer(as: UInt8.self) { dst in
                for i in 0..<n {
                    let row: Int = rows.map { Int($0[i]) } ?? i
                    let value = UInt128(bitPattern: src[row])
                    let start = i &* width
                    for b in 0..<width {
                        let shift = UInt128((width &- 1 &- b) &* 8)
                        dst[start &+ b] = UInt8(truncatingIfNeeded: value >> shift)
                    }
                }
            }
        }
        return out
    }

    private static func gatherByteArrays(_ v: Vector, _ rows: ContiguousArray<Int32>?, _ n: Int, into out: inout LeafValues) {
        if rows == nil, v.offsets.first == 0, v.offsets.count == n + 1 {
            out.offsets = v.offsets
            out.buffer = v.buffer
            return
        }
        var offsets = ContiguousArray<Int32>(repeating: 0, count: n + 1)
        var total = 0
        v.offsets.withUnsafeBufferPointer { source in
            offsets.withUnsafeMutableBufferPointer { out in
                for i in 0..<n {
                    let row = rows.map { Int($0[i]) } ?? i
                    total &+= Int(source[row + 1] &- source[row])
                    out[i + 1] = Int32(truncatingIfNeeded: total)
                }
            }
        }
        // Sized once, then each value copied straight to where its offset says.
        var bytes = ByteBuffer(capacity: total)
        bytes.appendUninitialized(capacity: total) { target in
            v.buffer.withUnsafeBytes { src in
                v.offsets.withUnsafeBufferPointer { source in
                    offsets.withUnsafeBufferPointer { out in
                        guard let to = target.baseAddress, let from = src.baseAddress else { return }
                        for i in 0..<n {
                            let row = rows.map { Int($0[i]) } ?? i
                            let start = Int(source[row]), length = Int(out[i + 1] &- out[i])
                            (to + Int(out[i])).copyMemory(from: from + start, byteCount: length)
                        }
                    }
                }
            }
            return total
        }
        out.offsets = offsets
        out.buffer = bytes
    }
}

extension DictionaryEncoder {
    /// The dictionary's distinct values as leaf values (entry i at position i), shared, not copied: drop the
    /// view before inserting again, or the insert copies the buffers.
    func entries(width: Int, physicalType: PhysicalType) -> LeafValues {
        var view = LeafValues(physicalType: physicalType, width: width)
        view.count = count
        view.buffer = values
        if physicalType == .byteArray { view.offsets = offsets }
        return view
    }
}
