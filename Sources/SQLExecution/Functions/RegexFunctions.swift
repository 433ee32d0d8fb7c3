import Columnar

/// regexp_matches and regexp_replace over Swift Regex. A pattern is compiled once per distinct pattern text
/// and kept for the next row, so a constant pattern compiles once per call site.
enum RegexFunctions {
    final class Cache {
        var pattern: String?
        var regex: Regex<AnyRegexOutput>?

        func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
            if pattern == self.pattern, let regex { return regex }
            do {
                let compiled = try Regex(pattern)
                self.pattern = pattern
                regex = compiled
                return compiled
            } catch {
                throw ExecutionError(.invalidInput, "Invalid regular expression '\(pattern)': \(error)")
            }
        }
    }

    static func matches() -> FunctionSignature.Kernel {
        let cache = Cache()
        return { args, batch in
            try FunctionKernel.fixed(.boolean, UInt8.self, args, batch) { i in
                let regex = try cache.regex(args[1].string(i))
                return args[0].string(i).contains(regex) ? 1 : 0
            }
        }
    }

    /// regexp_replace(s, pattern, replacement[, options]): the first match, or all with option 'g'.
    /// `\1`..`\9` in the replacement insert capture groups.
    static func replace() -> FunctionSignature.Kernel {
        let cache = Cache()
        return { args, batch in
            try FunctionKernel.strings(args, batch) { i, out in
                let regex = try cache.regex(args[1].string(i))
                let template = args[2].string(i)
                let global = args.count > 3 && args[3].string(i).contains("g")
                let text = args[0].string(i)
                let replaced = text.replacing(regex, maxReplacements: global ? Int.max : 1) { match in
                    expand(template, match)
                }
                try out.append(replaced)
                return true
            }
        }
    }

    private static func expand(_ template: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        var result = ""
        var escaped = false
        for ch in template {
            if escaped {
                if let digit = ch.wholeNumberValue, digit < match.output.count {
                    if let sub = match.output[digit].substring { result += sub }
                } else {
                    result.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                result.append(ch)
            }
        }
        return result
    }
}
