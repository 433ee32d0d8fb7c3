import Testing
@testable import Parquet

/// Reads with a `CompactReader` over `bytes`.
func withReader<T>(_ bytes: [UInt8], _ body: (inout CompactReader) throws -> T) throws -> T {
    try bytes.withUnsafeBytes { raw in
        var reader = CompactReader(raw)
        return try body(&reader)
    }
}

@Suite struct ThriftCompactTests {
    static let varints: [(UInt64, [UInt8])] = [
        (0, [0x00]), (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
        (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
        (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: varints)
    func varint(value: UInt64, encoded: [UInt8]) throws {
        var writer = CompactWriter()
        writer.writeVarint(value)
        #expect(writer.bytes == encoded)
        let (decoded, remaining) = try withReader(encoded) { r in (try r.readVarint(), r.remaining) }
        #expect(decoded == value)
        #expect(remaining == 0)
    }

    @Test func varintTooLongOrTruncatedThrows() {
        #expect(throws: ParquetError.self) { try withReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02]) { try $0.readVarint() } }
        #expect(throws: ParquetError.self) { try withReader(Array(repeating: 0x80, count: 11) + [0]) { try $0.readVarint() } }
        #expect(throws: ParquetError.self) { try withReader([0x80, 0x80]) { try $0.readVarint() } }
        #expect(throws: ParquetError.self) { try withReader([]) { try $0.readVarint() } }
    }

    static let zigzags: [(Int64, UInt64)] = [
        (0, 0), (-1, 1), (1, 2), (-2, 3), (2147483647, 4294967294), (-2147483648, 4294967295),
        (Int64.max, UInt64.max - 1), (Int64.min, UInt64.max),
    ]

    @Test(arguments: zigzags)
    func zigzag(value: Int64, zigzagged: UInt64) throws {
        var writer = CompactWriter()
        writer.writeZigzag(value)
        var plain = CompactWriter()
        plain.writeVarint(zigzagged)
        #expect(writer.bytes == plain.bytes)
        #expect(try withReader(writer.bytes) { try $0.readI64() } == value)
    }

    @Test func narrowingRejectsOutOfRange() throws {
        var writer = CompactWriter()
        writer.writeZigzag(Int64(Int32.max) + 1)
        let error = #expect(throws: ParquetError.self) { try withReader(writer.bytes) { try $0.readI32() } }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("2147483648") == true)
        writer = CompactWriter()
        writer.writeZigzag(-40000)
        #expect(throws: ParquetError.self) { try withReader(writer.bytes) { try $0.readI16() } }
    }

    @Test func i8IsOneRawByte() throws {
        var writer = CompactWriter()
        writer.writeStruct { $0.write(1, i8: -3) }
        #expect(writer.bytes == [0x13, 0xFD, 0x00])
    }

    @Test func doubleIsLittleEndian() throws {
        var writer = CompactWriter()
        writer.writeDouble(1.0)
        #expect(writer.bytes == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        #expect(try withReader(writer.bytes) { try $0.readDouble() } == 1.0)
    }

    @Test func fieldIDsUseDeltasUpTo15AndLongFormOtherwise() throws {
        var writer = CompactWriter()
        writer.writeStruct { w in
            w.write(1, i32: 5)     // delta 1
            w.write(3, i32: -1)    // delta 2
            w.write(20, i32: 0)    // delta 17: long form
            w.write(21, bool: true)
            w.write(4, bool: false) // going backwards: long form
        }
        #expect(writer.bytes == [0x15, 0x0A, 0x25, 0x01, 0x05, 0x28, 0x00, 0x11, 0x02, 0x08, 0x00])
        let fields = try withReader(writer.bytes) { r in
            var seen: [FieldHeader] = []
            try r.readStruct("Test") { r, f in
                seen.append(f)
                if f.type == .i32 { _ = try r.readI32(f) }
            }
            #expect(r.remaining == 0)
            return seen
        }
        #expect(fields.map(\.id) == [1, 3, 20, 21, 4])
        #expect(fields.map(\.type) == [.i32, .i32, .i32, .boolTrue, .boolFalse])
    }

    @Test func nestedStructRestartsFieldIDs() throws {
        var header = PageHeader()
        header.type = .dictionaryPage
        header.uncompressedPageSize = 10
        header.compressedPageSize = 9
        var dict = DictionaryPageHeader()
        dict.numValues = 2
        header.dictionaryPageHeader = dict
        let bytes = CompactWriter.encode(header)
        // type=2, sizes 10 and 9, field 7 struct { 1: 2, 2: 0 }: nested ids start from 0 again.
        #expect(bytes == [0x15, 0x04, 0x15, 0x14, 0x15, 0x12, 0x4C, 0x15, 0x04, 0x15, 0x00, 0x00, 0x00])
        #expect(try CompactReader.decode(PageHeader.self, from: bytes).value == header)
    }

    @Test func boolListsAcceptBothElementTypesAndTreatNonOneAsFalse() throws {
        for elementType: UInt8 in [1, 2] {
            // struct { 1: list<bool> [true, false, false] } with elements 1, 2, 0.
            let bytes: [UInt8] = [0x19, 0x30 | elementType, 0x01, 0x02, 0x00, 0x00]
            let values = try withReader(bytes) { r in
                var result: [Bool] = []
                try r.readStruct("Test") { r, f in result = try r.readBoolList(f) }
                return result
            }
            #expect(values == [true, false, false])
        }
        var writer = CompactWriter()
        writer.writeStruct { $0.write(1, bools: [true, false]) }
        #expect(writer.bytes == [0x19, 0x21, 0x01, 0x02, 0x00])
    }

    @Test(arguments: [0, 14, 15, 16, 300])
    func listSizeEscape(count: Int) throws {
        let values = (0..<count).map { Int64($0) - 7 }
        var writer = CompactWriter()
        writer.writeStruct { $0.write(1, i64s: values) }
        #expect(writer.bytes[1] == (count < 15 ? UInt8(count) << 4 | 6 : 0xF6))
        let decoded = try withReader(writer.bytes) { r in
            var result: [Int64] = []
            try r.readStruct("Test") { r, f in result = try r.readI64List(f) }
            return result
        }
        #expect(decoded == values)
    }

    @Test func stringsAndBinaryRoundTrip() throws {
        var writer = CompactWriter()
        writer.writeStruct { w in
            w.write(1, string: "héllo")
            w.write(2, binary: [0, 0xFF, 7])
            w.write(3, strings: ["a", "", "ccc"])
        }
        var string = "", binary: [UInt8] = [], list: [String] = []
        try withReader(writer.bytes) { r in
            try r.readStruct("Test") { r, f in
                switch f.id {
                case 1: string = try r.readString(f)
                case 2: binary = try r.readBinary(f)
                default: list = try r.readStringList(f)
                }
            }
        }
        #expect(string == "héllo")
        #expect(binary == [0, 0xFF, 7])
        #expect(list == ["a", "", "ccc"])
    }

    @Test func fieldWithWrongWireTypeIsSkipped() throws {
        // DictionaryPageHeader with num_values sent as binary: skipped, so the required field is missing.
        let bytes: [UInt8] = [0x18, 0x01, 0x41, 0x15, 0x00, 0x00]
        let error = #expect(throws: ParquetError.self) { try CompactReader.decode(DictionaryPageHeader.self, from: bytes) }
        #expect(error?.message.contains("DictionaryPageHeader is missing required field 1") == true)
        // An optional field of the wrong type (dict-page-offset-zero.parquet has ColumnMetaData 15 as a list).
        var writer = CompactWriter()
        writer.writeStruct { w in
            w.write(1, i32: 2)
            w.write(2, i32: 0)
            w.write(3, i32s: [1, 2])
        }
        let header = try CompactReader.decode(DictionaryPageHeader.self, from: writer.bytes)
        #expect(header.value.numValues == 2 && header.value.isSorted == nil)
        #expect(header.length == writer.bytes.count)
    }
}
