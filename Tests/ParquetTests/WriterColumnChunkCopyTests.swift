import Columnar
import Foundation
import Parquet
import Testing
import TestSupport

/// `ParquetWriter.appendRowGroup` writes row groups of column chunks copied from other files (dictionary or
/// PLAIN pages, another codec) between row groups it encodes; our reader, pyarrow and DuckDB read the rows.
@Suite("Writer, copied column chunks")
struct WriterColumnChunkCopyTests {
    static let schema = Schema([Field("id", .int64), Field("name", .string)])

    static func file(_ ids: Range<Int>, prefix: String, options: ParquetWriteOptions) throws -> [UInt8] {
        try writeParquet(schema, [Vector(type: .int64, values: ids.map { .int(Int64($0)) }),
                                  Vector(type: .string, values: ids.map { $0 % 7 == 0 ? .null : .string("\(prefix)-\($0 % 5)") })],
                         options: options)
    }

    static func rows(_ ids: Range<Int>, prefix: String) -> [[Value]] {
        ids.map { [.int(Int64($0)), $0 % 7 == 0 ? .null : .string("\(prefix)-\($0 % 5)")] }
    }

    @Test("copied chunks from dictionary and PLAIN files, between encoded rows, read back by every reader")
    func copies() throws {
        var plain = ParquetWriteOptions()
        plain.dictionary = false
        plain.codec = .uncompressed
        var grouped = ParquetWriteOptions()
        grouped.rowGroupRows = 300
        let a = try Self.file(0..<600, prefix: "a", options: grouped)
        let b = try Self.file(1000..<1300, prefix: "b", options: plain)
        let metaA = try ParquetFileReader(source: MemorySource(a)).metadata
        let metaB = try ParquetFileReader(source: MemorySource(b)).metadata
        let chunksA1 = try ColumnChunkCopy.chunks(of: a, metadata: metaA, rowGroup: 1)
        let chunksB = try ColumnChunkCopy.chunks(of: b, metadata: metaB, rowGroup: 0)

        let writer = try ParquetWriter(sink: MemorySink(), schema: Self.schema)
        try writer.write(columns: [Vector(type: .int64, values: [.int(-1)]), Vector(type: .string, values: [.string("first")])])
        // ids of A's second row group, names of B's only one: both 300 rows.
        try writer.appendRowGroup(rowCount: 300, chunks: [chunksA1[0], chunksB[1]])
        try writer.appendRowGroup(rowCount: 300, chunks: chunksB)
        try writer.close()
        let bytes = try #require(writer.sink as? MemorySink).bytes
        let expected = [[Value.int(-1), .string("first")]]
            + zip(Self.rows(300..<600, prefix: "a"), Self.rows(1000..<1300, prefix: "b")).map { [$0[0], $1[1]] }
            + Self.rows(1000..<1300, prefix: "b")
        let reader = try ParquetFileReader(source: MemorySource(bytes))
        #expect(reader.metadata.rowGroups.map(\.numRows) == [1, 300, 300])
        var read: [[Value]] = []
        var batches = reader.makeBatchIterator()
        while let batch = try batches.next() {
            read += (0..<batch.count).map { i in batch.columns.map { $0.value(at: i) } }
        }
        #expect(read == expected)
        // Statistics travel with the chunk.
        #expect(try reader.statistics(rowGroup: 1, column: 0) == ParquetFileReader(source: MemorySource(a)).statistics(rowGroup: 1, column: 0))
        if DevPython.available { try Self.otherReaders(bytes, expected: expected) }
    }

    /// pyarrow and DuckDB read the ids and names in order.
    static func otherReaders(_ bytes: [UInt8], expected: [[Value]]) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-chunk-copy-\(UUID().uuidString.prefix(8)).parquet")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let text = expected.map { row in
            let id = if case .int(let v) = row[0] { "\(v)" } else { "?" }
            let name = if case .string(let s) = row[1] { s } else { "None" }
            return "\(id):\(name)"
        }.joined(separator: ",")
        let pyarrow = try DevPython.output("""
            import pyarrow.parquet as pq
            t = pq.read_table('\(url.path)').to_pylist()
            print(','.join(f"{r['id']}:{r['name']}" for r in t))
            """)
        #expect(pyarrow == text)
        let duckdb = try DevPython.output("""
            import duckdb
            rows = duckdb.sql("select id, name from '\(url.path)'").fetchall()
            print(','.join(f"{i}:{n}" for i, n in rows))
            """)
        #expect(duckdb == text)
    }

    @Test("chunks of another type, path or row count are refused, as is a writer that writes a page index")
    func refusals() throws {
        let a = try Self.file(0..<100, prefix: "a", options: .init())
        let chunks = try ColumnChunkCopy.chunks(of: a, metadata: try ParquetFileReader(source: MemorySource(a)).metadata, rowGroup: 0)
        let writer = try ParquetWriter(sink: MemorySink(), schema: Self.schema)
        #expect(throws: ParquetError.self) { try writer.appendRowGroup(rowCount: 100, chunks: [chunks[1], chunks[0]]) }
        #expect(throws: ParquetError.self) { try writer.appendRowGroup(rowCount: 99, chunks: chunks) }
        #expect(throws: ParquetError.self) { try writer.appendRowGroup(rowCount: 100, chunks: [chunks[0]]) }
        var short = chunks
        short[1].pages.removeLast()
        #expect(throws: ParquetError.self) { try writer.appendRowGroup(rowCount: 100, chunks: short) }
        var indexed = ParquetWriteOptions()
        indexed.writePageIndex = true
        let other = try ParquetWriter(sink: MemorySink(), schema: Self.schema, options: indexed)
        #expect(throws: ParquetError.self) { try other.appendRowGroup(rowCount: 100, chunks: chunks) }
        var bad = chunks[0].metaData
        bad.totalCompressedSize = Int64(a.count)
        #expect(throws: ParquetError.self) { try ColumnChunkCopy.range(of: bad, fileSize: a.count) }
    }
}
