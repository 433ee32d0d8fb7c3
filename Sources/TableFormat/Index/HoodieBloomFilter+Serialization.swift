extension HoodieBloomFilter {
    /// Reads a footer value (`serializeToString` of Hudi's filter: base64 of its `Writable` bytes). `context`
    /// names the value in errors, e.g. the base file.
    public init(serialized: String, typeCode: BloomFilterTypeCode, context: String = "bloom filter") throws {
        let bytes = try Base64CodecUtil.decode(serialized, context: context)
        try self.init(serializedBytes: bytes, typeCode: typeCode, context: context)
    }

    /// Reads the `Writable` bytes of a filter of type `typeCode`; trailing bytes are an error.
    public init(serializedBytes bytes: [UInt8], typeCode: BloomFilterTypeCode, context: String = "bloom filter") throws {
        var input = JavaDataInput(bytes, context: "\(context) (\(typeCode.rawValue))")
        switch typeCode {
        case .simple: storage = .simple(try InternalBloomFilter(from: &input))
        case .dynamicV0: storage = .dynamic(try InternalDynamicBloomFilter(from: &input))
        }
        guard input.remaining == 0 else {
            throw TableFormatError(.invalidMetadata, "\(input.context): \(input.remaining) bytes after the filter's \(input.offset)")
        }
    }

    /// The `Writable` bytes Hudi's `serializeToString` encodes.
    public var serializedBytes: [UInt8] {
        var out = JavaDataOutput()
        switch storage {
        case .simple(let filter):
            out.bytes.reserveCapacity(13 + filter.bits.count)
            filter.write(to: &out)
        case .dynamic(let filter):
            out.bytes.reserveCapacity(25 + filter.matrix.reduce(0) { $0 + 13 + $1.bits.count })
            filter.write(to: &out)
        }
        return out.bytes
    }

    /// The footer value: `serializedBytes` in standard base64 with padding, as Hudi's `serializeToString`.
    public func serializeToString() -> String {
        Base64CodecUtil.encode(serializedBytes)
    }
}
