import Columnar

/// String functions: length, lower, upper, substring, concat, ||, trim, ltrim, rtrim, replace, strpos/position,
/// starts_with, split_part, regexp_matches, regexp_replace. Positions count characters (UTF-8 scalars), 1-based.
enum StringFunctions {
    typealias Resolver = ScalarFunctionRegistry.Resolver
    static let s = DataType.string

    static let all: [String: Resolver] = [
        "length": FunctionSignature.fixed("length", [s], .int64) { length },
        "lower": FunctionSignature.fixed("lower", [s], s) { { a, b in try caseMap(a, b, upper: false) } },
        "upper": FunctionSignature.fixed("upper", [s], s) { { a, b in try caseMap(a, b, upper: true) } },
        "substring": FunctionSignature.overloads([
            FunctionSignature.fixed("substring", [s, .int64], s) { substring },
            FunctionSignature.fixed("substring", [s, .int64, .int64], s) { substring },
        ]),
        "concat": concatResolver,
        "||": FunctionSignature.fixed("||", [s, s], s) { { a, b in try concat(a, b, skipNulls: false) } },
        "trim": trimResolver("trim", left: true, right: true),
        "ltrim": trimResolver("ltrim", left: true, right: false),
        "rtrim": trimResolver("rtrim", left: false, right: true),
        "replace": FunctionSignature.fixed("replace", [s, s, s], s) { replace },
        "strpos": FunctionSignature.fixed("strpos", [s, s], .int64) { strpos },
        "position": FunctionSignature.fixed("position", [s, s], .int64) { strpos },
        "starts_with": FunctionSignature.fixed("starts_with", [s, s], .boolean) { startsWith },
        "split_part": FunctionSignature.fixed("split_part", [s, s, .int64], s) { splitPart },
        "regexp_matches": FunctionSignature.fixed("regexp_matches", [s, s], .boolean) { RegexFunctions.matches() },
        "regexp_replace": FunctionSignature.overloads([
            FunctionSignature.fixed("regexp_replace", [s, s, s], s) { RegexFunctions.replace() },
            FunctionSignature.fixed("regexp_replace", [s, s, s, s], s) { RegexFunctions.replace() },
        ]),
    ]

    /// Characters in a UTF-8 byte run: every byte that is not a continuation byte starts one.
    @inline(__always)
    static func characterCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n &+= 1 }
        return n
    }

    /// Byte offset of character `index` (0-based), clamped to the end.
    static func byteOffset(_ bytes: UnsafeRawBufferPointer, character index: Int) -> Int {
        if index <= 0 { return 0 }
        var seen = 0
        for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 {
            if seen == index { return i }
            seen += 1
        }
        return bytes.count
    }

    static func length(_ args: [Vector], _ batch: Batch) throws -> Vector {
        try FunctionKernel.fixed(.int64, Int64.self, args, batch) { i in
            Int64(args[0].withRow(i) { characterCount($0) })
        }
    }

    static func caseMap(_ args: [Vector], _ batch: Batch, upper: Bool) throws -> Vector {
        try FunctionKernel.strings(args, batch) { i, out in
            try args[0].withRow(i) { raw in
                if raw.allSatisfy({ $0 < 0x80 }) {
                    let (lo, hi): (UInt8, UInt8) = upper ? (0x61, 0x7A) : (0x41, 0x5A)
                    try out.append(raw.map { $0 >= lo && $0 <= hi ? $0 ^ 0x20 : $0 })
                } else {
                    let text = String(decoding: raw, as: UTF8.self)
                    try out.append(upper ? text.uppercased() : text.lowercased())
                }
            }
            return true
        }
    }

    /// substring(s, start[, length]): DuckDB's rules, start 1-based, negative start counts from the end.
    static func substring(_ args: [Vector], _ batch: Batch) throws -> Vector {
        try FunctionKernel.strings(args, batch) { i, out in
            let start = args[1].int64(i)
            let count = args.count > 2 ? args[2].int64(i) : Int64.max / 4
            if count < 0 { throw ExecutionError(.outOfRange, "SUBSTRING cannot handle negative lengths (\(count))") }
            try args[0].withRow(i) { raw in
                let n = Int64(characterCount(raw))
                // Positions saturate: any start or length a user writes is clamped, never overflows.
                var begin = start > 0 ? start - 1 : (start < 0 ? max(-1, n &+ max(start, -n - 1)) : -1)
                var end = start == 0 ? count - 1 : (begin.addingReportingOverflow(count).overflow ? Int64.max : begin + count)
                begin = max(0, min(begin, n))
                end = max(begin, min(end, n))
                let lo = byteOffset(raw, character: Int(begin)), hi = byteOffset(raw, character: Int(end))
                try out.append(UnsafeRawBufferPointer(rebasing: raw[lo..<hi]))
            }
            return true
        }
    }

    static let concatResolver: Resolver = { types in
        guard !types.isEmpty else { return nil }
        return ScalarFunction("concat", types.map { _ in .string }, .string) { a, b in try concat(a, b, skipNulls: true) }
    }

    /// concat skips NULLs (DuckDB); `||` returns NULL when either side is NULL.
    static func concat(_ args: [Vector], _ batch: Batch, skipNulls: Bool) throws -> Vector {
        let nullable = skipNulls ? [] : args
        return try FunctionKernel.strings(nullable, batch) { i, out in
            var bytes: [UInt8] = []
            for a in args where !a.isNull(i) { a.withRow(i) { bytes.append(contentsOf: $0) } }
            try out.append(bytes)
            return true
        }
    }

    static func trimResolver(_ name: String, left: Bool, right: Bool) -> Resolver {
        FunctionSignature.overloads([
            FunctionSignature.fixed(name, [s], s) { { a, b in try trim(a, b, left: left, right: right) } },
            FunctionSignature.fixed(name, [s, s], s) { { a, b in try trim(a, b, left: left, right: right) } },
        ])
    }

    static func trim(_ args: [Vector], _ batch: Batch, left: Bool, right: Bool) throws -> Vector {
        try FunctionKernel.strings(args, batch) { i, out in
            if args.count == 1 {
                try args[0].withRow(i) { raw in
                    var lo = 0, hi = raw.count
                    if left { while lo < hi && raw[lo] == 0x20 { lo += 1 } }
                    if right { while hi > lo && raw[hi - 1] == 0x20 { hi -= 1 } }
                    try out.append(UnsafeRawBufferPointer(rebasing: raw[lo..<hi]))
                }
                return true
            }
            let strip = Set(args[1].string(i).unicodeScalars)
            var scalars = Array(args[0].string(i).unicodeScalars)
            if right { while let last = scalars.last, strip.contains(last) { scalars.removeLast() } }
            let drop = left ? scalars.prefix { strip.contains($0) }.count : 0
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[drop...])
            try out.append(text)
            return true
        }
    }

    static func replace(_ args: [Vector], _ batch: Batch) throws -> Vector {
        try FunctionKernel.strings(args, batch) { i, out in
            let source = args[0].withRow(i) { Array($0) }
            let from = args[1].withRow(i) { Array($0) }
            let to = args[2].withRow(i) { Array($0) }
            guard !from.isEmpty else { try out.append(source); return true }
            var result: [UInt8] = []
            result.reserveCapacity(source.count)
            var k = 0
            while k < source.count {
                if k + from.count <= source.count && source[k..<k + from.count].elementsEqual(from) {
                    result += to
                    k += from.count
                } else {
                    result.append(source[k])
                    k += 1
                }
            }
            try out.append(result)
            return true
        }
    }

    static func strpos(_ args: [Vector], _ batch: Batch) throws -> Vector {
        try FunctionKernel.fixed(.int64, Int64.self, args, batch) { i in
            let needle = args[1].withRow(i) { Array($0) }
            return args[0].withRow(i) { hay in
                if needle.isEmpty { return 1 }
                var k = 0
                while k + needle.count <= hay.count {
                    if hay[k] == needle[0] && UnsafeRawBufferPointer(rebasing: hay[k..<k + needle.count]).elementsEqual(needle) {
                        return Int64(characterCount(UnsafeRawBufferPointer(rebasing: hay[0..<k])) + 1)
                    }
                    k += 1
                }
                return 0
            }
        }
    }

    static func startsWith(_ args: [Vector], _ batch: Batch) throws -> Vector {
        try FunctionKernel.fixed(.boolean, UInt8.self, args, batch) { i in
            let prefix = args[1].withRow(i) { Array($0) }
            return args[0].withRow(i) { $0.count >= prefix.count && $0.prefix(prefix.count).elementsEqual(prefix) } ? 1 : 0
        }
    }

    /// split_part(s, delimiter, n): the n-th field (1-based; negative from the end), '' when absent.
    static func splitPart(_ args: [Vector], _ batch: Batch) throws -> Vector {
        try FunctionKernel.strings(args, batch) { i, out in
            let text = args[0].string(i), delimiter = args[1].string(i)
            let n = args[2].int64(i)
            guard n != 0 else { throw ExecutionError(.invalidInput, "split_part index must not be 0") }
            let parts: [Substring] = delimiter.isEmpty ? [Substring(text)] : text.split(separator: delimiter, omittingEmptySubsequences: false)
            let index = n > 0 ? Int(n) - 1 : parts.count + Int(n)
            try out.append(parts.indices.contains(index) ? String(parts[index]) : "")
            return true
        }
    }
}
