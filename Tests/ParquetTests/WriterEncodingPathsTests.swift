import Columnar
import Testing
@testable import Parquet

/// The writer's faster paths: a chunk whose values are nearly all distinct leaves its dictionary early (as
/// parquet-mr falls back after its first page); column chunks encoded on parallel threads give the same bytes;
/// footer entries can be set once the rows are known.
@Suite("Writer encoding paths")
struct WriterEncodingPathsTests {
    static let rows = 100_000

    static func table() -> (Schema, [Vector]) {
        let schema = Schema([Field("id", .int64), Field("comment", .string), Field("code", .int64), Field("clerk", .string)])
        var columns = schema.fields.map { Vector.empty($0.type) }
        for i in 0..<rows {
            columns[0].append(.int(Int64(i) * 7919))
            columns[1].append(i % 97 == 0 ? .null : .string("comment \(i) of the orders"))
            columns[2].append(.int(Int64(i % 50)))
            // 1,000 clerks: the first 32,768 values repeat a lot, so the dictionary stays.
            columns[3].append(.string("Clerk#\(i % 1000)"))
        }
        return (schema, columns)
    }

    static func dataPageEncodings(_ chunk: ColumnChunk) -> Set<Encoding> {
        Set((chunk.metaData?.encodingStats ?? []).filter { $0.pageType != .dictionaryPage }.map(\.encoding))
    }

    @Test("unique columns fall back to PLAIN after the sample, repetitive ones keep the dictionary; values read back")
    func fallback() throws {
        let (schema, columns) = Self.table()
        let bytes = try writeParquet(schema, columns)
        let reader = try ParquetFileReader(source: MemorySource(bytes))
        let chunks = reader.metadata.rowGroups[0].columns
        for unique in [0, 1] {
            // A dictionary page for the sampled values, then PLAIN pages for the rest.
            #expect(chunks[unique].metaData?.dictionaryPageOffset != nil)
            #expect(Self.dataPageEncodings(chunks[unique]).contains(.plain), "column \(unique)")
        }
        for repetitive in [2, 3] {
            #expect(Self.dataPageEncodings(chunks[repetitive]) == [.rleDictionary], "column \(repetitive)")
        }
        let read = try reader.readRowGroup(0)
        for c in columns.indices {
            #expect(read[c].count == Self.rows)
            for r in stride(from: 0, to: Self.rows, by: 997) { #expect(read[c].value(at: r) == columns[c].value(at: r)) }
        }
        // The fallback is per chunk: a second row group starts with a dictionary again.
        var options = ParquetWriteOptions()
        options.rowGroupRows = 60_000
        let split = try ParquetFileReader(source: MemorySource(try writeParquet(schema, columns, options: options)))
        #expect(split.metadata.rowGroups.count == 2)
        #expect(split.metadata.rowGroups.allSatisfy { $0.columns[0].metaData?.dictionaryPageOffset != nil })
    }

    @Test("parallel encoding writes the same bytes as encoding on one thread", arguments: [1, 2])
    func parallelEncoding(pageVersion: Int) throws {
        let (schema, columns) = Self.table()
        var options = ParquetWriteOptions()
        options.dataPageVersion = pageVersion
        options.rowGroupRows = 40_000
        options.pageSize = 64 << 10
        options.writePageIndex = true
        let serial = try writeParquet(schema, columns, options: options)
        options.parallelEncoding = true
        let parallel = try writeParquet(schema, columns, options: options)
        #expect(parallel == serial)
        let reader = try ParquetFileReader(source: MemorySource(parallel))
        #expect(reader.metadata.rowGroups.count == 3)
    }

    @Test("footer key-value metadata set after the rows are written reaches the footer")
    func lateKeyValueMetadata() throws {
        var options = ParquetWriteOptions()
        options.keyValueMetadata = [KeyValue(key: "early", value: "1")]
        let writer = try ParquetWriter(sink: MemorySink(), schema: Schema([Field("x", .int32)]), options: options)
        try writer.write(columns: [Vector(type: .int32, values: [.int(1), .int(2)])])
        writer.keyValueMetadata = [KeyValue(key: "late", value: "2")] + writer.keyValueMetadata
        try writer.close()
        let reader = try ParquetFileReader(source: MemorySource((writer.sink as! MemorySink).bytes))
        #expect(reader.metadata.keyValueMetadata == [KeyValue(key: "late", value: "2"), KeyValue(key: "early", value: "1")])
    }
}
