import Foundation
import Testing
import TestSupport
@testable import TableFormat

/// A Python with `fastavro` (another implementation to check our files against): $SLUICE_AVRO_PYTHON or the
/// project's .venv (scripts/requirements-dev.txt installs it).
enum AvroPython {
    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["SLUICE_AVRO_PYTHON"], DevPython.path].compactMap { $0 }
        return candidates.first { path in
            FileManager.default.isExecutableFile(atPath: path) && (try? HudiCorpus.run(path, ["-c", "import fastavro"])) != nil
        }
    }()

    /// The records of an object container file as fastavro reads them, as one JSON text (bytes as hex).
    static func read(_ bytes: [UInt8]) throws -> Any {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-avro-\(UUID().uuidString).avro")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let script = """
        import decimal, fastavro, json, sys
        def plain(v):
            if isinstance(v, bytes): return "hex:" + v.hex()
            if isinstance(v, decimal.Decimal): return "dec:" + str(v)
            if isinstance(v, dict): return {k: plain(x) for k, x in v.items()}
            if isinstance(v, list): return [plain(x) for x in v]
            return v
        with open(sys.argv[1], "rb") as f:
            r = fastavro.reader(f)
            print(json.dumps({"codec": r.codec, "records": [plain(x) for x in r]}))
        """
        let out = try HudiCorpus.run(python!, ["-c", script, url.path])
        return try JSONSerialization.jsonObject(with: Data(out.utf8))
    }

    /// An object container file fastavro writes from JSON records.
    static func write(schemaJSON: String, recordsJSON: String, codec: String) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-avro-\(UUID().uuidString).avro")
        defer { try? FileManager.default.removeItem(at: url) }
        let script = """
        import fastavro, json, sys
        schema = fastavro.parse_schema(json.loads(sys.argv[1]))
        with open(sys.argv[3], "wb") as f:
            fastavro.writer(f, schema, json.loads(sys.argv[2]), codec=sys.argv[4])
        """
        try HudiCorpus.run(python!, ["-c", script, schemaJSON, recordsJSON, url.path, codec])
        return Array(try Data(contentsOf: url))
    }
}

@Suite("Avro encoder")
struct AvroEncoderTests {
    static let value: AvroValue = .record([
        ("a", .long(1)), ("b", .string("hi")), ("c", .array([.int(3), .int(-64)])), ("d", .map([("k", .double(1.5))])),
        ("e", .fixed([1, 2])), ("f", .fixed([3, 4])), ("g", .enumeration("Y")),
    ])

    @Test("encodes the decoder's test datum byte for byte")
    func knownBytes() throws {
        var encoder = AvroBinaryEncoder()
        try encoder.encode(Self.value, as: try AvroSchema(json: AvroTests.schemaJSON))
        #expect(encoder.bytes == AvroTests.datum)
    }

    @Test("varints and lengths at the edges round-trip through the decoder")
    func edges() throws {
        for v: Int64 in [0, -1, 1, 63, -64, 64, -65, 8191, Int64(Int32.max), Int64(Int32.min), .max, .min] {
            var encoder = AvroBinaryEncoder()
            encoder.long(v)
            var decoder = AvroBinaryDecoder(encoder.bytes)
            #expect(try decoder.long() == v)
            #expect(decoder.isAtEnd)
        }
        let schema = try AvroSchema(json: #"{"type":"record","name":"r","fields":[{"name":"s","type":"string"},{"name":"x","type":["null","float","double"]},{"name":"o","type":["null","boolean"],"default":null}]}"#)
        let long = String(repeating: "é", count: 5000)
        var encoder = AvroBinaryEncoder()
        try encoder.encode(.record([("s", .string(long)), ("x", .double(-0.25))]), as: schema)
        var decoder = AvroBinaryDecoder(encoder.bytes)
        // The omitted optional field comes back as null.
        #expect(try decoder.decode(schema) == .record([("s", .string(long)), ("x", .double(-0.25)), ("o", .null)]))
    }

    @Test("values that do not match the schema throw, naming the field")
    func mismatches() throws {
        let schema = try AvroSchema(json: AvroTests.schemaJSON)
        let cases: [(AvroValue, String)] = [
            (.record([("a", .string("1"))]), "R.a"),
            (.record([("a", .long(1)), ("b", .int(2))]), "R.b"),
            (.record([("a", .long(1)), ("zz", .null)]), "zz"),
            (.record([("a", .long(1)), ("b", .null), ("c", .array([])), ("d", .map([])), ("e", .fixed([1]))]), "R.e"),
            (.record([("a", .long(1)), ("b", .null), ("c", .array([])), ("d", .map([])), ("e", .fixed([1, 2])),
                      ("f", .fixed([1, 2])), ("g", .enumeration("Q"))]), "R.g"),
            (.record([("a", .long(1)), ("b", .null), ("c", .array([.long(3)]))]), "R.c[0]"),
        ]
        for (value, place) in cases {
            var encoder = AvroBinaryEncoder()
            let error = #expect(throws: TableFormatError.self) { try encoder.encode(value, as: schema) }
            #expect(error?.message.contains(place) == true, "\(error?.message ?? "")")
        }
    }

    @Test("object container files round-trip through our reader", arguments: ["null", "deflate"])
    func containerRoundTrip(codec: String) throws {
        let values = [Self.value, Self.value]
        let bytes = try AvroObjectContainerFile.encode(values, schemaJSON: AvroTests.schemaJSON, codec: codec)
        let file = try AvroObjectContainerFile(bytes: bytes, name: "roundtrip.avro")
        #expect(file.codec == codec)
        #expect(file.values == values)
        #expect(file.metadata["avro.schema"] == Array(AvroTests.schemaJSON.utf8))
    }

    /// Hudi's own files: decoding a Java-written timeline file and encoding it again with its schema and sync
    /// marker gives back the same bytes.
    @Test("re-encodes Java-written rollback plans and metadata byte for byte",
          .enabled(if: HudiCorpus.available),
          arguments: ["sample_table_mor_parquet_v6_nonpartitioned_rollback", "sample_table_mor_avro_v9_nonpartitioned_rollback"])
    func javaFiles(_ name: String) throws {
        let path = try HudiCorpus.unzip(name)
        let timeline = FileManager.default.fileExists(atPath: path.appendingPathComponent(".hoodie/timeline").path)
            ? path.appendingPathComponent(".hoodie/timeline") : path.appendingPathComponent(".hoodie")
        let names = try FileManager.default.contentsOfDirectory(atPath: timeline.path)
            .filter { $0.contains(".rollback") && !$0.hasSuffix(".inflight") }
        #expect(names.count == 2)
        for fileName in names {
            let bytes = Array(try Data(contentsOf: timeline.appendingPathComponent(fileName)))
            let file = try AvroObjectContainerFile(bytes: bytes, name: fileName)
            let schema = String(decoding: file.metadata["avro.schema"] ?? [], as: UTF8.self)
            let again = try AvroObjectContainerFile.encode(file.values, schemaJSON: schema, syncMarker: Array(bytes.suffix(16)))
            #expect(again == bytes, "\(fileName)")
        }
    }

    @Test("fastavro reads what we write, and we read what fastavro writes", .enabled(if: AvroPython.python != nil),
          arguments: ["null", "deflate"])
    func fastavro(codec: String) throws {
        let bytes = try AvroObjectContainerFile.encode([Self.value, Self.value], schemaJSON: AvroTests.schemaJSON, codec: codec)
        let read = try #require(AvroPython.read(bytes) as? [String: Any])
        #expect(read["codec"] as? String == codec)
        let records = try #require(read["records"] as? [[String: Any]])
        #expect(records.count == 2)
        #expect(records[0]["a"] as? Int == 1 && records[0]["b"] as? String == "hi")
        #expect(records[0]["c"] as? [Int] == [3, -64])
        #expect((records[0]["d"] as? [String: Double])?["k"] == 1.5)
        // The decimal logical type applies wherever the named fixed is used: unscaled 0x0102 and 0x0304, scale 1.
        #expect(records[0]["e"] as? String == "dec:25.8" && records[0]["f"] as? String == "dec:77.2")
        #expect(records[0]["g"] as? String == "Y")

        let theirs = try AvroPython.write(schemaJSON: #"{"type":"record","name":"T","fields":[{"name":"n","type":["null","long"]},{"name":"m","type":{"type":"map","values":{"type":"array","items":"string"}}}]}"#,
                                          recordsJSON: #"[{"n": -5, "m": {"p": ["x", "y"]}}, {"n": null, "m": {}}]"#, codec: codec)
        let file = try AvroObjectContainerFile(bytes: theirs, name: "fastavro.avro")
        #expect(file.values == [.record([("n", .long(-5)), ("m", .map([("p", .array([.string("x"), .string("y")]))]))]),
                                .record([("n", .null), ("m", .map([]))])])
    }
}
