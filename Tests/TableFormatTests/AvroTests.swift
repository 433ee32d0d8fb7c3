import Foundation
import Testing
@testable import TableFormat

@Suite("Avro")
struct AvroTests {
    static let schemaJSON = """
    {"type":"record","name":"R","namespace":"n","fields":[
      {"name":"a","type":"long"},{"name":"b","type":["null","string"]},
      {"name":"c","type":{"type":"array","items":"int"}},{"name":"d","type":{"type":"map","values":"double"}},
      {"name":"e","type":{"type":"fixed","name":"F","size":2,"logicalType":"decimal","precision":4,"scale":1}},
      {"name":"f","type":"F"},{"name":"g","type":{"type":"enum","name":"E","symbols":["X","Y"]}}]}
    """
    static let datum: [UInt8] = [0x02, 0x02, 0x04, 0x68, 0x69, 0x04, 0x06, 0x7F, 0x00,
                                 0x02, 0x02, 0x6B, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x00, 0x01, 0x02, 0x03, 0x04, 0x02]

    @Test("binary decoding of a record with union, array, map, fixed and enum")
    func decodes() throws {
        let schema = try AvroSchema(json: Self.schemaJSON)
        var decoder = AvroBinaryDecoder(Self.datum)
        let value = try decoder.decode(schema)
        #expect(decoder.isAtEnd)
        #expect(value["a"] == .long(1))
        #expect(value["b"] == .string("hi"))
        #expect(value["c"] == .array([.int(3), .int(-64)]))
        #expect(value["d"] == .map([("k", .double(1.5))]))
        #expect(value["e"] == .fixed([1, 2]) && value["f"] == .fixed([3, 4]))
        #expect(value["g"] == .enumeration("Y"))
        let columnar = try schema.columnarSchema()
        #expect(columnar.fields.map(\.name) == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(columnar.fields[4].type == .decimal(precision: 4, scale: 1))
        #expect(columnar.fields[1].nullable && !columnar.fields[0].nullable)
    }

    @Test("truncated or corrupt data throws instead of trapping")
    func corrupt() throws {
        let schema = try AvroSchema(json: Self.schemaJSON)
        for cut in 0..<Self.datum.count {
            var decoder = AvroBinaryDecoder(Array(Self.datum[0..<cut]))
            #expect(throws: TableFormatError.self) { _ = try decoder.decode(schema) }
        }
        var bad = Self.datum
        bad[1] = 0x06  // union branch 3 of 2
        var decoder = AvroBinaryDecoder(bad)
        #expect(throws: TableFormatError.self) { _ = try decoder.decode(schema) }
        var huge = AvroBinaryDecoder([0xFE, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(throws: TableFormatError.self) { _ = try huge.decode(.bytes) }
        #expect(throws: TableFormatError.self) { _ = try AvroSchema(json: #"{"type":"record","name":"x","fields":[{"name":"a","type":"Nope"}]}"#) }
    }

    /// An object container file with `codec`; deflate blocks are made by the system python's zlib.
    static func containerFile(codec: String, sync: [UInt8] = Array(0..<16)) throws -> [UInt8] {
        var block = Self.datum + Self.datum
        if codec == "deflate" {
            let hex = block.map { String(format: "%02x", $0) }.joined()
            let out = try HudiCorpus.run("/usr/bin/env", ["python3", "-c",
                "import zlib,sys; c=zlib.compressobj(9, zlib.DEFLATED, -15); sys.stdout.write((c.compress(bytes.fromhex('\(hex)'))+c.flush()).hex())"])
            block = stride(from: 0, to: out.count, by: 2).map { UInt8(out.dropFirst($0).prefix(2), radix: 16)! }
        }
        func zigzag(_ v: Int) -> [UInt8] {
            var n = UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
            var out: [UInt8] = []
            while n >= 0x80 { out.append(UInt8(n & 0x7F) | 0x80); n >>= 7 }
            return out + [UInt8(n)]
        }
        func string(_ s: String) -> [UInt8] { zigzag(s.utf8.count) + Array(s.utf8) }
        var file: [UInt8] = [0x4F, 0x62, 0x6A, 0x01]
        file += zigzag(2) + string("avro.schema") + string(Self.schemaJSON) + string("avro.codec") + string(codec) + [0]
        file += sync
        file += zigzag(2) + zigzag(block.count) + block + sync
        return file
    }

    @Test("object container files, null and deflate codecs", arguments: ["null", "deflate"])
    func containerFiles(codec: String) throws {
        let file = try AvroObjectContainerFile(bytes: try Self.containerFile(codec: codec), name: "test.avro")
        #expect(file.codec == codec)
        #expect(file.values.count == 2)
        #expect(file.values[1]["b"] == .string("hi"))
    }

    @Test("container file errors name the file")
    func containerErrors() throws {
        var bytes = try Self.containerFile(codec: "null")
        bytes[bytes.count - 1] ^= 0xFF
        let error = #expect(throws: TableFormatError.self) { _ = try AvroObjectContainerFile(bytes: bytes, name: "x.commit") }
        #expect(error?.message.contains("x.commit") == true && error?.message.contains("sync") == true)
        #expect(throws: TableFormatError.self) { _ = try AvroObjectContainerFile(bytes: Array("{}".utf8), name: "j") }
    }
}
