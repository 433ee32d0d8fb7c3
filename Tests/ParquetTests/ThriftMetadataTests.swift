import Testing
@testable import Parquet

/// Round trips of every parquet.thrift struct, and the decoding rules that are easy to get wrong.
@Suite struct ThriftMetadataTests {
    static func roundTrip<T: ThriftStruct & Equatable>(_ value: T) throws -> T {
        let bytes = CompactWriter.encode(value)
        let (decoded, length) = try CompactReader.decode(T.self, from: bytes)
        #expect(length == bytes.count)
        return decoded
    }

    static func sampleStatistics() -> Statistics {
        var s = Statistics()
        s.max = [9]
        s.min = [1]
        s.nullCount = 0
        s.distinctCount = 12
        s.maxValue = [0xFF, 0x7F]
        s.minValue = []
        s.isMaxValueExact = false
        s.isMinValueExact = true
        s.nanCount = 3
        return s
    }

    static func sampleFileMetaData() -> FileMetaData {
        var m = FileMetaData()
        m.version = 2
        var root = SchemaElement()
        root.name = "schema"
        root.numChildren = 2
        var a = SchemaElement()
        a.name = "a"
        a.type = .fixedLenByteArray
        a.typeLength = 16
        a.repetitionType = .optional
        a.convertedType = .decimal
        a.scale = 2
        a.precision = 30
        a.fieldID = 7
        a.logicalType = .decimal(scale: 2, precision: 30)
        var b = SchemaElement()
        b.name = "b"
        b.type = .int64
        b.repetitionType = .required
        b.logicalType = .timestamp(isAdjustedToUTC: true, unit: .nanos)
        m.schema = [root, a, b]
        m.numRows = 1_000_000_000_000
        var chunk = ColumnChunk()
        chunk.fileOffset = 4
        chunk.offsetIndexOffset = 1000
        chunk.offsetIndexLength = 20
        chunk.columnIndexOffset = 1020
        chunk.columnIndexLength = 30
        var cmd = ColumnMetaData()
        cmd.type = .fixedLenByteArray
        cmd.encodings = [.plain, .rle, .rleDictionary, Encoding(rawValue: 42)]
        cmd.pathInSchema = ["a"]
        cmd.codec = .zstd
        cmd.numValues = 100
        cmd.totalUncompressedSize = 2000
        cmd.totalCompressedSize = 1500
        cmd.keyValueMetadata = [KeyValue(key: "k", value: nil), KeyValue(key: "k2", value: "v")]
        cmd.dataPageOffset = 40
        cmd.indexPageOffset = 30
        cmd.dictionaryPageOffset = 4
        cmd.statistics = sampleStatistics()
        cmd.encodingStats = [PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1)]
        cmd.bloomFilterOffset = 900
        cmd.bloomFilterLength = 64
        chunk.metaData = cmd
        var group = RowGroup()
        group.columns = [chunk, chunk]
        group.totalByteSize = 3000
        group.numRows = 100
        group.sortingColumns = [SortingColumn(columnIdx: 1, descending: true, nullsFirst: false)]
        group.fileOffset = 4
        group.totalCompressedSize = 2500
        group.ordinal = 0
        m.rowGroups = [group]
        m.keyValueMetadata = [KeyValue(key: "ARROW:schema", value: "xyz")]
        m.createdBy = "sluice"
        m.columnOrders = [.typeDefinedOrder, .ieee754TotalOrder]
        return m
    }

    @Test func fileMetaDataRoundTrip() throws {
        let m = Self.sampleFileMetaData()
        #expect(try Self.roundTrip(m) == m)
    }

    @Test(arguments: [
        LogicalType.string, .map, .list, .enumeration, .decimal(scale: 3, precision: 9), .date,
        .time(isAdjustedToUTC: false, unit: .millis), .time(isAdjustedToUTC: true, unit: .micros),
        .timestamp(isAdjustedToUTC: false, unit: .nanos), .integer(bitWidth: 8, isSigned: false),
        .integer(bitWidth: 64, isSigned: true), .unknown, .json, .bson, .uuid, .float16, .other(fieldID: 16),
    ])
    func logicalTypeRoundTrip(type: LogicalType) throws {
        #expect(try Self.roundTrip(type) == type)
    }

    @Test func decimalFieldOrderIsScaleThenPrecision() throws {
        // LogicalType { 5: DecimalType { 1: scale = 2, 2: precision = 10 } }
        let bytes: [UInt8] = [0x5C, 0x15, 0x04, 0x15, 0x14, 0x00, 0x00]
        #expect(try CompactReader.decode(LogicalType.self, from: bytes).value == .decimal(scale: 2, precision: 10))
    }

    @Test func unknownLogicalTypeMemberIsSkippedRecursively() throws {
        // LogicalType { 17: GeometryType { 1: crs = "OGC:CRS84", 2: list<i32> [1, 2] } }
        var writer = CompactWriter()
        writer.writeStruct { w in
            w.writeStructField(17) { w in
                w.write(1, string: "OGC:CRS84")
                w.write(2, i32s: [1, 2])
            }
        }
        let (type, length) = try CompactReader.decode(LogicalType.self, from: writer.bytes)
        #expect(type == .other(fieldID: 17))
        #expect(length == writer.bytes.count)
    }

    @Test func unknownTimeUnitMakesTheTypeUnknown() throws {
        var writer = CompactWriter()
        writer.writeStruct { w in
            w.writeStructField(8) { w in
                w.write(1, bool: true)
                w.writeStructField(2) { $0.writeEmptyStruct(9) }
            }
        }
        #expect(try CompactReader.decode(LogicalType.self, from: writer.bytes).value == .other(fieldID: 8))
    }

    @Test func emptyUnionIsCorrupt() {
        #expect(throws: ParquetError.self) { try CompactReader.decode(LogicalType.self, from: [0x00]) }
        #expect(throws: ParquetError.self) { try CompactReader.decode(ColumnOrder.self, from: [0x00]) }
    }

    @Test(arguments: [ColumnOrder.typeDefinedOrder, .ieee754TotalOrder, .int96TimestampOrder, .other(fieldID: 9)])
    func columnOrderRoundTrip(order: ColumnOrder) throws {
        #expect(try Self.roundTrip(order) == order)
    }

    @Test func pageHeadersRoundTrip() throws {
        var v1 = PageHeader()
        v1.uncompressedPageSize = 100
        v1.compressedPageSize = 80
        v1.crc = -123456
        var d = DataPageHeader()
        d.numValues = 10
        d.encoding = .rleDictionary
        d.definitionLevelEncoding = .rle
        d.repetitionLevelEncoding = .bitPacked
        d.statistics = Self.sampleStatistics()
        v1.dataPageHeader = d
        #expect(try Self.roundTrip(v1) == v1)

        var v2 = PageHeader()
        v2.type = .dataPageV2
        var h2 = DataPageHeaderV2()
        h2.numValues = 5
        h2.numNulls = 1
        h2.numRows = 4
        h2.encoding = .deltaBinaryPacked
        h2.definitionLevelsByteLength = 3
        h2.repetitionLevelsByteLength = 2
        h2.isCompressed = false
        v2.dataPageHeaderV2 = h2
        #expect(try Self.roundTrip(v2) == v2)

        var dict = PageHeader()
        dict.type = .dictionaryPage
        var dh = DictionaryPageHeader()
        dh.numValues = 7
        dh.isSorted = true
        dict.dictionaryPageHeader = dh
        #expect(try Self.roundTrip(dict) == dict)
    }

    @Test func dataPageV2IsCompressedDefaultsToTrue() throws {
        var writer = CompactWriter()
        writer.writeStruct { w in
            for id: Int16 in 1...6 { w.write(id, i32: 0) }
        }
        #expect(try CompactReader.decode(DataPageHeaderV2.self, from: writer.bytes).value.isCompressed == true)
    }

    @Test func pageIndexAndBloomHeaderRoundTrip() throws {
        var ci = ColumnIndex()
        ci.nullPages = [false, true, false]
        ci.minValues = [[1], [], [3]]
        ci.maxValues = [[2], [], [4, 5]]
        ci.boundaryOrder = .ascending
        ci.nullCounts = [0, 10, 2]
        ci.definitionLevelHistograms = [1, 2, 3, 4, 5, 6]
        #expect(try Self.roundTrip(ci) == ci)

        var oi = OffsetIndex()
        oi.pageLocations = (0..<20).map { PageLocation(offset: 4 + Int64($0) * 100, compressedPageSize: 100, firstRowIndex: Int64($0) * 10) }
        oi.unencodedByteArrayDataBytes = [5, 6]
        #expect(try Self.roundTrip(oi) == oi)

        let bloom = BloomFilterHeader(numBytes: 1024)
        let bytes = CompactWriter.encode(bloom)
        #expect(bytes == [0x15, 0x80, 0x10, 0x1C, 0x1C, 0x00, 0x00, 0x1C, 0x1C, 0x00, 0x00, 0x1C, 0x1C, 0x00, 0x00, 0x00])
        #expect(try Self.roundTrip(bloom) == bloom)
        var other = bloom
        other.hash = .other(fieldID: 2)
        #expect(try Self.roundTrip(other) == other)
    }

    @Test func columnIndexListsMustAgree() {
        var ci = ColumnIndex()
        ci.nullPages = [false, false]
        ci.minValues = [[1]]
        ci.maxValues = [[2], [3]]
        #expect(throws: ParquetError.self) { try Self.roundTrip(ci) }
    }

    @Test func invalidPhysicalTypeIsNamed() {
        var writer = CompactWriter()
        writer.writeStruct { w in
            w.write(1, i32: 1234)
            w.write(4, string: "x")
        }
        let error = #expect(throws: ParquetError.self) { try CompactReader.decode(SchemaElement.self, from: writer.bytes) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("invalid physical type 1234") == true)
    }

    @Test func negativeDictionaryNumValuesIsCorrupt() {
        var writer = CompactWriter()
        writer.writeStruct { w in
            w.write(1, i32: -26)
            w.write(2, i32: 0)
        }
        let error = #expect(throws: ParquetError.self) { try CompactReader.decode(DictionaryPageHeader.self, from: writer.bytes) }
        #expect(error?.message.contains("negative num_values -26") == true)
        #expect(error?.message.contains("byte offset 1") == true)
    }

    @Test func missingRequiredFieldIsNamed() {
        var writer = CompactWriter()
        writer.writeStruct { w in
            w.write(1, i32: 0)
            w.write(3, i32: 10)
        }
        let error = #expect(throws: ParquetError.self) { try CompactReader.decode(PageHeader.self, from: writer.bytes) }
        #expect(error?.message.contains("PageHeader is missing required field 2") == true)
    }

    @Test func unknownFieldsAreSkipped() throws {
        var writer = CompactWriter()
        writer.writeStruct { w in
            w.write(1, i32: 2)
            w.write(2, i32: 10)
            w.write(3, i32: 9)
            w.writeFieldHeader(6, .struct)                  // index_page_header: not kept
            w.writeStruct { _ in }
            w.writeStructField(30) { w in                   // unknown nested struct with every wire type
                w.write(1, double: 2.5)
                w.write(2, bools: [true, false])
                w.writeFieldHeader(3, .map)
                w.writeVarint(2)
                w.bytes.append(0x8C)                        // binary -> struct
                for key in ["a", "b"] {
                    w.writeString(key)
                    w.writeStruct { $0.write(1, bool: true) }
                }
                w.write(4, i8: 1)
                w.writeFieldHeader(5, .map)
                w.writeVarint(0)                            // empty map has no type byte
                w.writeFieldHeader(6, .set)
                w.writeListHeader(.list, count: 1)
                w.writeListHeader(.i16, count: 2)
                w.writeZigzag(1)
                w.writeZigzag(-1)
            }
            w.write(31, bool: false)
        }
        let header = try CompactReader.decode(PageHeader.self, from: writer.bytes)
        #expect(header.length == writer.bytes.count)
        #expect(header.value.type == .dictionaryPage)
        #expect(header.value.compressedPageSize == 9)
    }
}
