import Testing
@testable import Parquet

@Suite struct StatisticsOrderTests {
    static func leaf(_ type: PhysicalType, logical: LogicalType? = nil, converted: ConvertedType? = nil) -> SchemaElement {
        var e = SchemaElement()
        e.name = "c"
        e.type = type
        e.logicalType = logical
        e.convertedType = converted
        return e
    }

    static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    @Test func unsignedIntegersCompareUnsigned() {
        var s = Statistics()
        s.minValue = Self.le(Int64(1))
        s.maxValue = Self.le(Int64(-1))
        for leaf in [Self.leaf(.int64, converted: .uint64), Self.leaf(.int64, logical: .integer(bitWidth: 64, isSigned: false))] {
            let r = s.interpreted(for: leaf, columnOrder: .typeDefinedOrder)
            #expect(r.min == .uint(1))
            #expect(r.max == .uint(UInt64.max))
        }
        var s32 = Statistics()
        s32.minValue = Self.le(Int32(5))
        s32.maxValue = Self.le(Int32(-2))
        let r = s32.interpreted(for: Self.leaf(.int32, converted: .uint32), columnOrder: nil)
        #expect(r.max == .uint(4_294_967_294))
        // The same bytes as signed would have min > max: unusable.
        #expect(s32.interpreted(for: Self.leaf(.int32), columnOrder: .typeDefinedOrder).min == nil)
    }

    @Test func deprecatedPairOnlyForSignedNumericColumns() {
        var s = Statistics()
        s.min = Self.le(Int32(-3))
        s.max = Self.le(Int32(7))
        let signed = s.interpreted(for: Self.leaf(.int32), columnOrder: nil)
        #expect(signed.min == .int(-3) && signed.max == .int(7))
        #expect(signed.isMinExact == nil)
        #expect(s.interpreted(for: Self.leaf(.int32, converted: .uint8), columnOrder: nil).min == nil)
        var strings = Statistics()
        strings.min = Array("a".utf8)
        strings.max = [0xC3, 0xA9]
        #expect(strings.interpreted(for: Self.leaf(.byteArray, logical: .string), columnOrder: .typeDefinedOrder).max == nil)
    }

    @Test func newPairWinsOverDeprecatedPair() {
        var s = Statistics()
        s.min = Array("é".utf8)
        s.max = Array("a".utf8)
        s.minValue = Array("a".utf8)
        s.maxValue = Array("é".utf8)
        s.isMaxValueExact = false
        let r = s.interpreted(for: Self.leaf(.byteArray, logical: .string), columnOrder: .typeDefinedOrder)
        #expect(r.min == .bytes(Array("a".utf8)))
        #expect(r.max == .bytes(Array("é".utf8)))
        #expect(r.isMaxExact == false)
        #expect(r.isMinExact == nil)
    }

    @Test func nanBoundsAreDroppedAndZerosWidened() {
        var s = Statistics()
        s.minValue = Self.le(Double(0).bitPattern)
        s.maxValue = Self.le(Double.nan.bitPattern)
        let r = s.interpreted(for: Self.leaf(.double), columnOrder: .typeDefinedOrder)
        #expect(r.max == nil)
        guard case .double(let d)? = r.min else { Issue.record("no min"); return }
        #expect(d == 0 && d.sign == .minus)
        var f = Statistics()
        f.minValue = Self.le(Float(-1.5).bitPattern)
        f.maxValue = Self.le((-Float(0)).bitPattern)
        let rf = f.interpreted(for: Self.leaf(.float), columnOrder: nil)
        #expect(rf.min == .double(-1.5))
        guard case .double(let m)? = rf.max else { Issue.record("no max"); return }
        #expect(m == 0 && m.sign == .plus)
    }

    @Test func int96OnlyUnderInt96TimestampOrder() {
        var s = Statistics()
        s.minValue = Self.le(Int64(5)) + Self.le(Int32(2_440_588))
        s.maxValue = Self.le(Int64(1)) + Self.le(Int32(2_440_589))
        let leaf = Self.leaf(.int96)
        #expect(s.interpreted(for: leaf, columnOrder: .typeDefinedOrder).min == nil)
        #expect(s.interpreted(for: leaf, columnOrder: nil).min == nil)
        let r = s.interpreted(for: leaf, columnOrder: .int96TimestampOrder)
        #expect(r.min == .int96(nanosOfDay: 5, julianDay: 2_440_588))
        #expect(r.max == .int96(nanosOfDay: 1, julianDay: 2_440_589))
    }

    @Test func undefinedAndUnknownOrdersGiveNoBounds() {
        var s = Statistics()
        s.minValue = [1]
        s.maxValue = [2]
        s.nullCount = 4
        #expect(s.interpreted(for: Self.leaf(.byteArray), columnOrder: .other(fieldID: 7)).min == nil)
        #expect(s.interpreted(for: Self.leaf(.fixedLenByteArray, converted: .interval), columnOrder: nil).min == nil)
        #expect(s.interpreted(for: Self.leaf(.byteArray, logical: .other(fieldID: 16)), columnOrder: nil).min == nil)
        #expect(s.interpreted(for: Self.leaf(.byteArray), columnOrder: .other(fieldID: 7)).nullCount == 4)
        #expect(Statistics().interpreted(for: Self.leaf(.int32), columnOrder: nil).nullCount == nil)
    }

    @Test func decimalBytesCompareByValue() {
        let cases: [([UInt8], [UInt8], Int)] = [
            ([0xFF], [0x00], -1), ([0x80, 0x00], [0xFF], -1), ([0x01, 0x00], [0x7F], 1), ([0xFF, 0xFF], [0xFF], 0),
            ([0x00, 0x05], [0x05], 0),
        ]
        for (a, b, expected) in cases {
            #expect(StatisticsValue.decimalBytes(a).compare(to: .decimalBytes(b)) == expected)
        }
        var s = Statistics()
        s.minValue = [0xFF, 0x38]  // -200
        s.maxValue = [0x64]        // 100
        let r = s.interpreted(for: Self.leaf(.byteArray, logical: .decimal(scale: 0, precision: 5)), columnOrder: nil)
        #expect(r.min == .decimalBytes([0xFF, 0x38]))
        #expect(StatisticsValue.bytes([0x80]).compare(to: .bytes([0x7F])) == 1)
        #expect(StatisticsValue.bytes([1]).compare(to: .bytes([1, 0])) == -1)
        #expect(StatisticsValue.int(1).compare(to: .uint(1)) == nil)
    }

    @Test func float16Bounds() {
        var s = Statistics()
        s.minValue = [0x00, 0xBC]  // -1.0
        s.maxValue = [0x00, 0x7E]  // NaN
        let r = s.interpreted(for: Self.leaf(.fixedLenByteArray, logical: .float16), columnOrder: .typeDefinedOrder)
        #expect(r.min == .double(-1))
        #expect(r.max == nil)
        #expect(Statistics.halfToDouble(0x3C00) == 1)
        #expect(Statistics.halfToDouble(0x0001) == 0x1p-24)
        #expect(Statistics.halfToDouble(0x7BFF) == 65504)
    }
}

@Suite(.enabled(if: ParquetTestingCorpus.available, "shared corpus/parquet/parquet-testing not found: corpus tests skipped"))
struct StatisticsCorpusTests {
    static func chunk(_ file: String, _ column: Int) throws -> (ColumnStatistics, FileMetaData) {
        let m = try Footer.read(from: ParquetTestingCorpus.source(file))
        let leaves = m.schema.filter { $0.type != nil }
        let stats = m.rowGroups[0].columns[column].metaData?.statistics ?? Statistics()
        return (stats.interpreted(for: leaves[column], columnOrder: m.columnOrder(leaf: column)), m)
    }

    @Test func nanMaxIsIgnored() throws {
        let (s, _) = try Self.chunk("data/nan_in_stats.parquet", 0)
        #expect(s.min == .double(1))
        #expect(s.max == nil)
        #expect(s.nullCount == 0)
    }

    @Test func ieeeTotalOrderAndTypeOrderColumns() throws {
        let (typed, m) = try Self.chunk("data/floating_orders_nan_count.parquet", 1)
        #expect(m.columnOrder(leaf: 0) == .ieee754TotalOrder)
        #expect(typed.min == .double(-2) && typed.max == .double(5))
    }

    @Test func truncatedBinaryBounds() throws {
        let (full, _) = try Self.chunk("data/binary_truncated_min_max.parquet", 0)
        #expect(full.min == .bytes(Array("Al".utf8)) && full.max == .bytes(Array("Kf".utf8)))
        #expect(full.isMinExact == false && full.isMaxExact == false)
        let (partial, _) = try Self.chunk("data/binary_truncated_min_max.parquet", 2)
        #expect(partial.max == .bytes(Array("🚀Kevin Bacon".utf8)))
        #expect(partial.isMinExact == false && partial.isMaxExact == true)
    }

    @Test func int96WithoutItsOrderHasNoBounds() throws {
        let (s, _) = try Self.chunk("data/int96_from_spark.parquet", 0)
        #expect(s.min == nil && s.max == nil)
        #expect(s.nullCount == 1)
    }
}
