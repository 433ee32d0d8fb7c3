import Columnar
import Foundation
import Testing
@testable import Parquet
import TestSupport

/// `ParquetReadOptions.int96AsFixedBinary`: INT96 leaves as their raw 12 bytes, so values outside Int64
/// nanoseconds survive exactly; the default still decodes them to `timestamp(ns)`.
@Suite struct ReaderInt96Tests {
    static let file = SharedCorpus.path("parquet/parquet-testing/data/int96_from_spark.parquet")
    static let present = FileManager.default.fileExists(atPath: file)

    static func column(raw: Bool) throws -> Vector {
        var options = ParquetReadOptions()
        options.int96AsFixedBinary = raw
        let reader = try ParquetFileReader(source: try FileSource(path: file), options: options)
        var iterator = reader.makeBatchIterator()
        let batch = try #require(try iterator.next())
        return batch.columns[0]
    }

    @Test(.enabled(if: present)) func rawBytesKeepOutOfRangeValues() throws {
        let vector = try Self.column(raw: true)
        #expect(vector.type == .fixedBinary(12))
        #expect(vector.count == 6)
        // parquet-notes section 8: the sixth value is Julian day -105862232, nanos of day -32509551616000,
        // about 290,000 years before the epoch: no Int64 nanosecond form exists.
        let bytes = vector.buffer.bytes(5 * 12..<6 * 12)
        let nanos = bytes[0..<8].reversed().reduce(Int64(0)) { $0 << 8 | Int64($1) }
        let day = bytes[8..<12].reversed().reduce(Int32(0)) { $0 << 8 | Int32($1) }
        #expect(nanos == -32_509_551_616_000)
        #expect(day == -105_862_232)
    }

    @Test(.enabled(if: present)) func defaultDecodesToNanosecondTimestamps() throws {
        let vector = try Self.column(raw: false)
        #expect(vector.type == .timestamp(.nanosecond, utc: false))
        #expect(vector.buffer.count == 6 * 8)
    }

    @Test func schemaTypeFollowsTheOption() throws {
        let elements = message([primitive("t", .optional, .int96)], topLevel: 1)
        #expect(try ParquetSchema(elements: elements).columns[0].dataType == .timestamp(.nanosecond, utc: false))
        #expect(try ParquetSchema(elements: elements, int96AsFixedBinary: true).columns[0].dataType == .fixedBinary(12))
        #expect(try ParquetSchema(elements: elements, int96AsFixedBinary: true).schema.fields[0].type == .fixedBinary(12))
    }
}
