import Testing
@testable import Parquet

@Suite struct XXHash64Tests {
    /// Reference values from libxxhash 0.8.1 (`XXH64(data, len, 0)`).
    static let strings: [(String, UInt64)] = [
        ("", 0xEF46_DB37_51D8_E999), ("a", 0xD24E_C4F1_A98C_6E5B), ("abc", 0x44BC_2CF5_AD77_0999),
        ("hello", 0x26C7_827D_889F_6DA3), ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1),
    ]
    /// bytes 0, 1, ..., n-1: covers every tail path and the 32-byte stripes.
    static let sequences: [(Int, UInt64)] = [
        (1, 0xE934_A84A_DB05_2768), (3, 0xE5C7_BB45_33BC_65DD), (4, 0xFFCE_D860_4453_CC1E), (7, 0x14CC_643F_630C_72D2),
        (8, 0x884A_1736_14B8_1B8D), (12, 0x424A_F23F_1F08_DCA5), (31, 0xC346_D2B5_9B4D_8EE1), (32, 0xCBF5_9C51_16FF_32B4),
        (33, 0x0C53_5D1A_CAFB_8EAD), (63, 0xE26A_A9E2_A95F_8E4F), (64, 0xF7C6_7301_DB67_13F0), (100, 0x6AC1_E580_3216_6597),
    ]

    @Test(arguments: strings)
    func string(text: String, expected: UInt64) {
        #expect(XXHash64.hash(Array(text.utf8)) == expected)
    }

    @Test(arguments: sequences)
    func sequence(length: Int, expected: UInt64) {
        #expect(XXHash64.hash((0..<length).map { UInt8($0) }) == expected)
    }

    @Test func fixedWidthValuesHashTheirLittleEndianBytes() {
        #expect(XXHash64.hash(int32: 0x0302_0100) == XXHash64.hash([0, 1, 2, 3]))
        #expect(XXHash64.hash(int64: 0x0706_0504_0302_0100) == XXHash64.hash([0, 1, 2, 3, 4, 5, 6, 7]))
        #expect(XXHash64.hash(double: 1.0) == XXHash64.hash([0, 0, 0, 0, 0, 0, 0xF0, 0x3F]))
        #expect(XXHash64.hash(float: 1.0) == XXHash64.hash([0, 0, 0x80, 0x3F]))
    }
}

@Suite struct SplitBlockBloomFilterTests {
    @Test func insertedValuesAreFoundAndSizingIsAPowerOfTwo() throws {
        var filter = SplitBlockBloomFilter(ndv: 1000, fpp: 0.01)
        #expect(filter.numBytes.nonzeroBitCount == 1)
        #expect(filter.numBytes >= 1024)
        for i in 0..<1000 { filter.insert(hash: XXHash64.hash(int64: Int64(i))) }
        for i in 0..<1000 { #expect(filter.mightContain(hash: XXHash64.hash(int64: Int64(i)))) }
        let falsePositives = (1000..<11000).filter { filter.mightContain(hash: XXHash64.hash(int64: Int64($0))) }.count
        #expect(falsePositives < 300)  // fpp 1% of 10000, with slack
        let copy = try SplitBlockBloomFilter(serialized: filter.serialized())
        #expect(copy == filter)
    }

    @Test func sizeBounds() {
        #expect(SplitBlockBloomFilter(numBytes: 0).numBytes == 32)
        #expect(SplitBlockBloomFilter(numBytes: 33).numBytes == 64)
        #expect(SplitBlockBloomFilter(ndv: 10, fpp: 0.5).numBytes == 32)
        #expect(SplitBlockBloomFilter(numBytes: Int.max).numBytes == SplitBlockBloomFilter.maximumBytes)
    }

    @Test func singleInsertSetsOneBitPerWordOfOneBlock() {
        var filter = SplitBlockBloomFilter(numBytes: 64)
        let hash: UInt64 = 0x8000_0000_0000_0001   // upper half 2^31 of 2 blocks -> block 1; key 1 -> bit salt[i] >> 27
        filter.insert(hash: hash)
        #expect(filter.words[0..<8].allSatisfy { $0 == 0 })
        #expect(Array(filter.words[8..<16]) == SplitBlockBloomFilter.salt.map { UInt32(1) << ($0 >> 27) })
    }

    @Test func badBitsetsAreRejected() {
        #expect(throws: ParquetError.self) { try SplitBlockBloomFilter(bitset: []) }
        #expect(throws: ParquetError.self) { try SplitBlockBloomFilter(bitset: Array(repeating: 0, count: 40)) }
        var header = CompactWriter.encode(BloomFilterHeader(numBytes: 64))
        #expect(throws: ParquetError.self) { try SplitBlockBloomFilter(serialized: header + Array(repeating: 0, count: 32)) }
        var other = BloomFilterHeader(numBytes: 32)
        other.hash = .other(fieldID: 2)
        header = CompactWriter.encode(other)
        let error = #expect(throws: ParquetError.self) { try SplitBlockBloomFilter(serialized: header + Array(repeating: 0, count: 32)) }
        #expect(error?.code == .unsupported)
    }
}

@Suite(.enabled(if: ParquetTestingCorpus.available, "shared corpus/parquet/parquet-testing not found: corpus tests skipped"))
struct BloomFilterCorpusTests {
    @Test func xxhashBinFile() throws {
        let bytes = try ParquetTestingCorpus.source("data/bloom_filter.xxhash.bin").bytes
        let filter = try SplitBlockBloomFilter(serialized: bytes)
        #expect(filter.numBytes == 1024)
        for word in ["hello", "parquet", "bloom", "filter"] {
            #expect(filter.mightContain(hash: XXHash64.hash(Array(word.utf8))), "\(word)")
        }
        for word in ["Hello", "parquet2", "sluice", "x"] {
            #expect(!filter.mightContain(hash: XXHash64.hash(Array(word.utf8))), "\(word)")
        }
        // Re-serializing gives back the file byte for byte.
        #expect(filter.serialized() == bytes)
    }

    static let values = ["Hello", "This is", "a", "test", "How", "are you", "doing ", "today", "the quick",
                         "brown fox", "jumps", "over", "the lazy", "dog"]

    @Test(arguments: ["data/data_index_bloom_encoding_stats.parquet", "data/data_index_bloom_encoding_with_length.parquet"])
    func columnChunkFilter(file: String) throws {
        let source = try ParquetTestingCorpus.source(file)
        let metadata = try Footer.read(from: source)
        let chunk = metadata.rowGroups[0].columns[0]
        let filter = try #require(try SplitBlockBloomFilter.read(from: source, chunk: chunk))
        for value in Self.values {
            #expect(filter.mightContain(hash: XXHash64.hash(Array(value.utf8))), "\(value)")
            // With the PLAIN length prefix the hashes must not match (the prefix is not hashed).
            let prefixed = withUnsafeBytes(of: UInt32(value.utf8.count).littleEndian) { Array($0) } + Array(value.utf8)
            #expect(!filter.mightContain(hash: XXHash64.hash(prefixed)), "\(value)")
        }
        for absent in ["hello", "cat", "The quick"] {
            #expect(!filter.mightContain(hash: XXHash64.hash(Array(absent.utf8))), "\(absent)")
        }
    }

    @Test func chunksWithoutFilterGiveNil() throws {
        let source = try ParquetTestingCorpus.source("data/alltypes_plain.parquet")
        let metadata = try Footer.read(from: source)
        #expect(try SplitBlockBloomFilter.read(from: source, chunk: metadata.rowGroups[0].columns[0]) == nil)
    }
}
