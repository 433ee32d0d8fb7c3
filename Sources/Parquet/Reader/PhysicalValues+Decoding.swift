import Columnar

/// Dispatch from a page's value encoding to the decoders; every decoder appends `count` values.
extension PhysicalValues {
    mutating func decode(_ section: UnsafeRawBufferPointer, encoding: Encoding, count: Int,
                         dictionary: PhysicalValues?) throws {
        switch encoding {
        case .plain:
            try decodePlain(section, count: count)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else {
                throw ParquetError(.corrupt, "\(encoding.name) data page without a dictionary page")
            }
            try decodeDictionaryIndices(section, count: count, dictionary: dictionary)
        case .rle where physicalType == .boolean:
            try decodeRLEBooleans(section, count: count)
        default:
            try decodeOther(section, encoding: encoding, count: count)
        }
    }

    mutating func decodePlain(_ section: UnsafeRawBufferPointer, count: Int) throws {
        switch physicalType {
        case .boolean: _ = try PlainDecoder.decodeBoolean(section, count: count, into: &buffer)
        case .int96 where width == 8: _ = try PlainDecoder.decodeInt96(section, count: count, into: &buffer)
        case .byteArray: _ = try PlainDecoder.decodeByteArray(section, count: count, bytes: &buffer, offsets: &offsets)
        default: _ = try PlainDecoder.decodeFixedWidth(section, count: count, width: width, into: &buffer)
        }
        self.count &+= count
    }

    /// One bit-width byte, then hybrid-encoded indices with no length prefix; gathered from the dictionary.
    private mutating func decodeDictionaryIndices(_ section: UnsafeRawBufferPointer, count: Int,
                                                  dictionary: PhysicalValues) throws {
        if isByteArray {
            try dictionary.buffer.withUnsafeBytes { dictionaryBytes in
                try dictionary.offsets.withUnsafeBufferPointer { dictionaryOffsets in
                    try DictionaryDecoder.gatherByteArray(section, count: count, dictionaryBytes: dictionaryBytes,
                                                          dictionaryOffsets: dictionaryOffsets, bytes: &buffer, offsets: &offsets)
                }
            }
        } else {
            try dictionary.buffer.withUnsafeBytes { dictionaryBytes in
                try DictionaryDecoder.gatherFixedWidth(section, count: count, dictionary: dictionaryBytes, width: width,
                                                       into: &buffer)
            }
        }
        self.count &+= count
    }

    /// RLE booleans: a u32 length prefix (in v1 and v2 alike), then the hybrid with bit width 1.
    private mutating func decodeRLEBooleans(_ section: UnsafeRawBufferPointer, count: Int) throws {
        var (decoder, _) = try RLEHybridDecoder.lengthPrefixed(section, bitWidth: 1)
        var values = ContiguousArray<UInt32>(repeating: 0, count: count)
        let got = try values.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
        guard got == count else { throw ParquetError(.corrupt, "RLE booleans end after \(got) of \(count) values") }
        buffer.appendUninitialized(count) { out in
            for i in 0..<count { out[i] = UInt8(truncatingIfNeeded: values[i] & 1) }
        }
        self.count &+= count
    }
}
