import Columnar
import Testing
@testable import Parquet
import TestSupport

/// Reading corpus files and checking values against pyarrow 26 (values looked up with pyarrow).
@Suite(.enabled(if: SharedCorpus.has("parquet/parquet-testing"), "needs ../shared/corpus/parquet"))
struct ReaderTests {
    static let data = SharedCorpus.path("parquet/parquet-testing/data") + "/"

    func read(_ file: String, columns: [String]? = nil) throws -> (ParquetFileReader, [[Value]]) {
        var options = ParquetReadOptions()
        options.columns = columns
        let reader = try ParquetFileReader(source: try FileSource(path: Self.data + file), options: options)
        var rows: [[Value]] = []
        var iterator = reader.makeBatchIterator()
        while let batch = try iterator.next() { rows += batch.rows }
        return (reader, rows)
    }

    func column(_ rows: [[Value]], _ index: Int) -> [Value] { rows.map { $0[index] } }

    @Test func alltypesPlain() throws {
        let (reader, rows) = try read("alltypes_plain.parquet")
        #expect(reader.schema.fields.map(\.name) == ["id", "bool_col", "tinyint_col", "smallint_col", "int_col",
                                                      "bigint_col", "float_col", "double_col", "date_string_col",
                                                      "string_col", "timestamp_col"])
        #expect(reader.schema.fields[10].type == .timestamp(.nanosecond, utc: false))
        #expect(column(rows, 0) == [4, 5, 6, 7, 2, 3, 0, 1].map { .int($0) })
        #expect(column(rows, 1) == (0..<8).map { .bool($0 % 2 == 0) })
        #expect(column(rows, 6) == (0..<8).map { .float($0 % 2 == 0 ? 0 : Double(Float(1.1))) })
        #expect(column(rows, 9) == (0..<8).map { .bytes([$0 % 2 == 0 ? 0x30 : 0x31]) })
        #expect(column(rows, 10) == [1235865600000000000, 1235865660000000000, 1238544000000000000, 1238544060000000000,
                                     1233446400000000000, 1233446460000000000, 1230768000000000000,
                                     1230768060000000000].map { .int($0) })
    }

    @Test func projectionKeepsFileOrderAndReadsOnlyThoseColumns() throws {
        let (reader, rows) = try read("alltypes_plain.parquet", columns: ["bigint_col", "id"])
        #expect(reader.projectedSchema.fields.map(\.name) == ["id", "bigint_col"])
        #expect(rows.first == [.int(4), .int(0)])
        #expect(rows.count == 8)
    }

    @Test func unknownProjectedColumnIsRejected() throws {
        var options = ParquetReadOptions()
        options.columns = ["nope"]
        let error = #expect(throws: ParquetError.self) {
            try ParquetFileReader(source: try FileSource(path: Self.data + "alltypes_plain.parquet"), options: options)
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test func batchesNeverExceedTheBatchSize() throws {
        var options = ParquetReadOptions()
        options.batchSize = 3
        let reader = try ParquetFileReader(source: try FileSource(path: Self.data + "alltypes_plain.parquet"), options: options)
        var iterator = reader.makeBatchIterator()
        var sizes: [Int] = []
        var ids: [Value] = []
        var strings: [Value] = []
        while let batch = try iterator.next() {
            sizes.append(batch.count)
            ids += batch.rows.map { $0[0] }
            strings += batch.rows.map { $0[9] }
        }
        #expect(sizes == [3, 3, 2])
        #expect(ids == [4, 5, 6, 7, 2, 3, 0, 1].map { .int($0) })
        #expect(strings == (0..<8).map { .bytes([$0 % 2 == 0 ? 0x30 : 0x31]) })
    }

    @Test func nestedListsOfStrings() throws {
        let (_, rows) = try read("nested_lists.snappy.parquet")
        func strings(_ s: [String?]) -> Value { .list(s.map { $0.map { .string($0) } ?? .null }) }
        #expect(column(rows, 0) == [
            .list([.list([strings(["a", "b"]), strings(["c"])]), .list([.null, strings(["d"])])]),
            .list([.list([strings(["a", "b"]), strings(["c", "d"])]), .list([.null, strings(["e"])])]),
            .list([.list([strings(["a", "b"]), strings(["c", "d"]), strings(["e"])]), .list([.null, strings(["f"])])]),
        ])
        #expect(column(rows, 1) == [.int(1), .int(1), .int(1)])
    }

    @Test func nonNullableImpalaNestedTypes() throws {
        let (_, rows) = try read("nonnullable.impala.parquet")
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row[0] == .int(8))
        #expect(row[1] == .list([.int(-1)]))
        #expect(row[2] == .list([.list([.int(-1), .int(-2)]), .list([])]))
        #expect(row[3] == .map([(.string("k1"), .int(-1))]))
        #expect(row[4] == .list([.map([]), .map([(.string("k1"), .int(1))]), .map([]), .map([])]))
        #expect(row[5] == .structure([
            .int(-1), .list([.int(-1)]),
            .structure([.list([.list([.structure([.int(-1), .string("nonnullable")])])])]),
            .map([]),
        ]))
    }

    @Test func legacyListsAndMaps() throws {
        let (_, mapRows) = try read("map_no_value.parquet")
        #expect(mapRows[0] == [.map([(.int(1), .null), (.int(2), .null), (.int(3), .null)]),
                               .list([.int(1), .int(2), .int(3)]), .list([.int(1), .int(2), .int(3)])])
        let (_, oldRows) = try read("old_list_structure.parquet")
        #expect(oldRows == [[.list([.list([.int(1), .int(2)]), .list([.int(3), .int(4)])])]])
        let (reader, repeated) = try read("repeated_no_annotation.parquet")
        #expect(reader.metadata.numRows == 0)
        #expect(repeated.count == 6)
        #expect(repeated[5][1] == .structure([.list([
            .structure([.int(1111111111), .string("home")]), .structure([.int(2222222222), .null]),
            .structure([.int(3333333333), .string("mobile")]),
        ])]))
    }

    @Test(arguments: ["fixed_length_decimal.parquet", "byte_array_decimal.parquet", "int32_decimal.parquet"])
    func decimals(file: String) throws {
        let (reader, rows) = try read(file)
        guard case .decimal(_, let scale) = reader.schema.fields[0].type else {
            Issue.record("not a decimal: \(reader.schema.fields[0].type)")
            return
        }
        #expect(scale == 2)
        #expect(column(rows, 0) == (1...24).map { .decimal(Int128($0 * 100)) })
    }

    /// The sixth value (year 290000) overflows Int64 nanoseconds; readers disagree on how it wraps, so only
    /// the in-range values are pinned (pyarrow's result is checked by the conformance suite's raw pairs).
    @Test func int96Timestamps() throws {
        let (_, rows) = try read("int96_from_spark.parquet")
        #expect(column(rows, 0).prefix(5) == [.int(1704141296123456000), .int(1704070800000000000),
                                              .int(-4852191831933722624), .int(1735599600000000000), .null])
        #expect(rows.count == 6 && rows[5][0] != .null)
    }

    @Test(arguments: [
        ("encrypt_columns_and_footer.parquet.encrypted", ParquetError.Code.encrypted),
        ("encrypt_columns_plaintext_footer.parquet.encrypted", .encrypted),
        ("delta_encoding_required_column_expect.csv", .notParquet),
        ("does-not-exist.parquet", .io),
    ])
    func unreadableFilesThrow(file: String, code: ParquetError.Code) throws {
        let error = #expect(throws: ParquetError.self) { try read(file) }
        #expect(error?.code == code)
    }

    @Test func missingFileErrorNamesThePath() throws {
        let error = #expect(throws: ParquetError.self) { try FileSource(path: "/nonexistent/x.parquet") }
        #expect(error?.message.contains("/nonexistent/x.parquet") == true)
    }
}
