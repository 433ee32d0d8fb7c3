import Testing
@testable import Parquet

@Suite struct CompressionTests {
    static let codecs: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd, .lz4Raw, .lz4, .brotli]

    /// Compressible but not trivial: repeated words with random noise.
    static func sample(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var rng = TestRandom(seed: seed)
        let words = ["parquet", "column", "page", "0123456789", "sluice"].map { Array($0.utf8) }
        var out: [UInt8] = []
        while out.count < count {
            if rng.next() % 4 == 0 { out.append(UInt8(truncatingIfNeeded: rng.next())) } else { out += words[Int(rng.next() % 5)] }
        }
        return Array(out.prefix(count))
    }

    static func decompress(_ codec: CompressionCodec, _ bytes: [UInt8], _ size: Int) throws -> [UInt8] {
        try bytes.withUnsafeBytes { try PageCompression.decompress(codec, $0, uncompressedSize: size) }
    }

    static func compress(_ codec: CompressionCodec, _ bytes: [UInt8], level: Int? = nil) throws -> [UInt8] {
        try bytes.withUnsafeBytes { try PageCompression.compress(codec, $0, level: level) }
    }

    @Test(arguments: codecs)
    func roundTrip(codec: CompressionCodec) throws {
        for size in [1, 100, 70_000, 1 << 20] {
            let data = Self.sample(size, seed: UInt64(size))
            let compressed = try Self.compress(codec, data)
            #expect(try Self.decompress(codec, compressed, size) == data)
            // A wrong expected size is corrupt, never a short or padded page.
            #expect(throws: ParquetError.self) { try Self.decompress(codec, compressed, size + 1) }
            if size > 1 { #expect(throws: ParquetError.self) { try Self.decompress(codec, compressed, size - 1) } }
        }
        #expect(try Self.decompress(codec, [], 0) == [])
    }

    @Test(arguments: [CompressionCodec.gzip, .zstd, .brotli])
    func levels(codec: CompressionCodec) throws {
        let data = Self.sample(50_000)
        for level in [0, 1, 5, 9] {
            #expect(try Self.decompress(codec, Self.compress(codec, data, level: level), data.count) == data)
        }
    }

    @Test(arguments: codecs.filter { $0 != .uncompressed })
    func truncationNeverTraps(codec: CompressionCodec) throws {
        let data = Self.sample(3000)
        let compressed = try Self.compress(codec, data)
        let result = everyTruncation(of: compressed) { raw in
            _ = try PageCompression.decompress(codec, raw, uncompressedSize: data.count)
        }
        #expect(result.passed >= 1)
        #expect(result.threw >= compressed.count - 8)  // only a few trailing-byte cuts can still decode
        // Garbage input.
        var rng = TestRandom(seed: 9)
        for _ in 0..<50 {
            let junk = (0..<Int(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? Self.decompress(codec, junk, Int(rng.next() % 5000) + 1)
        }
    }

    @Test func concatenatedGzipMembers() throws {
        let a = Self.sample(5000, seed: 1), b = Self.sample(7000, seed: 2)
        let page = try Self.compress(.gzip, a) + Self.compress(.gzip, b)
        #expect(try Self.decompress(.gzip, page, a.count + b.count) == a + b)
        // A third, empty member is fine too; a missing second member is not.
        #expect(try Self.decompress(.gzip, page + Self.compress(.gzip, []), a.count + b.count) == a + b)
        #expect(throws: ParquetError.self) { try Self.decompress(.gzip, Self.compress(.gzip, a), a.count + b.count) }
    }

    @Test func gzipAcceptsZlibWrapping() throws {
        // zlib stream of "hello" (python: zlib.compress(b"hello")).
        let zlib: [UInt8] = [0x78, 0x9C, 0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x06, 0x2C, 0x02, 0x15]
        #expect(try Self.decompress(.gzip, zlib, 5) == Array("hello".utf8))
    }

    @Test func zstdMultipleFrames() throws {
        let a = Self.sample(3000, seed: 3), b = Self.sample(100, seed: 4)
        let page = try Self.compress(.zstd, a) + Self.compress(.zstd, []) + Self.compress(.zstd, b)
        #expect(try Self.decompress(.zstd, page, a.count + b.count) == a + b)
        // A skippable frame (magic 0x184D2A50, 3-byte payload) between data frames.
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 1, 2, 3]
        #expect(try Self.decompress(.zstd, Self.compress(.zstd, a) + skippable, a.count) == a)
    }

    @Test func lz4HadoopFramingAndBareBlockFallback() throws {
        let a = Self.sample(4000, seed: 5), b = Self.sample(2500, seed: 6)
        // Two Hadoop blocks, the second one split into two chunks.
        func be(_ n: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(n).bigEndian) { Array($0) } }
        let b1 = Array(b[0..<1000]), b2 = Array(b[1000...])
        let c1 = try Self.compress(.lz4Raw, a), c2 = try Self.compress(.lz4Raw, b1), c3 = try Self.compress(.lz4Raw, b2)
        let framed = be(a.count) + be(c1.count) + c1 + be(b.count) + be(c2.count) + c2 + be(c3.count) + c3
        #expect(try Self.decompress(.lz4, framed, a.count + b.count) == a + b)
        // Old parquet-cpp: a bare block under the LZ4 id.
        #expect(try Self.decompress(.lz4, Self.compress(.lz4Raw, a), a.count) == a)
        // The writer's own output is Hadoop-framed.
        let written = try Self.compress(.lz4, a)
        #expect(Array(written[0..<4]) == be(a.count))
    }

    @Test func snappyPreambleMustMatch() throws {
        let compressed = try Self.compress(.snappy, Self.sample(100))
        #expect(throws: ParquetError(.corrupt, "SNAPPY: preamble says 100 bytes, page header says 99")) {
            try Self.decompress(.snappy, compressed, 99)
        }
    }

    @Test func hostileSizes() throws {
        #expect(throws: ParquetError(.corrupt, "LZ4_RAW: 3 compressed bytes cannot expand to 1000000 bytes")) {
            try Self.decompress(.lz4Raw, [1, 2, 3], 1_000_000)
        }
        #expect(throws: ParquetError.self) { try Self.decompress(.gzip, [0x1F, 0x8B, 8], 100_000_000) }
        #expect(throws: ParquetError.self) { try Self.decompress(.zstd, [0x28, 0xB5, 0x2F, 0xFD], Int(Int32.max)) }
        #expect(throws: ParquetError.self) { try Self.decompress(.snappy, [1], -1) }
        #expect(throws: ParquetError(.unsupported, "SNAPPY: uncompressed page size 4294967296 exceeds the 2147483647-byte limit")) {
            try Self.decompress(.snappy, [1], 1 << 32)
        }
        #expect(throws: ParquetError(.unsupported, "unsupported codec LZO")) { try Self.decompress(.lzo, [1, 2], 2) }
        #expect(throws: ParquetError(.unsupported, "unsupported codec CODEC(42)")) {
            try Self.compress(CompressionCodec(rawValue: 42), [1])
        }
    }

    @Test func crc32() {
        let bytes = Array("123456789".utf8)
        #expect(bytes.withUnsafeBytes { PageChecksum.crc32($0) } == 0xCBF4_3926)  // the CRC-32 check value
        #expect([UInt8]().withUnsafeBytes { PageChecksum.crc32($0) } == 0)
    }
}
