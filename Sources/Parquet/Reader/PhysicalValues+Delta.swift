/// Encodings whose decoders live in Encoding/ beyond PLAIN and the hybrid.
extension PhysicalValues {
    mutating func decodeOther(_ section: UnsafeRawBufferPointer, encoding: Encoding, count: Int) throws {
        throw ParquetError(.unsupported, "encoding \(encoding.name) on \(physicalType.name) is not supported")
    }
}
