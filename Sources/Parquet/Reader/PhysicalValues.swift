import Columnar

/// Decoded values of one leaf in their physical form, non-null values only: fixed-width values little-endian
/// in `buffer` (booleans one byte each, INT96 as Int64 nanoseconds since the epoch, FLBA `typeLength` bytes),
/// byte arrays as `offsets` + `buffer`. The dictionary of a chunk is kept the same way.
struct PhysicalValues {
    let physicalType: PhysicalType
    /// Bytes per value in `buffer` for fixed-width types; 0 for BYTE_ARRAY.
    let width: Int
    var buffer = ByteBuffer()
    var offsets: ContiguousArray<Int32> = [0]
    var count = 0

    init(_ column: ColumnDescriptor) {
        physicalType = column.physicalType
        switch column.physicalType {
        case .boolean: width = 1
        case .int32, .float: width = 4
        case .int64, .double, .int96: width = 8
        case .byteArray: width = 0
        case .fixedLenByteArray: width = column.typeLength
        }
    }

    var isByteArray: Bool { physicalType == .byteArray }

    /// Appends `indices.count` entries of `dictionary` (checked against its size).
    mutating func gather(_ indices: UnsafeBufferPointer<UInt32>, from dictionary: PhysicalValues) throws {
        let size = UInt32(truncatingIfNeeded: dictionary.count)
        for index in indices where index >= size {
            throw ParquetError(.corrupt, "dictionary index \(index) is out of range for a \(dictionary.count)-entry dictionary")
        }
        if isByteArray {
            try gatherByteArrays(indices, from: dictionary)
        } else {
            gatherFixed(indices, from: dictionary)
        }
        count &+= indices.count
    }

    private mutating func gatherFixed(_ indices: UnsafeBufferPointer<UInt32>, from dictionary: PhysicalValues) {
        let width = self.width
        buffer.appendUninitialized(indices.count * width) { out in
            dictionary.buffer.withUnsafeBytes { source in
                switch width {
                case 4:
                    let s = source.assumingMemoryBound(to: UInt32.self), o = out.assumingMemoryBound(to: UInt32.self)
                    for (i, index) in indices.enumerated() { o[i] = s[Int(index)] }
                case 8:
                    let s = source.assumingMemoryBound(to: UInt64.self), o = out.assumingMemoryBound(to: UInt64.self)
                    for (i, index) in indices.enumerated() { o[i] = s[Int(index)] }
                default:
                    for (i, index) in indices.enumerated() {
                        (out.baseAddress! + i &* width).copyMemory(from: source.baseAddress! + Int(index) &* width, byteCount: width)
                    }
                }
            }
        }
    }

    private mutating func gatherByteArrays(_ indices: UnsafeBufferPointer<UInt32>, from dictionary: PhysicalValues) throws {
        var total = 0
        dictionary.offsets.withUnsafeBufferPointer { offsets in
            for index in indices { total &+= Int(offsets[Int(index) &+ 1] &- offsets[Int(index)]) }
        }
        var end = buffer.count
        _ = try checkedOffset(end + total, encoding: "RLE_DICTIONARY")
        offsets.reserveCapacity(offsets.count + indices.count)
        buffer.appendUninitialized(total) { out in
            dictionary.buffer.withUnsafeBytes { source in
                dictionary.offsets.withUnsafeBufferPointer { dictOffsets in
                    var written = 0
                    for index in indices {
                        let from = Int(dictOffsets[Int(index)]), length = Int(dictOffsets[Int(index) &+ 1]) &- from
                        if length > 0 { (out.baseAddress! + written).copyMemory(from: source.baseAddress! + from, byteCount: length) }
                        written &+= length
                        end &+= length
                        offsets.append(Int32(truncatingIfNeeded: end))
                    }
                }
            }
        }
    }
}
