/// DELTA_* and BYTE_STREAM_SPLIT sections; each must hold exactly the page's non-null value count.
extension PhysicalValues {
    mutating func decodeOther(_ section: UnsafeRawBufferPointer, encoding: Encoding, count: Int) throws {
        let decoded: Int
        switch (encoding, physicalType) {
        case (.deltaBinaryPacked, .int32):
            decoded = try DeltaBinaryPacked.decodeInt32(section, maxCount: count, into: &buffer).count
        case (.deltaBinaryPacked, .int64):
            decoded = try DeltaBinaryPacked.decodeInt64(section, maxCount: count, into: &buffer).count
        case (.deltaLengthByteArray, .byteArray):
            decoded = try DeltaLengthByteArray.decode(section, maxCount: count, bytes: &buffer, offsets: &offsets).count
        case (.deltaByteArray, .byteArray):
            decoded = try DeltaByteArray.decode(section, maxCount: count, bytes: &buffer, offsets: &offsets).count
        case (.deltaByteArray, .fixedLenByteArray):
            decoded = try DeltaByteArray.decodeFixedLength(section, maxCount: count, typeLength: width, into: &buffer).count
        case (.byteStreamSplit, .float), (.byteStreamSplit, .double), (.byteStreamSplit, .int32),
             (.byteStreamSplit, .int64), (.byteStreamSplit, .fixedLenByteArray):
            try ByteStreamSplit.decode(section, count: count, width: width, into: &buffer)
            decoded = count
        default:
            throw ParquetError(.unsupported, "encoding \(encoding.name) on \(physicalType.name) is not supported")
        }
        guard decoded == count else {
            throw ParquetError(.corrupt, "\(encoding.name) section holds \(decoded) values, the page needs \(count)")
        }
        self.count &+= count
    }
}
