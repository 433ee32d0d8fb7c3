import Columnar
import Testing
@testable import Parquet

/// Valid sections with random bytes overwritten, fed to every decoder: each call must either decode or throw
/// ParquetError; a trap ends the test run.
@Suite struct EncodingHostileInputTests {
    static let count = 300

    /// Valid sections of each encoding, made by our encoders.
    static func seeds() -> [(name: String, bytes: [UInt8])] {
        var rng = TestRandom(seed: 11)
        let ints = (0..<count).map { _ in Int64(rng.next() % 5000) - 2500 }
        let ints32 = ints.map { Int32($0) }
        var bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        for i in 0..<count {
            bytes.append(contentsOf: Array("v\(i % 17)-\(i / 3)".utf8))
            offsets.append(Int32(bytes.count))
        }
        var out: [(String, [UInt8])] = []
        func add(_ name: String, _ body: (inout ByteBuffer) -> Void) {
            var sink = ByteBuffer()
            body(&sink)
            out.append((name, sink.array))
        }
        add("dbp64") { s in ints.withUnsafeBufferPointer { DeltaBinaryPacked.encodeInt64($0, into: &s) } }
        add("dbp32") { s in ints32.withUnsafeBufferPointer { DeltaBinaryPacked.encodeInt32($0, into: &s) } }
        add("dlba") { s in bytes.withUnsafeBytes { b in offsets.withUnsafeBufferPointer { DeltaLengthByteArray.encode(bytes: b, offsets: $0, into: &s) } } }
        add("dba") { s in bytes.withUnsafeBytes { b in offsets.withUnsafeBufferPointer { DeltaByteArray.encode(bytes: b, offsets: $0, into: &s) } } }
        add("plainBytes") { s in bytes.withUnsafeBytes { b in offsets.withUnsafeBufferPointer { PlainEncoder.encodeByteArray(bytes: b, offsets: $0, into: &s) } } }
        add("dict") { s in
            let indices = ints32.map { UInt32(abs($0) % 40) }
            indices.withUnsafeBufferPointer { DictionaryEncoder.encodeIndices($0, dictionarySize: 40, into: &s) }
        }
        add("rle") { s in
            var e = RLEHybridEncoder(bitWidth: 6)
            for v in ints32 { e.append(UInt32(abs(v) % 64)) }
            e.finish(into: &s, lengthPrefixed: true)
        }
        return out
    }

    /// Runs every decoder over `section`; returns how many accepted it.
    static func decodeAll(_ section: UnsafeRawBufferPointer) -> Int {
        var accepted = 0
        func attempt(_ body: () throws -> Void) {
            do {
                try body()
                accepted += 1
            } catch is ParquetError {
            } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
        var values = ByteBuffer(), bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        attempt { _ = try DeltaBinaryPacked.decodeInt64(section, maxCount: count, into: &values) }
        attempt { _ = try DeltaBinaryPacked.decodeInt32(section, maxCount: count, into: &values) }
        attempt { _ = try DeltaLengthByteArray.decode(section, maxCount: count, bytes: &bytes, offsets: &offsets) }
        attempt { _ = try DeltaByteArray.decode(section, maxCount: count, bytes: &bytes, offsets: &offsets) }
        attempt { _ = try DeltaByteArray.decodeFixedLength(section, maxCount: count, typeLength: 3, into: &values) }
        attempt { _ = try PlainDecoder.decodeByteArray(section, count: count, bytes: &bytes, offsets: &offsets) }
        attempt {
            try ([1, 2, 3, 4, 5, 6, 7, 8] as [UInt8]).withUnsafeBytes {
                try DictionaryDecoder.gatherFixedWidth(section, count: count, dictionary: $0, width: 2, into: &values)
            }
        }
        attempt {
            var (decoder, _) = try RLEHybridDecoder.lengthPrefixed(section, bitWidth: 6)
            var levels = [UInt32](repeating: 0, count: count)
            _ = try levels.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
            _ = try decoder.skip(10)
        }
        attempt { try ByteStreamSplit.decode(section, count: min(count, section.count / 4), width: 4, into: &values) }
        #expect(offsets.count == 1 || offsets.last! == Int32(bytes.count))
        return accepted
    }

    @Test func mutatedSections() {
        var rng = TestRandom(seed: 99)
        var accepted = 0
        for (_, seed) in Self.seeds() {
            for _ in 0..<150 {
                var bytes = seed
                for _ in 0..<Int(1 + rng.next() % 4) where !bytes.isEmpty {
                    bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
                if rng.next() % 4 == 0 { bytes.removeLast(Int(rng.next() % UInt64(bytes.count + 1))) }
                accepted += bytes.withUnsafeBytes { Self.decodeAll($0) }
            }
        }
        #expect(accepted > 0)  // some mutations keep a section decodable; most are rejected
    }

    @Test func randomBytes() {
        var rng = TestRandom(seed: 7)
        for _ in 0..<1000 {
            let bytes = (0..<Int(rng.next() % 48)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = bytes.withUnsafeBytes { Self.decodeAll($0) }
        }
    }

    @Test(arguments: [CompressionCodec.snappy, .gzip, .zstd, .lz4Raw, .lz4, .brotli])
    func mutatedPages(codec: CompressionCodec) throws {
        let data = (0..<4000).map { UInt8(truncatingIfNeeded: $0 * 7 % 251 + $0 / 100) }
        let page = try data.withUnsafeBytes { try PageCompression.compress(codec, $0) }
        var rng = TestRandom(seed: UInt64(codec.rawValue))
        for _ in 0..<300 {
            var bytes = page
            for _ in 0..<Int(1 + rng.next() % 3) {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            do {
                let out = try bytes.withUnsafeBytes { try PageCompression.decompress(codec, $0, uncompressedSize: data.count) }
                #expect(out.count == data.count)
            } catch is ParquetError {
            }
        }
    }
}
