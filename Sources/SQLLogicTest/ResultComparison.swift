import Crypto

/// Sorting, hashing and comparing rendered results by the sqllogictest rules.
public enum ResultComparison {
    /// Rendered values in row-major order, sorted by the sort mode with byte order (`strcmp`): `rowsort` sorts
    /// rows column by column, `valuesort` sorts every value on its own.
    public static func sorted(_ values: [String], columns: Int, mode: SortMode) -> [String] {
        switch mode {
        case .noSort:
            return values
        case .valueSort:
            return values.sorted(by: byteOrder)
        case .rowSort:
            guard columns > 0 else { return values }
            var rows: [ArraySlice<String>] = []
            var start = 0
            while start < values.count {
                rows.append(values[start..<min(start + columns, values.count)])
                start += columns
            }
            rows.sort { left, right in
                for (a, b) in zip(left, right) where a != b { return byteOrder(a, b) }
                return left.count < right.count
            }
            return rows.flatMap { $0 }
        }
    }

    static func byteOrder(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// MD5 of every value followed by a newline, as lowercase hex.
    public static func hash(_ values: [String]) -> String {
        var md5 = Insecure.MD5()
        for value in values {
            md5.update(data: Array(value.utf8))
            md5.update(data: [UInt8(ascii: "\n")])
        }
        return md5.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// `N values hashing to <md5>`.
    public static func hashLine(_ values: [String]) -> String {
        "\(values.count) values hashing to \(hash(values))"
    }

    /// Nil when `values` (rendered and sorted) match the expected lines, else a message saying how they differ.
    /// Expected lines may be one hash line, one value per line (SQLite), or one row per line with values
    /// separated by tabs (DuckDB); above `hashThreshold` values, listed values are compared by hash.
    public static func mismatch(values: [String], columns: Int, mode: SortMode, expected: [String],
                                hashThreshold: Int) -> String? {
        if expected.count == 1, expected[0].contains(" values hashing to ") {
            let actual = hashLine(values)
            return actual == expected[0] ? nil : "expected \(expected[0]), got \(actual)"
        }
        var expectedValues = expected
        if expected.count != values.count, columns > 1 {
            expectedValues = expected.flatMap { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        }
        expectedValues = sorted(expectedValues, columns: columns, mode: mode)
        if hashThreshold > 0, values.count > hashThreshold {
            let actual = hashLine(values)
            let wanted = hashLine(expectedValues)
            return actual == wanted ? nil : "expected \(wanted), got \(actual)"
        }
        guard expectedValues.count == values.count else {
            return "expected \(expectedValues.count) values, got \(values.count): \(preview(values))"
        }
        for (index, (want, got)) in zip(expectedValues, values).enumerated() where want != got {
            let row = columns > 0 ? index / columns + 1 : 1
            let column = columns > 0 ? index % columns + 1 : 1
            return "row \(row), column \(column): expected \"\(want)\", got \"\(got)\""
        }
        return nil
    }

    private static func preview(_ values: [String]) -> String {
        let shown = values.prefix(8).joined(separator: " ")
        return values.count > 8 ? shown + " ..." : shown
    }
}
