import Foundation
import Testing
@testable import TableFormat

/// `HoodieBloomFilter` against Hadoop's own classes: the expected values below were printed by Hadoop 3.5's
/// `org.apache.hadoop.util.bloom.BloomFilter` / `DynamicBloomFilter` and `util.hash.MurmurHash` (the classes
/// Hudi's filters copy), by `HadoopBloomOracle.source` run on `oracleKeys`.
@Suite("Hudi bloom filter")
struct IndexBloomFilterTests {
    /// ASCII keys of every length mod 4, and UTF-8 tails with bytes >= 0x80 (Hadoop sign-extends those).
    static let oracleKeys = ["a", "ab", "abc", "abcd", "abcde", "é", "naïve", "日本語", "😀", "TXN-001", "uuid-\u{FFFD}"]

    /// Hadoop's `MurmurHash.hash(bytes, seed)` for seeds 0 and 12345.
    static let oracleHashes: [(Int32, Int32)] = [
        (-1838653602, -579949966), (1525573013, -1822173170), (1775488903, -2108309701), (646393889, 758563494),
        (1594468574, 232266555), (-384040333, 1887701134), (1449117122, 489389959), (-343686998, 657974791),
        (-842402043, 991288154), (-1349093075, 1530918578), (-667712279, -1387853700),
    ]

    @Test("Murmur hash equals Hadoop's, including sign-extended tail bytes")
    func murmur() {
        for (key, expected) in zip(Self.oracleKeys, Self.oracleHashes) {
            let hashes = Array(key.utf8).withUnsafeBufferPointer { bytes in
                (MurmurHash.hash(bytes, seed: 0), MurmurHash.hash(bytes, seed: 12345))
            }
            #expect(hashes == expected, "\(key)")
        }
    }

    @Test("Hudi's default shape: 60,000 entries at 1e-9 give 2,587,966 bits and 30 hashes")
    func defaultShape() throws {
        let filter = try HoodieBloomFilter()
        #expect(filter.typeCode == .dynamicV0)
        #expect(filter.vectorSize == 2_587_966)
        #expect(filter.hashCount == 30)
        #expect(filter.rowCount == 1)
        // 13-byte header + nr, count, rows + one 13-byte row header + ceil(bits / 8), in base64.
        #expect(filter.serializedBytes.count == 13 + 12 + 13 + 323_496)
        #expect(filter.serializeToString().utf8.count == 431_380)
    }

    @Test("SIMPLE filter bytes equal Hadoop BloomFilter(96, 7, MURMUR) over the same keys")
    func simpleMatchesHadoop() throws {
        var filter = try HoodieBloomFilter(typeCode: .simple, numEntries: 10, errorRate: 0.01)
        #expect(filter.vectorSize == 96 && filter.hashCount == 7)
        for key in Self.oracleKeys { filter.add(key) }
        #expect(filter.serializeToString() == "/////wAAAAcBAAAAYLwt1GliWSbcrwZKHA==")
        for key in Self.oracleKeys { #expect(filter.mightContain(key), "\(key)") }
    }

    @Test("DYNAMIC_V0 bytes equal Hadoop DynamicBloomFilter(19, 5, MURMUR, nr 3) below Hudi's bound")
    func dynamicMatchesHadoop() throws {
        var filter = try HoodieBloomFilter(typeCode: .dynamicV0, numEntries: 3, errorRate: 0.05, maxNumberOfEntries: 100)
        #expect(filter.vectorSize == 19 && filter.hashCount == 5)
        for key in Self.oracleKeys { filter.add(key) }
        #expect(filter.rowCount == 4)
        let hadoop = "/////wAAAAUBAAAAEwAAAAMAAAACAAAABP////8AAAAFAQAAABOWJgL/////AAAABQEAAAATTzcC/////wAAAAUBAAAAE9I1Bf////8AAAAFAQAAABNQdwI="
        #expect(filter.serializeToString() == hadoop)
        let read = try HoodieBloomFilter(serialized: hadoop, typeCode: .dynamicV0)
        #expect(read.serializeToString() == hadoop)
        for key in Self.oracleKeys { #expect(read.mightContain(key), "\(key)") }
    }

    @Test("a dynamic filter stops adding rows at maxNumberOfEntries, then fills its rows round-robin")
    func dynamicBound() throws {
        var filter = try HoodieBloomFilter(typeCode: .dynamicV0, numEntries: 100, errorRate: 0.01, maxNumberOfEntries: 300)
        let keys = (0..<1000).map { "key-\($0)" }
        for key in keys { filter.add(key) }
        #expect(filter.rowCount == 3)
        for key in keys { #expect(filter.mightContain(key)) }
        let read = try HoodieBloomFilter(serialized: filter.serializeToString(), typeCode: .dynamicV0)
        #expect(read.serializedBytes == filter.serializedBytes)
        #expect(read.rowCount == 3)
    }

    @Test("the false-positive rate is near the configured one", arguments: [BloomFilterTypeCode.simple, .dynamicV0])
    func falsePositiveRate(_ type: BloomFilterTypeCode) throws {
        var filter = try HoodieBloomFilter(typeCode: type, numEntries: 2000, errorRate: 0.01)
        for i in 0..<2000 { filter.add("present-\(i)") }
        var random = SystemRandomNumberGenerator()
        let probes = 50_000
        var positives = 0
        for _ in 0..<probes where filter.mightContain("absent-\(random.next() as UInt64)") { positives += 1 }
        let rate = Double(positives) / Double(probes)
        #expect(rate > 0.005 && rate < 0.02, "false-positive rate \(rate) for fpp 0.01")
    }

    @Test("SIMPLE round trip; footer type codes parse ignoring case")
    func roundTrip() throws {
        var filter = try HoodieBloomFilter(typeCode: .simple, numEntries: 1000, errorRate: 0.001)
        for i in 0..<500 { filter.add("k\(i)") }
        let text = filter.serializeToString()
        let read = try HoodieBloomFilter(serialized: text, typeCode: try BloomFilterTypeCode(name: "simple"))
        #expect(read == filter)
        #expect(read.serializeToString() == text)
        #expect(try BloomFilterTypeCode(name: "dynamic_v0") == .dynamicV0)
        #expect(throws: TableFormatError.self) { try BloomFilterTypeCode(name: "DYNAMIC_V1") }
    }

    @Test("bits past vectorSize in the last byte are dropped on read, as Java's BitSet drops them")
    func tailBitsDropped() throws {
        let filter = try HoodieBloomFilter(typeCode: .simple, numEntries: 10, errorRate: 0.05) // 63 bits
        #expect(filter.vectorSize % 8 != 0)
        var bytes = filter.serializedBytes
        bytes[bytes.count - 1] |= 0x80
        let read = try HoodieBloomFilter(serializedBytes: bytes, typeCode: .simple)
        #expect(read.serializedBytes == filter.serializedBytes)
    }

    @Test("corrupt filters throw, naming the problem")
    func corrupt() throws {
        var filter = try HoodieBloomFilter(typeCode: .simple, numEntries: 10, errorRate: 0.01)
        filter.add("x")
        let good = filter.serializedBytes
        func message(_ bytes: [UInt8], _ type: BloomFilterTypeCode = .simple) -> String? {
            do {
                _ = try HoodieBloomFilter(serializedBytes: bytes, typeCode: type, context: "file f")
                return nil
            } catch let error as TableFormatError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(message(Array(good.dropLast()))?.contains("needs 12 bytes") == true)
        #expect(message(good + [0])?.contains("1 bytes after") == true)
        #expect(message([0, 0, 0, 7] + good.dropFirst(4))?.contains("Jenkins") == true)
        #expect(message(Array(good[0..<8]) + [0] + good[9...])?.contains("hash type 0") == true)
        #expect(message(Array(good[0..<4]) + [0x7F, 0xFF, 0xFF, 0xFF] + good[8...])?.contains("hash count") == true)
        #expect(message(Array(good[0..<9]) + [0xFF, 0xFF, 0xFF, 0xFF] + good[13...])?.contains("vector size -1") == true)
        // A dynamic filter claiming 2^31-1 rows in a few bytes is rejected before allocating.
        let dynamic = try HoodieBloomFilter(typeCode: .dynamicV0, numEntries: 10, errorRate: 0.01).serializedBytes
        #expect(message(Array(dynamic[0..<21]) + [0x7F, 0xFF, 0xFF, 0xFF] + dynamic[25...], .dynamicV0)?.contains("rows in") == true)
        #expect(throws: TableFormatError.self) { try HoodieBloomFilter(serialized: "AAA", typeCode: .simple) }
        #expect(throws: TableFormatError.self) { try HoodieBloomFilter(serialized: "AA AA==", typeCode: .simple) }
        #expect(throws: TableFormatError.self) { try HoodieBloomFilter(numEntries: 0) }
        #expect(throws: TableFormatError.self) { try HoodieBloomFilter(numEntries: 10, errorRate: 1) }
    }

    @Test("base64 matches Foundation's on every tail length")
    func base64() throws {
        for length in 0..<10 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 200) }
            let text = Base64CodecUtil.encode(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            #expect(try Base64CodecUtil.decode(text, context: "t") == bytes)
        }
    }
}

/// Runs Hadoop's own bloom filter classes on random keys, when `SLUICE_HADOOP_CLASSPATH` names a
/// hadoop-client-api jar (pyspark ships one in `deps/jars`) and `java` is on the PATH.
@Suite("Hudi bloom filter against Hadoop", .enabled(if: HadoopBloomOracle.classPath != nil, "set SLUICE_HADOOP_CLASSPATH"))
struct HadoopBloomOracleTests {
    @Test("random Unicode keys: the same hashes and the same filter bytes as Hadoop", arguments: [BloomFilterTypeCode.simple, .dynamicV0])
    func randomKeys(_ type: BloomFilterTypeCode) throws {
        var random = SystemRandomNumberGenerator()
        let keys = (0..<3000).map { _ in HadoopBloomOracle.randomKey(using: &random) }
        // Dynamic: 500-key rows, so 3,000 keys make 6 rows (Hadoop's filter is unbounded; Hudi's bound is above).
        let entries = type == .simple ? 60_000 : 500
        var filter = try HoodieBloomFilter(typeCode: type, numEntries: entries, errorRate: 0.000000001, maxNumberOfEntries: 100_000)
        for key in keys { filter.add(key) }
        let lines = try HadoopBloomOracle.run(type, vectorSize: filter.vectorSize, hashCount: filter.hashCount, rowKeys: entries, keys: keys)
        let sameFilter = lines.first == filter.serializeToString() // compared apart: the strings are long
        #expect(sameFilter, "filter bytes differ from Hadoop's")
        for (key, line) in zip(keys, lines.dropFirst()) {
            let hashes = Array(key.utf8).withUnsafeBufferPointer { "\(MurmurHash.hash($0, seed: 0)) \(MurmurHash.hash($0, seed: 12345))" }
            #expect(hashes == line, "\(key.unicodeScalars.map(\.value))")
        }
    }
}

enum HadoopBloomOracle {
    static let classPath: String? = {
        guard let path = ProcessInfo.processInfo.environment["SLUICE_HADOOP_CLASSPATH"], !path.isEmpty else { return nil }
        return path
    }()

    /// 1 to 40 scalars from ASCII, Latin, CJK, U+E000...U+FFFF and the supplementary planes; no line breaks.
    static func randomKey(using random: inout SystemRandomNumberGenerator) -> String {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x7FF, 0x4E00...0x9FFF, 0xE000...0xFFFD, 0x10000...0x10FFFF]
        var key = ""
        for _ in 0..<Int.random(in: 1...40, using: &random) {
            let range = ranges.randomElement(using: &random)!
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) { key.unicodeScalars.append(scalar) }
        }
        return key.isEmpty ? "k" : key
    }

    /// The filter's base64 on the first line, then per key Murmur hashes for seeds 0 and 12345.
    static let source = """
        import java.io.*;
        import java.nio.charset.StandardCharsets;
        import java.util.*;
        import org.apache.hadoop.util.bloom.*;
        import org.apache.hadoop.util.hash.Hash;

        public class HadoopBloomOracle {
          public static void main(String[] args) throws Exception {
            int vectorSize = Integer.parseInt(args[1]), nbHash = Integer.parseInt(args[2]);
            Filter filter = args[0].equals("simple")
                ? new BloomFilter(vectorSize, nbHash, Hash.MURMUR_HASH)
                : new DynamicBloomFilter(vectorSize, nbHash, Hash.MURMUR_HASH, Integer.parseInt(args[3]));
            BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(args[4]), StandardCharsets.UTF_8));
            List<String> keys = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) keys.add(line);
            for (String k : keys) filter.add(new Key(k.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            filter.write(new DataOutputStream(bytes));
            System.out.println(Base64.getEncoder().encodeToString(bytes.toByteArray()));
            Hash murmur = Hash.getInstance(Hash.MURMUR_HASH);
            for (String k : keys) {
              byte[] b = k.getBytes(StandardCharsets.UTF_8);
              System.out.println(murmur.hash(b, 0) + " " + murmur.hash(b, 12345));
            }
          }
        }
        """

    static func run(_ type: BloomFilterTypeCode, vectorSize: Int, hashCount: Int, rowKeys: Int, keys: [String]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-hadoop-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = directory.appendingPathComponent("HadoopBloomOracle.java")
        let keyFile = directory.appendingPathComponent("keys.txt")
        try source.write(to: program, atomically: true, encoding: .utf8)
        try keys.map { $0 + "\n" }.joined().write(to: keyFile, atomically: true, encoding: .utf8)
        let kind = type == .simple ? "simple" : "dynamic"
        let output = try HudiCorpus.run("/usr/bin/env", ["java", "-cp", classPath ?? "", program.path, kind, "\(vectorSize)", "\(hashCount)", "\(rowKeys)", keyFile.path])
        return output.split(separator: "\n").map(String.init)
    }
}
