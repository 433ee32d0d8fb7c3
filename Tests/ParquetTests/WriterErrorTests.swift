import Columnar
import Foundation
import Testing
@testable import Parquet

/// Misuse and bad input throw ParquetError naming the column or option; nothing traps.
@Suite struct WriterErrorTests {
    private func expectError(_ code: ParquetError.Code, mentioning text: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected an error mentioning \(text)")
        } catch let error as ParquetError {
            #expect(error.code == code)
            #expect(error.message.contains(text), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func badOptions() {
        var options = ParquetWriteOptions()
        options.dataPageVersion = 3
        expectError(.invalidArgument, mentioning: "dataPageVersion") {
            _ = try ParquetWriter(sink: MemorySink(), schema: Schema([Field("a", .int32)]), options: options)
        }
        options = ParquetWriteOptions()
        options.codec = .lzo
        expectError(.invalidArgument, mentioning: "LZO") {
            _ = try ParquetWriter(sink: MemorySink(), schema: Schema([Field("a", .int32)]), options: options)
        }
    }

    @Test func columnMismatchesNameTheColumn() throws {
        let writer = try ParquetWriter(sink: MemorySink(), schema: Schema([Field("a", .int32), Field("b", .string)]))
        expectError(.invalidArgument, mentioning: "column b") {
            try writer.write(columns: [Vector(type: .int32, values: [.int(1)]), Vector(type: .int64, values: [.int(1)])])
        }
        expectError(.invalidArgument, mentioning: "2 fields") { try writer.write(columns: []) }
        expectError(.invalidArgument, mentioning: "column b") {
            try writer.write(columns: [Vector(type: .int32, values: [.int(1), .int(2)]), Vector(type: .string, values: [.string("x")])])
        }
    }

    @Test func nullInRequiredNestedField() throws {
        let field = Field("s", .structure([Field("x", .list(Field("element", .int32, nullable: false)))]))
        let writer = try ParquetWriter(sink: MemorySink(), schema: Schema([field]))
        expectError(.invalidArgument, mentioning: "s.x.element") {
            try writer.write(columns: [Vector(type: field.type, values: [.structure([.list([.int(1), .null])])])])
        }
    }

    @Test func narrowingOverflowNamesTheColumn() throws {
        let type = DataType.decimal(precision: 5, scale: 0)
        var v = Vector.empty(type)
        v.buffer.append(Int64(1) << 40)
        v.count = 1
        let writer = try ParquetWriter(sink: MemorySink(), schema: Schema([Field("d", type)]))
        expectError(.invalidArgument, mentioning: "column d") { try writer.write(columns: [v]) }
    }

    @Test func selectionOutOfRangeAndUseAfterClose() throws {
        let schema = Schema([Field("a", .int32)])
        let writer = try ParquetWriter(sink: MemorySink(), schema: schema)
        let batch = Batch(schema: schema, columns: [Vector(type: .int32, values: [.int(1)])], selection: SelectionVector([5]))
        expectError(.invalidArgument, mentioning: "selection row 5") { try writer.write(batch) }
        try writer.close()
        expectError(.invalidArgument, mentioning: "after close") { try writer.write(columns: [Vector(type: .int32, values: [])]) }
    }

    @Test func fileSinkReportsThePath() {
        expectError(.io, mentioning: "/nonexistent-dir/x.parquet") { _ = try FileSink(path: "/nonexistent-dir/x.parquet") }
    }

    @Test func keyValueMetadataAndCreatedBy() throws {
        var options = ParquetWriteOptions()
        options.keyValueMetadata = [KeyValue(key: "origin", value: "test")]
        let bytes = try writeParquet(Schema([Field("a", .int32)]), [Vector(type: .int32, values: [.int(1)])], options: options)
        let reader = try ParquetFileReader(source: MemorySource(bytes))
        #expect(reader.metadata.keyValueMetadata == [KeyValue(key: "origin", value: "test")])
        #expect(reader.metadata.createdBy == "sluice version 0.1.0")
        #expect(reader.metadata.columnOrders == [.typeDefinedOrder])
    }
}
