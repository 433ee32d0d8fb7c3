import Foundation
import Testing
@testable import Parquet
import TestSupport

/// The apache/parquet-testing corpus in the shared folder (`../shared` next to the package, or further up
/// for worktrees), with its expected-JSON summaries.
enum ParquetTestingCorpus {
    static let root: URL? = SharedCorpus.has("parquet/parquet-testing") ? SharedCorpus.url("parquet") : nil

    static var available: Bool { root != nil }

    /// Relative paths ("data/x.parquet", "bad_data/y.parquet") of every Parquet file, sorted.
    static let files: [String] = {
        guard let base = root?.appendingPathComponent("parquet-testing"),
              let walker = FileManager.default.enumerator(atPath: base.path)
        else { return [] }
        return walker.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".parquet") || $0.hasSuffix(".parquet.encrypted") }
            .sorted()
    }()

    /// The parts of an expected-JSON entry that the footer decides.
    struct Expected: Sendable {
        var tier = ""
        var metadataError = false
        var numRowGroups: Int?
        var rowGroupRows: [Int]?
        var footerNumRows: Int?
        var leafPaths: [String]?

        init() {}
        init(_ e: [String: Any]) {
            tier = e["tier"] as? String ?? ""
            metadataError = e["metadata_error"] != nil
            numRowGroups = e["num_row_groups"] as? Int
            rowGroupRows = e["row_group_rows"] as? [Int]
            footerNumRows = e["footer_num_rows"] as? Int
            leafPaths = e["leaf_paths"] as? [String]
        }
    }

    static let expected: [String: Expected] = {
        guard let url = root?.appendingPathComponent("parquet-testing.expected.json"),
              let data = try? Data(contentsOf: url),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = json["entries"] as? [[String: Any]]
        else { return [:] }
        var byFile: [String: Expected] = [:]
        for entry in entries { if let file = entry["file"] as? String { byFile[file] = Expected(entry) } }
        return byFile
    }()

    static func source(_ file: String) throws -> MemorySource {
        let url = root!.appendingPathComponent("parquet-testing").appendingPathComponent(file)
        return MemorySource([UInt8](try Data(contentsOf: url)))
    }
}

@Suite(.enabled(if: ParquetTestingCorpus.available, "shared corpus/parquet/parquet-testing not found: corpus tests skipped"))
struct FooterCorpusTests {
    @Test func corpusIsComplete() {
        #expect(ParquetTestingCorpus.files.count >= 80)
        #expect(ParquetTestingCorpus.expected.count >= 80)
    }

    @Test(arguments: ParquetTestingCorpus.files)
    func footer(file: String) throws {
        let entry = ParquetTestingCorpus.expected[file] ?? .init()
        let source = try ParquetTestingCorpus.source(file)
        if entry.tier == "unsupported-encryption" {
            try checkEncrypted(source, entry)
        } else if entry.tier == "bad", entry.metadataError {
            let error = #expect(throws: ParquetError.self) { try Footer.read(from: source) }
            #expect(error?.code == .corrupt)
            #expect(error?.message.contains("invalid physical type") == true, "\(error?.message ?? "")")
        } else {
            let metadata = try Footer.read(from: source)
            #expect(!metadata.isEncrypted)
            check(metadata, entry)
            // Our encoder writes everything we decoded: re-encoding and decoding gives the same metadata.
            #expect(try Footer.decode(CompactWriter.encode(metadata)) == metadata)
        }
    }

    /// PARE footers throw; plaintext footers parse but are flagged, and the flag turns into `.encrypted`.
    private func checkEncrypted(_ source: MemorySource, _ entry: ParquetTestingCorpus.Expected) throws {
        let metadata: FileMetaData
        do {
            metadata = try Footer.read(from: source)
        } catch let error as ParquetError {
            #expect(error.code == .encrypted)
            #expect(error.message == "encrypted footer (Parquet Modular Encryption) is not supported")
            return
        }
        #expect(metadata.hasEncryptionAlgorithm)
        #expect(metadata.rowGroups.contains { $0.columns.contains(where: \.isEncrypted) })
        let error = #expect(throws: ParquetError.self) { try metadata.requireUnencrypted() }
        #expect(error?.code == .encrypted)
        #expect(metadata.rowGroups.count == entry.numRowGroups)
    }

    private func check(_ metadata: FileMetaData, _ entry: ParquetTestingCorpus.Expected) {
        #expect(entry.numRowGroups != nil, "no expected summary")
        if let groups = entry.numRowGroups { #expect(metadata.rowGroups.count == groups) }
        if let rows = entry.rowGroupRows { #expect(metadata.rowGroups.map { Int($0.numRows) } == rows) }
        if let footerRows = entry.footerNumRows { #expect(metadata.numRows == Int64(footerRows)) }
        guard let leaves = entry.leafPaths else { return }
        #expect(Self.schemaLeafPaths(metadata.schema) == leaves)
        for group in metadata.rowGroups {
            let paths = group.columns.map { $0.metaData?.pathInSchema.joined(separator: ".") ?? "<no metadata>" }
            // bad_data/ARROW-GH-41317 has a corrupted path_in_schema byte ("timestampWus_no_tz"); the reader
            // takes leaf paths from the schema.
            if entry.tier != "bad" { #expect(paths == leaves) }
        }
    }

    /// Dotted paths of the schema's leaves, depth-first.
    static func schemaLeafPaths(_ schema: [SchemaElement]) -> [String] {
        var paths: [String] = []
        var stack: [(name: String, remaining: Int)] = []
        for (index, element) in schema.enumerated() {
            while let last = stack.last, last.remaining == 0 { stack.removeLast() }
            if !stack.isEmpty { stack[stack.count - 1].remaining -= 1 }
            let children = Int(element.numChildren ?? 0)
            if index > 0 && (element.type != nil || children == 0) {
                paths.append((stack.dropFirst().map(\.name) + [element.name]).joined(separator: "."))
            } else {
                stack.append((element.name, children))
            }
        }
        return paths
    }

    /// Footers with no fields we drop re-serialize byte for byte (field order, delta ids, list headers, bools).
    @Test(arguments: ["data/alltypes_tiny_pages.parquet", "data/byte_array_decimal.parquet",
                      "data/data_index_bloom_encoding_stats.parquet", "data/datapage_v2.snappy.parquet",
                      "data/nested_lists.snappy.parquet"])
    func footerReserializesByteForByte(file: String) throws {
        let source = try ParquetTestingCorpus.source(file)
        let serialized = Footer.serialize(try Footer.read(from: source))
        #expect(Array(source.bytes.suffix(serialized.count)) == serialized)
    }

    @Test func serializeThenReadRoundTrips() throws {
        let original = try Footer.read(from: ParquetTestingCorpus.source("data/alltypes_plain.parquet"))
        let file = Array("PAR1".utf8) + Footer.serialize(original)
        #expect(try Footer.read(from: MemorySource(file)) == original)
    }
}

@Suite struct FooterTests {
    static func file(_ metadata: [UInt8], tail: String = "PAR1", head: String = "PAR1") -> [UInt8] {
        var bytes = Array(head.utf8) + metadata
        withUnsafeBytes(of: UInt32(metadata.count).littleEndian) { bytes += $0 }
        return bytes + Array(tail.utf8)
    }

    @Test func serializeLayout() throws {
        var m = FileMetaData()
        m.numRows = 3
        let bytes = Footer.serialize(m)
        let body = CompactWriter.encode(m)
        #expect(bytes == body + [UInt8(body.count), 0, 0, 0] + Array("PAR1".utf8))
        #expect(try Footer.read(from: MemorySource(Array("PAR1".utf8) + bytes)) == m)
    }

    @Test func rejectsShortFilesAndMissingMagic() {
        let tiny = #expect(throws: ParquetError.self) { try Footer.read(from: MemorySource(Array("PAR1PAR1".utf8))) }
        #expect(tiny?.code == .notParquet)
        let body = CompactWriter.encode(FileMetaData())
        let noTail = #expect(throws: ParquetError.self) { try Footer.read(from: MemorySource(Self.file(body, tail: "PAR2"))) }
        #expect(noTail?.code == .notParquet)
        let noHead = #expect(throws: ParquetError.self) { try Footer.read(from: MemorySource(Self.file(body, head: "XXXX"))) }
        #expect(noHead?.code == .notParquet)
    }

    @Test func encryptedFooterMagic() {
        let error = #expect(throws: ParquetError.self) {
            try Footer.read(from: MemorySource(Self.file([1, 2, 3, 4], tail: "PARE", head: "PARE")))
        }
        #expect(error?.code == .encrypted)
    }

    @Test func footerLengthBeyondFileIsCorrupt() {
        var bytes = Self.file(CompactWriter.encode(FileMetaData()))
        bytes[bytes.count - 8] = 0xFF
        let error = #expect(throws: ParquetError.self) { try Footer.read(from: MemorySource(bytes)) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("footer length") == true)
    }

    @Test func emptyFooterIsCorrupt() {
        let error = #expect(throws: ParquetError.self) { try Footer.read(from: MemorySource(Self.file([]))) }
        #expect(error?.code == .corrupt)
    }
}
