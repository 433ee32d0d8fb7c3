import CZlib
import Foundation

extension AvroObjectContainerFile {
    /// An object container file holding `values` in one block: `Obj\x01`, the metadata map (`avro.schema` as
    /// given, byte for byte, and `avro.codec` unless null), the sync marker, then count, byte size, data and the marker
    /// again. This is how Hudi serializes every Avro timeline file (one record, codec `null`).
    /// - Parameters:
    ///   - schemaJSON: the writer schema embedded in the header; values are encoded against its parse.
    ///   - syncMarker: 16 bytes; random when nil (Java derives it from a random UUID, so files differ anyway).
    public static func encode(_ values: [AvroValue], schemaJSON: String, codec: String = "null",
                              syncMarker: [UInt8]? = nil) throws -> [UInt8] {
        guard codec == "null" || codec == "deflate" else {
            throw TableFormatError(.unsupported, "Avro codec '\(codec)' cannot be written (null and deflate can)")
        }
        let sync = syncMarker ?? (0..<16).map { _ in UInt8.random(in: 0...255) }
        guard sync.count == 16 else {
            throw TableFormatError(.invalidArgument, "an Avro sync marker is 16 bytes, not \(sync.count)")
        }
        let schema = try AvroSchema(json: schemaJSON)
        var data = AvroBinaryEncoder()
        for value in values { try data.encode(value, as: schema) }
        let block = codec == "deflate" ? try deflate(data.bytes) : data.bytes

        var file = AvroBinaryEncoder()
        file.raw(magic)
        // Java's writer leaves `avro.codec` out for null (readers default to it), so the header matches its files.
        file.long(codec == "null" ? 1 : 2)
        file.lengthPrefixed(Array("avro.schema".utf8))
        file.lengthPrefixed(Array(schemaJSON.utf8))
        if codec != "null" {
            file.lengthPrefixed(Array("avro.codec".utf8))
            file.lengthPrefixed(Array(codec.utf8))
        }
        file.long(0)
        file.raw(sync)
        if !values.isEmpty {
            file.long(Int64(values.count))
            file.lengthPrefixed(block)
            file.raw(sync)
        }
        return file.bytes
    }

    /// Raw deflate (RFC 1951, no zlib header or checksum), as Avro's deflate codec stores blocks.
    static func deflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw TableFormatError(.io, "zlib deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 16)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = UInt32(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = UInt32(outBuf.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw TableFormatError(.io, "zlib deflate did not finish (status \(status))") }
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
