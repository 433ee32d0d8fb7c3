/// The `java.util.Properties` text format, as `Properties.load` reads and `Properties.store` writes it.
///
/// Read: `#`/`!` comment lines, `key=value`, `key:value` or `key value`, backslash line continuations, and the
/// escapes `\t \n \r \f \uXXXX` (any other escaped character stands for itself). Write: `store`'s escaping,
/// which is why Hudi's schema reads `{"type"\:"record",...`.
public enum JavaProperties {
    /// Entries in file order; a repeated key keeps its last value in `dictionary(_:)`.
    public static func parse(_ text: String) throws -> [(key: String, value: String)] {
        var entries: [(key: String, value: String)] = []
        for line in logicalLines(text) {
            let chars = Array(line.drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" })
            guard let first = chars.first, first != "#", first != "!" else { continue }
            var keyEnd = 0
            var escaped = false
            while keyEnd < chars.count {
                let c = chars[keyEnd]
                if escaped { escaped = false } else if c == "\\" { escaped = true }
                else if c == "=" || c == ":" || c == " " || c == "\t" { break }
                keyEnd += 1
            }
            var valueStart = keyEnd
            while valueStart < chars.count, chars[valueStart] == " " || chars[valueStart] == "\t" { valueStart += 1 }
            if valueStart < chars.count, chars[valueStart] == "=" || chars[valueStart] == ":" {
                valueStart += 1
                while valueStart < chars.count, chars[valueStart] == " " || chars[valueStart] == "\t" { valueStart += 1 }
            }
            let key = try unescape(chars[0..<keyEnd])
            let value = try unescape(chars[valueStart...])
            entries.append((key, value))
        }
        return entries
    }

    public static func dictionary(_ entries: [(key: String, value: String)]) -> [String: String] {
        Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    }

    /// Physical lines joined where a line ends in an odd number of backslashes; leading blanks of the
    /// continuation are dropped.
    static func logicalLines(_ text: String) -> [String] {
        var lines: [String] = []
        var pending: String? = nil
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            var line = Substring(raw)
            if pending != nil { line = line.drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" } }
            let trailing = line.reversed().prefix { $0 == "\\" }.count
            if trailing % 2 == 1 {
                pending = (pending ?? "") + line.dropLast()
            } else {
                lines.append((pending ?? "") + line)
                pending = nil
            }
        }
        if let pending { lines.append(pending) }
        return lines
    }

    static func unescape(_ chars: ArraySlice<Character>) throws -> String {
        var out = ""
        var i = chars.startIndex
        while i < chars.endIndex {
            let c = chars[i]
            i += 1
            guard c == "\\" else { out.append(c); continue }
            guard i < chars.endIndex else { break }
            let e = chars[i]
            i += 1
            switch e {
            case "t": out.append("\t")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "f": out.append("\u{0C}")
            case "u":
                let hex = String(chars[i..<min(i + 4, chars.endIndex)])
                guard hex.count == 4, let code = UInt32(hex, radix: 16) else {
                    throw TableFormatError(.invalidConfig, "malformed \\u escape '\\u\(hex)' in a properties file")
                }
                i += 4
                // Surrogate pairs arrive as two escapes; combine them.
                if (0xD800..<0xDC00).contains(code), i + 6 <= chars.endIndex, chars[i] == "\\", chars[i + 1] == "u",
                   let low = UInt32(String(chars[(i + 2)..<(i + 6)]), radix: 16), (0xDC00..<0xE000).contains(low) {
                    i += 6
                    out.unicodeScalars.append(Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))!)
                } else {
                    out.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                }
            default: out.append(e)
            }
        }
        return out
    }

    /// `Properties.store` text: the comment lines, then `key=value` per entry, escaped as Java does.
    public static func serialize(_ entries: [(key: String, value: String)], comments: [String] = []) -> String {
        var out = ""
        for comment in comments { out += "#" + comment + "\n" }
        for (key, value) in entries {
            out += escape(key, isKey: true) + "=" + escape(value, isKey: false) + "\n"
        }
        return out
    }

    static func escape(_ text: String, isKey: Bool) -> String {
        var out = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case " ": out += (isKey || index == 0) ? "\\ " : " "
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{0C}": out += "\\f"
            case "=", ":", "#", "!", "\\": out += "\\" + String(scalar)
            default:
                if scalar.value < 0x20 || scalar.value > 0x7E {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16, uppercase: true)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
