import SQLLogicTest
import Testing

/// SQLite's rendering (slt_sqlite.c): `I` coerces to a 32-bit integer, `R` is `%.3f`, `T` is the text with
/// `(empty)` and `@` for bytes outside printable ASCII.
@Suite struct ResultFormatterTests {
    @Test(arguments: [
        (ResultValue.integer(42), "42"), (.integer(-7), "-7"), (.real(7.9), "7"), (.real(-7.9), "-7"),
        (.text("12abc"), "12"), (.text("abc"), "0"), (.text(" -3.7e1x"), "-37"), (.integer(4_294_967_297), "1"),
        (.integer(2_147_483_648), "-2147483648"), (.boolean(true), "1"), (.null, "NULL"), (.real(1e30), "-1"),
    ])
    func integerColumns(value: ResultValue, rendered: String) {
        #expect(ResultFormatter.render(value, as: .integer) == rendered)
    }

    @Test(arguments: [
        (ResultValue.real(1.5), "1.500"), (.integer(3), "3.000"), (.real(-0.0004), "-0.000"), (.real(2.0005), "2.001"),
        (.text("2.25xyz"), "2.250"), (.null, "NULL"), (.real(123456789.125), "123456789.125"),
        // SQLite's printf stops at 16 significant digits (slt_lang_aggfunc.test expects these).
        (.real(-9_223_372_036_854_775_808.0), "-9223372036854776000.000"),
        (.real(-18_446_744_073_709_551_616.0), "-18446744073709550000.000"),
        (.real(12_345_678_901_234.567), "12345678901234.570"), (.real(1e13), "10000000000000.000"),
    ])
    func realColumns(value: ResultValue, rendered: String) {
        #expect(ResultFormatter.render(value, as: .real) == rendered)
    }

    @Test(arguments: [
        (ResultValue.text("hello"), "hello"), (.text(""), "(empty)"), (.text("héllo"), "h@@llo"), (.text("a\tb"), "a@b"),
        (.integer(-5), "-5"), (.real(1.0), "1.0"), (.real(0.1), "0.1"), (.real(1e20), "1.0e+20"),
        (.real(1.0 / 3.0), "0.333333333333333"), (.real(-2.5), "-2.5"), (.null, "NULL"), (.boolean(false), "false"),
    ])
    func textColumns(value: ResultValue, rendered: String) {
        #expect(ResultFormatter.render(value, as: .text) == rendered)
    }
}

@Suite struct ResultComparisonTests {
    @Test func sortModesUseByteOrder() {
        let values = ["9", "b", "10", "a", "10", "A"]
        #expect(ResultComparison.sorted(values, columns: 2, mode: .noSort) == values)
        #expect(ResultComparison.sorted(values, columns: 2, mode: .rowSort) == ["10", "A", "10", "a", "9", "b"])
        #expect(ResultComparison.sorted(values, columns: 2, mode: .valueSort) == ["10", "10", "9", "A", "a", "b"])
    }

    @Test func md5OfValuesEachFollowedByNewline() {
        // Reference digests from Python's hashlib.
        #expect(ResultComparison.hash([]) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(ResultComparison.hash(["1", "2", "3", "10", "NULL", "(empty)", "x", "y", "z"])
                == "43b670933be268a33eb4ddac00db4476")
        #expect(ResultComparison.hashLine(["10", "2", "30", "4", "5", "6", "7", "8", "9"])
                == "9 values hashing to c36afac32a2c4a003956dfae31511c66")
    }

    @Test func listedValuesAndHashes() {
        let nine = ["10", "2", "30", "4", "5", "6", "7", "8", "9"]
        #expect(ResultComparison.mismatch(values: nine, columns: 1, mode: .noSort,
                                          expected: ["9 values hashing to c36afac32a2c4a003956dfae31511c66"], hashThreshold: 8) == nil)
        #expect(ResultComparison.mismatch(values: nine, columns: 1, mode: .noSort,
                                          expected: ["9 values hashing to 00000000000000000000000000000000"], hashThreshold: 8)
                == "expected 9 values hashing to 00000000000000000000000000000000, got 9 values hashing to c36afac32a2c4a003956dfae31511c66")
        #expect(ResultComparison.mismatch(values: ["1", "2"], columns: 1, mode: .noSort, expected: ["1", "3"], hashThreshold: 8)
                == "row 2, column 1: expected \"3\", got \"2\"")
        #expect(ResultComparison.mismatch(values: ["1"], columns: 1, mode: .noSort, expected: [], hashThreshold: 8)
                == "expected 0 values, got 1: 1")
        // Listed values above the threshold (a file with hashing off when written) compare by hash too.
        #expect(ResultComparison.mismatch(values: nine, columns: 1, mode: .noSort, expected: nine, hashThreshold: 8) == nil)
    }

    @Test func duckDBRowsWithTabs() {
        let values = ["1", "NULL", "2", "x"]
        #expect(ResultComparison.mismatch(values: values, columns: 2, mode: .noSort, expected: ["1\tNULL", "2\tx"],
                                          hashThreshold: 0) == nil)
        #expect(ResultComparison.mismatch(values: ResultComparison.sorted(["2", "x", "1", "NULL"], columns: 2, mode: .rowSort),
                                          columns: 2, mode: .rowSort, expected: ["2\tx", "1\tNULL"], hashThreshold: 0) == nil)
    }
}
