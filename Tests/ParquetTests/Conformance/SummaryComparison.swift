import Columnar

/// One difference between the expected and the computed summary of a file.
struct Mismatch: Sendable, CustomStringConvertible {
    var file: String
    var leaf: String?
    var field: String
    var expected: String
    var got: String

    var description: String {
        "\(file)\(leaf.map { " leaf \($0)" } ?? ""): \(field) expected \(expected), got \(got)"
    }
}

/// Compares a `FileSummary` with an expected entry, field by field, by the rules of the summary format:
/// integers, strings, hex and digests exactly; floats numerically (float32 bounds as float32); float sums
/// with a relative tolerance of 1e-9; decimals by value at the column's scale.
enum SummaryComparison {
    static func compare(_ entry: ExpectedEntry, _ got: FileSummary) -> [Mismatch] {
        var out: [Mismatch] = []
        func check<T: Equatable>(_ field: String, _ expected: T?, _ actual: T?) {
            guard let expected, expected != actual else { return }
            out.append(Mismatch(file: entry.file, field: field, expected: "\(expected)", got: actual.map { "\($0)" } ?? "nothing"))
        }
        check("num_rows", entry.numRows, got.rows)
        check("columns", entry.columns, got.columns)
        for (column, nulls) in (entry.topLevelNulls ?? [:]).sorted(by: { $0.key < $1.key }) {
            check("top_level_nulls[\(column)]", nulls, got.topLevelNulls[column])
        }
        guard let summary = entry.summary else { return out }
        let checkArrowType = entry.summarySource?.hasPrefix("pyarrow") ?? false
        for leaf in summary.keys.sorted() where got.leaves[leaf] == nil {
            out.append(Mismatch(file: entry.file, leaf: leaf, field: "leaf", expected: "present", got: "missing (reader leaves: \(got.leafOrder))"))
        }
        for leaf in got.leafOrder where summary[leaf] == nil {
            out.append(Mismatch(file: entry.file, leaf: leaf, field: "leaf", expected: "absent", got: "present"))
        }
        for leaf in got.leafOrder {
            guard let expected = summary[leaf], let actual = got.leaves[leaf] else { continue }
            out += compare(file: entry.file, leaf: leaf, expected, actual, checkArrowType: checkArrowType)
        }
        return out
    }

    static func compare(file: String, leaf: String, _ expected: ExpectedLeaf, _ got: LeafSummary, checkArrowType: Bool) -> [Mismatch] {
        var out: [Mismatch] = []
        func report(_ field: String, _ e: String?, _ g: String?) {
            out.append(Mismatch(file: file, leaf: leaf, field: field, expected: e ?? "nothing", got: g ?? "nothing"))
        }
        func check<T: Equatable>(_ field: String, _ e: T?, _ g: T?) {
            if e != g { report(field, e.map { "\($0)" }, g.map { "\($0)" }) }
        }
        check("kind", expected.kind, got.kind.rawValue)
        check("slots", expected.slots, got.slots)
        check("nulls", expected.nulls, got.nulls)
        check("count", expected.count, got.count)
        guard expected.kind == got.kind.rawValue else { return out }
        if checkArrowType, let name = got.arrowTypeName { check("arrow_type", expected.arrowType, name) }
        checkTypeParameters(expected, got, check: check)
        if got.kind == .int96, let raw = expected.rawValues, let values = got.int96Nanoseconds {
            let decoded: Bool
            if case .timestamp = got.type { decoded = true } else { decoded = false }
            compareInt96Slots(raw, values, exact: !decoded, report: report)
            // Decoded to Int64 ns, values outside Int64's range cannot be represented: the slots are all there is.
            if decoded { return out }
        }
        compareBound("min", expected.min, got.min, got, report: report)
        compareBound("max", expected.max, got.max, got, report: report)
        check("min_sha256", expected.minSHA256, got.minSHA256)
        check("min_len", expected.minLength, got.minLength)
        check("max_sha256", expected.maxSHA256, got.maxSHA256)
        check("max_len", expected.maxLength, got.maxLength)
        compareSum(expected.sum, got.sum, got, report: report)
        check("total_bytes", expected.totalBytes, got.totalBytes)
        check("nan_count", expected.nanCount, got.nanCount)
        check("digest", expected.digest, got.digest)
        return out
    }

    private static func checkTypeParameters(
        _ expected: ExpectedLeaf, _ got: LeafSummary, check: (String, String?, String?) -> Void
    ) {
        switch got.type {
        case .time(let unit):
            check("unit", expected.unit, unit.rawValue)
        case .timestamp(let unit, let utc) where got.kind == .timestamp:
            check("unit", expected.unit, unit.rawValue)
            check("tz", expected.tz, utc ? "UTC" : nil)
        case .decimal(let precision, let scale):
            check("precision", expected.precision.map(String.init), String(precision))
            check("scale", expected.scale.map(String.init), String(scale))
        default: break
        }
    }

    /// `exact`: the leaf was read raw, so every slot must match (no value is out of range).
    private static func compareInt96Slots(
        _ raw: [ExpectedLeaf.RawInt96?], _ values: [Int128?], exact: Bool, report: (String, String?, String?) -> Void
    ) {
        guard raw.count == values.count else { return report("raw_values", "\(raw.count) slots", "\(values.count)") }
        for (i, (e, g)) in zip(raw, values).enumerated() {
            switch (e, g) {
            case (nil, nil): continue
            case (let e?, let g?):
                if exact {
                    if e.nanoseconds != g { report("int96 slot \(i) (ns, raw)", "\(e.nanoseconds)", "\(g)") }
                    continue
                }
                // Decoded: out-of-range values have no Int64 form; any decoding of them is accepted.
                guard let inRange = Int64(exactly: e.nanoseconds) else { continue }
                if Int128(inRange) != g { report("int96 slot \(i) (ns)", "\(inRange)", "\(g)") }
            default:
                report("int96 slot \(i)", e.map { "\($0.nanoseconds)" } ?? "null", g.map { "\($0)" } ?? "null")
            }
        }
    }

    private static func compareBound(
        _ field: String, _ e: String?, _ g: String?, _ got: LeafSummary, report: (String, String?, String?) -> Void
    ) {
        guard let e, let g else {
            if e != nil || g != nil { report(field, e, g) }
            return
        }
        let equal: Bool
        switch got.type {
        case .float32: equal = Float(e).map { $0 == Double(g).map(Float.init) } ?? false
        case .float16, .float64: equal = Double(e).map { $0 == Double(g) } ?? false
        case .decimal(_, let scale): equal = parseDecimal(e, scale: scale).map { $0 == parseDecimal(g, scale: scale) } ?? false
        default: equal = e == g
        }
        if !equal { report(field, e, g) }
    }

    private static func compareSum(_ e: String?, _ g: String?, _ got: LeafSummary, report: (String, String?, String?) -> Void) {
        guard let e, let g else {
            if e != nil || g != nil { report("sum", e, g) }
            return
        }
        let equal: Bool
        switch got.type {
        case .float16, .float32, .float64:
            guard let a = Double(e), let b = Double(g) else { return report("sum", e, g) }
            equal = a == b || (a.isNaN && b.isNaN) || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
        case .decimal(_, let scale):
            equal = parseDecimal(e, scale: scale).map { $0 == parseDecimal(g, scale: scale) } ?? false
        default:
            equal = e == g
        }
        if !equal { report("sum", e, g) }
    }

    /// The unscaled value of a decimal text ("-12.30", "0", "1E-8") at `scale`, or nil if it does not fit.
    static func parseDecimal(_ text: String, scale: Int) -> Int128? {
        var body = Substring(text)
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let value = Int(body[body.index(after: e)...]) else { return nil }
            exponent = value
            body = body[..<e]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !body.isEmpty else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        let digits = parts[0] + fraction
        guard digits.allSatisfy(\.isASCII), var value = Int128(digits) else { return nil }
        var shift = exponent - fraction.count + scale
        while shift > 0 {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
            shift -= 1
        }
        while shift < 0 {
            guard value % 10 == 0 else { return nil }
            value /= 10
            shift += 1
        }
        return negative ? -value : value
    }
}
