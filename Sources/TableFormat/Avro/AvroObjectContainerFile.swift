import CZlib

/// An Avro object container file: `Obj\x01`, a metadata map (`avro.schema`, `avro.codec`), a 16-byte sync
/// marker, then blocks of (count, byte size, data, sync). Codecs `null` and `deflate` (raw RFC 1951).
public struct AvroObjectContainerFile {
    public let schema: AvroSchema
    public let codec: String
    public let metadata: [String: [UInt8]]
    /// Every datum of every block, in order.
    public let values: [AvroValue]

    static let magic: [UInt8] = [0x4F, 0x62, 0x6A, 0x01]

    public init(bytes: [UInt8], name: String) throws {
        guard bytes.count >= 4, Array(bytes[0..<4]) == AvroObjectContainerFile.magic else {
            throw TableFormatError(.invalidAvro, "'\(name)' is not an Avro object container file (no Obj\\x01 magic)")
        }
        do {
            var decoder = AvroBinaryDecoder(bytes, range: 4..<bytes.count)
            guard case .map(let entries) = try decoder.decode(.map(.bytes)) else { throw decoder.error("header") }
            var metadata: [String: [UInt8]] = [:]
            for (key, value) in entries { if case .bytes(let b) = value { metadata[key] = b } }
            self.metadata = metadata
            guard let schemaBytes = metadata["avro.schema"] else { throw decoder.error("no avro.schema in the header") }
            schema = try AvroSchema(json: String(decoding: schemaBytes, as: UTF8.self))
            codec = metadata["avro.codec"].map { String(decoding: $0, as: UTF8.self) } ?? "null"
            guard codec == "null" || codec == "deflate" else {
                throw TableFormatError(.unsupported, "'\(name)' uses Avro codec '\(codec)' (null and deflate are supported)")
            }
            let sync = try decoder.take(16)
            var values: [AvroValue] = []
            while !decoder.isAtEnd {
                let count = try decoder.long()
                let data = try decoder.lengthPrefixed()
                guard try decoder.take(16) == sync else { throw decoder.error("sync marker mismatch after a block") }
                guard count >= 0, count <= Int64(data.count) * 8 + 1024 else { throw decoder.error("block of \(count) objects") }
                let block = codec == "deflate" ? try AvroObjectContainerFile.inflate(data) : data
                var blockDecoder = AvroBinaryDecoder(block)
                for _ in 0..<count { values.append(try blockDecoder.decode(schema)) }
            }
            self.values = values
        } catch let error as TableFormatError {
            throw TableFormatError(error.code, "'\(name)': \(error.message)")
        }
    }

    /// Raw deflate (no zlib header), as Avro's deflate codec writes it.
    static func inflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw TableFormatError(.invalidAvro, "zlib inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(4096, input.count * 4))
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = UInt32(inBuf.count)
            var result: Int32 = Z_OK
            while result == Z_OK {
                result = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = UInt32(outBuf.count)
                    let r = CZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: outBuf[0..<(outBuf.count - Int(stream.avail_out))])
                    return r
                }
                if result == Z_OK, stream.avail_in == 0, stream.avail_out != 0 { return Z_DATA_ERROR }
                if output.count > 1 << 30 { return Z_MEM_ERROR }
            }
            return result
        }
        guard status == Z_STREAM_END else { throw TableFormatError(.invalidAvro, "deflate block does not inflate (zlib \(status))") }
        return output
    }
}
