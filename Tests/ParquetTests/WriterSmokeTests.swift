import Columnar
import Foundation
import Testing
@testable import Parquet

@Suite struct WriterSmokeTests {
    @Test func writesFileForExternalCheck() throws {
        let schema = Schema([
            Field("id", .int64, nullable: false),
            Field("name", .string),
            Field("tags", .list(Field("element", .int32))),
            Field("s", .structure([Field("a", .float64), Field("b", .list(Field("element", .string)))])),
            Field("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .int16))),
            Field("u", .uint64), Field("d", .decimal(precision: 25, scale: 3)), Field("n", .null),
        ])
        var cols = schema.fields.map { Vector.empty($0.type) }
        for i in 0..<1000 {
            cols[0].append(.int(Int64(i)))
            cols[1].append(i % 7 == 0 ? .null : .string("name\(i % 13)"))
            cols[2].append(i % 5 == 0 ? .null : .list((0..<(i % 4)).map { $0 == 1 ? .null : .int(Int64($0 * i)) }))
            cols[3].append(i % 9 == 0 ? .null : .structure([.float(Double(i) / 3), .list([.string("x\(i)"), .null])]))
            cols[4].append(i % 6 == 0 ? .null : .map([(key: .string("k\(i % 3)"), value: .int(Int64(i % 100)))]))
            cols[5].append(.uint(UInt64.max - UInt64(i)))
            cols[6].append(.decimal(Int128(i) * 1_000_000_000_000_000 - 5))
            cols[7].append(.null)
        }
        for version in [1, 2] {
            var options = ParquetWriteOptions()
            options.codec = .uncompressed
            options.dataPageVersion = version
            options.pageSize = 512
            options.rowGroupRows = 300
            options.writePageIndex = true
            options.writePageChecksum = true
            let path = "/tmp/pw/smoke-v\(version).parquet"
            let writer = try ParquetWriter(sink: try FileSink(path: path), schema: schema, options: options)
            try writer.write(columns: cols)
            let meta = try writer.close()
            #expect(meta.numRows == 1000)
        }
    }
}
