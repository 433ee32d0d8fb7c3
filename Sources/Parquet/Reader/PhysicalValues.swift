import Columnar

/// Decoded values of one leaf in their physical form, non-null values only: fixed-width values little-endian
/// in `buffer` (booleans one byte each, INT96 as Int64 nanoseconds since the epoch or raw 12 bytes, FLBA
/// `typeLength` bytes), byte arrays as `offsets` + `buffer`. The dictionary of a chunk is kept the same way.
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
        case .int64, .double: width = 8
        case .int96: width = column.dataType == .fixedBinary(12) ? 12 : 8  // raw, or Int64 nanoseconds
        case .byteArray: width = 0
        case .fixedLenByteArray: width = column.typeLength
        }
    }

    init(physicalType: PhysicalType, width: Int) {
        self.physicalType = physicalType
        self.width = width
    }

    var isByteArray: Bool { physicalType == .byteArray }
}
