import Columnar
import Testing
@testable import Parquet

/// Chunk statistics as written in the footer: order per type, NaN and zeros, truncation, null counts.
@Suite struct WriterStatisticsTests {
    private func statistics(_ type: DataType, _ values: [Value], truncate: Int? = 64) throws -> Statistics {
        let schema = Schema([Field("c", type)])
        var options = ParquetWriteOptions()
        options.statisticsTruncateLength = truncate
        let writer = try ParquetWriter(sink: MemorySink(), schema: schema, options: options)
        try writer.write(columns: [Vector(type: type, values: values)])
        let meta = try writer.close()
        return try #require(meta.rowGroups[0].columns[0].metaData?.statistics)
    }

    private func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    private func le(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }

    @Test func unsignedOrderAndNoDeprecatedPair() throws {
        let s = try statistics(.uint32, [.uint(1), .uint(0xFFFF_FFFF), .null, .uint(7)])
        #expect(s.minValue == le(UInt32(1)))
        #expect(s.maxValue == le(UInt32(0xFFFF_FFFF)))
        #expect(s.min == nil && s.max == nil)
        #expect(s.nullCount == 1)
        let u64 = try statistics(.uint64, [.uint(UInt64.max), .uint(0)])
        #expect(u64.maxValue == le(UInt64.max) && u64.minValue == le(UInt64(0)))
        let u8 = try statistics(.uint8, [.uint(200), .uint(3)])
        #expect(u8.maxValue == le(UInt32(200)) && u8.minValue == le(UInt32(3)))
    }

    @Test func signedOrderFillsBothPairs() throws {
        let s = try statistics(.int64, [.int(-5), .int(3), .int(Int64.min)])
        #expect(s.minValue == le(Int64.min) && s.maxValue == le(Int64(3)))
        #expect(s.min == s.minValue && s.max == s.maxValue)
        let date = try statistics(.date, [.int(-1), .int(10)])
        #expect(date.minValue == le(Int32(-1)) && date.maxValue == le(Int32(10)))
    }

    @Test func nanKeptOutAndZerosWidened() throws {
        let s = try statistics(.float64, [.float(.nan), .float(2.5), .float(-1), .float(.nan)])
        #expect(s.minValue == le(-1.0) && s.maxValue == le(2.5))
        let zeros = try statistics(.float64, [.float(0.0), .float(1.0)])
        #expect(zeros.minValue == le(-0.0))
        let negatives = try statistics(.float64, [.float(-2.0), .float(-0.0)])
        #expect(negatives.maxValue == le(0.0))
        let allNaN = try statistics(.float64, [.float(.nan), .null])
        #expect(allNaN.minValue == nil && allNaN.maxValue == nil && allNaN.nullCount == 1)
        let f32 = try statistics(.float32, [.float(.nan), .float(3), .float(-0.0)])
        #expect(f32.minValue == withUnsafeBytes(of: Float(-0.0).bitPattern) { Array($0) })
        #expect(f32.maxValue == withUnsafeBytes(of: Float(3).bitPattern) { Array($0) })
    }

    @Test func float16ComparesAsHalfFloats() throws {
        let s = try statistics(.float16, [.float(-2), .float(1.5), .float(.nan), .float(0)])
        #expect(s.minValue == le(Float16Bits.fromFloat(-2)))
        #expect(s.maxValue == le(Float16Bits.fromFloat(1.5)))
        #expect(s.min == nil)
    }

    @Test func flbaDecimalsCompareSigned() throws {
        let s = try statistics(.decimal(precision: 20, scale: 0), [.decimal(-1), .decimal(5), .decimal(-300)])
        // 9 bytes big-endian two's complement.
        #expect(s.minValue == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xD4])
        #expect(s.maxValue == [0, 0, 0, 0, 0, 0, 0, 0, 5])
    }

    @Test func stringsCompareByteWise() throws {
        let s = try statistics(.string, [.string("b"), .string("é"), .string("a"), .null, .null])
        #expect(s.minValue == Array("a".utf8) && s.maxValue == Array("é".utf8))
        #expect(s.min == nil && s.nullCount == 2)
        #expect(s.isMinValueExact == true && s.isMaxValueExact == true)
    }

    @Test func longBinaryBoundsTruncated() throws {
        let long = [UInt8](repeating: 0x61, count: 100) + [0x62]
        let s = try statistics(.binary, [.bytes(long), .bytes([0x61, 0x61, 0xFF, 0xFF] + long)], truncate: 8)
        #expect(s.minValue == [UInt8](repeating: 0x61, count: 8))
        #expect(s.isMinValueExact == false)
        // max = aa\xff\xff aaaa... -> first 8 bytes aa\xff\xffaaaa, last byte incremented.
        #expect(s.maxValue == [0x61, 0x61, 0xFF, 0xFF, 0x61, 0x61, 0x61, 0x62])
        #expect(s.isMaxValueExact == false)
        let ff = try statistics(.binary, [.bytes([UInt8](repeating: 0xFF, count: 20))], truncate: 8)
        #expect(ff.maxValue == [UInt8](repeating: 0xFF, count: 20) && ff.isMaxValueExact == true)
        let whole = try statistics(.binary, [.bytes(long)], truncate: nil)
        #expect(whole.minValue == long && whole.maxValue == long)
    }

    @Test func truncatedUpDropsTrailingFF() {
        #expect(StatisticsBuilder.truncatedUp([0x61, 0xFF, 0xFF, 0x00], 3) == [0x62])
        #expect(StatisticsBuilder.truncatedUp([0xFF, 0xFF], 1) == nil)
    }

    @Test func booleansAndNullColumn() throws {
        let b = try statistics(.boolean, [.bool(true), .bool(true)])
        #expect(b.minValue == [1] && b.maxValue == [1])
        let n = try statistics(.null, [.null, .null, .null])
        #expect(n.nullCount == 3 && n.minValue == nil)
    }

    @Test func pageStatisticsInHeadersMatchTheData() throws {
        let schema = Schema([Field("x", .int32, nullable: false)])
        var options = ParquetWriteOptions()
        options.pageSize = 64
        options.dictionary = false
        options.codec = .uncompressed
        let writer = try ParquetWriter(sink: MemorySink(), schema: schema, options: options)
        try writer.write(columns: [Vector(type: .int32, values: (0..<200).map { .int(Int64(1000 - $0)) })])
        let meta = try writer.close()
        let bytes = (writer.sink as! MemorySink).bytes
        var offset = Int(meta.rowGroups[0].columns[0].metaData!.dataPageOffset)
        var seen = 0
        while seen < 200 {
            let (header, length) = try CompactReader.decode(PageHeader.self, from: bytes, at: offset)
            let page = try #require(header.dataPageHeader)
            let n = Int(page.numValues)
            let stats = try #require(page.statistics)
            #expect(stats.maxValue == le(Int32(1000 - seen)))
            #expect(stats.minValue == le(Int32(1000 - seen - n + 1)))
            seen += n
            offset += length + Int(header.compressedPageSize)
        }
        #expect(seen == 200)
    }
}
