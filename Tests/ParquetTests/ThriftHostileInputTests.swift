import Testing
@testable import Parquet

/// Untrusted bytes must throw `.corrupt`, never trap or allocate without bound.
@Suite struct ThriftHostileInputTests {
    @Test func truncatedFileMetaDataThrowsAtEveryLength() throws {
        let bytes = CompactWriter.encode(ThriftMetadataTests.sampleFileMetaData())
        for length in 0..<bytes.count {
            let error = #expect(throws: ParquetError.self) {
                try CompactReader.decode(FileMetaData.self, from: Array(bytes[0..<length]))
            }
            #expect(error?.code == .corrupt)
        }
    }

    @Test func truncatedPageHeaderThrowsAtEveryLength() throws {
        var header = PageHeader()
        var d = DataPageHeader()
        d.statistics = ThriftMetadataTests.sampleStatistics()
        header.dataPageHeader = d
        let bytes = CompactWriter.encode(header)
        for length in 0..<bytes.count {
            #expect(throws: ParquetError.self) { try CompactReader.decode(PageHeader.self, from: Array(bytes[0..<length])) }
        }
    }

    /// Every single-byte corruption either decodes or throws; none may trap.
    @Test func bitFlipsNeverTrap() {
        let bytes = CompactWriter.encode(ThriftMetadataTests.sampleFileMetaData())
        for index in bytes.indices {
            for flip: UInt8 in [0x01, 0x10, 0x80, 0xFF] {
                var corrupt = bytes
                corrupt[index] ^= flip
                _ = try? CompactReader.decode(FileMetaData.self, from: corrupt)
            }
        }
    }

    @Test func hugeBinaryLengthIsRejected() {
        // SchemaElement { 4: name with length 2^40 }
        var writer = CompactWriter()
        writer.writeFieldHeader(4, .binary)
        writer.writeVarint(1 << 40)
        writer.bytes += [0x61, 0x00]
        let error = #expect(throws: ParquetError.self) { try CompactReader.decode(SchemaElement.self, from: writer.bytes) }
        #expect(error?.message.contains("exceeds") == true)
    }

    @Test func hugeListCountIsRejected() {
        // FileMetaData { 2: list<struct> of 2^31 elements }
        var writer = CompactWriter()
        writer.writeFieldHeader(2, .list)
        writer.writeListHeader(.struct, count: 1 << 31)
        writer.bytes += [0x00, 0x00]
        #expect(throws: ParquetError.self) { try CompactReader.decode(FileMetaData.self, from: writer.bytes) }
    }

    @Test func hugeMapInUnknownFieldIsRejected() {
        var writer = CompactWriter()
        writer.writeFieldHeader(40, .map)
        writer.writeVarint(UInt64(Int32.max))
        writer.bytes += [0x55, 0x00]
        #expect(throws: ParquetError.self) { try CompactReader.decode(Statistics.self, from: writer.bytes) }
    }

    @Test(arguments: [CompactType.struct, .list, .map])
    func deepNestingIsBounded(kind: CompactType) {
        // An unknown field nested 100000 levels deep: must fail on the depth bound, not the stack.
        var bytes: [UInt8] = []
        let depth = 100_000
        switch kind {
        case .struct:
            bytes = [0x0C] + Array(repeating: 0x1C, count: depth) + Array(repeating: 0x00, count: depth + 2)
        case .list:
            bytes = [0x09] + Array(repeating: 0x19, count: depth) + [0x00, 0x00]
        default:
            bytes = [0x0B] + Array(repeating: [0x01, 0xBB], count: depth).flatMap { $0 } + [0x00]
        }
        bytes.insert(contentsOf: [0x28], at: 1)  // long-form field id 20 for the first header
        let error = #expect(throws: ParquetError.self) { try CompactReader.decode(Statistics.self, from: bytes) }
        #expect(error?.message.contains("nested deeper than") == true)
    }

    @Test func unknownWireTypeIsRejected() {
        #expect(throws: ParquetError.self) { try CompactReader.decode(Statistics.self, from: [0x1D, 0x00]) }
        #expect(throws: ParquetError.self) { try CompactReader.decode(Statistics.self, from: [0x29, 0x0D, 0x00]) }
    }

    @Test func errorsNameTheStructPathAndOffset() {
        var m = ThriftMetadataTests.sampleFileMetaData()
        m.rowGroups[0].columns[1].metaData?.numValues = -5
        let bytes = CompactWriter.encode(m)
        let error = #expect(throws: ParquetError.self) { try CompactReader.decode(FileMetaData.self, from: bytes, baseOffset: 1000) }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("FileMetaData field 4: RowGroup field 1: ColumnChunk field 3: ColumnMetaData field 5: negative num_values -5 at byte offset "))
        let offset = Int(message.split(separator: " ").last ?? "") ?? 0
        #expect(offset > 1000 && offset < 1000 + bytes.count)
    }

    /// Random byte mutations of real footers (deterministic xorshift): decode or throw, never trap.
    @Test(.enabled(if: ParquetTestingCorpus.available),
          arguments: ["data/alltypes_tiny_pages.parquet", "data/nested_structs.rust.parquet",
                      "data/geospatial/geospatial.parquet", "data/column_chunk_key_value_metadata.parquet"])
    func mutatedCorpusFootersNeverTrap(file: String) throws {
        let bytes = try ParquetTestingCorpus.source(file).bytes
        let length = Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8 | Int(bytes[bytes.count - 6]) << 16
        let footer = Array(bytes[(bytes.count - 8 - length)..<(bytes.count - 8)])
        _ = try Footer.decode(footer)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        var failures = 0
        for _ in 0..<min(3000, 2_000_000 / footer.count) {  // bounded work per file in debug builds
            var mutated = footer
            for _ in 0..<(1 + Int(next() % 4)) {
                mutated[Int(next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: next())
            }
            do { _ = try Footer.decode(mutated) } catch let error as ParquetError {
                #expect(error.code == .corrupt)
                failures += 1
            }
        }
        #expect(failures > 0)
    }
}
