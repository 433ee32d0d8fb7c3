import Columnar

/// A LIKE / ILIKE pattern compiled once: `%` any run, `_` one character (UTF-8 aware), an optional escape.
/// Common shapes (exact, prefix%, %suffix, %infix%) match with a single comparison; the rest with the
/// classic greedy-star backtracking matcher, linear in practice.
struct LikePattern {
    enum Token: Equatable {
        case byte(UInt8)
        case one
        case any
    }

    enum Shape {
        case exact([UInt8]), prefix([UInt8]), suffix([UInt8]), contains([UInt8]), general([Token])
    }

    let shape: Shape
    let caseInsensitive: Bool

    init(_ pattern: String, escape: Character?, caseInsensitive: Bool) throws {
        self.caseInsensitive = caseInsensitive
        let source = caseInsensitive ? pattern.lowercased() : pattern
        var tokens: [Token] = []
        var escaping = false
        for ch in source {
            if escaping {
                tokens += ch.utf8.map { .byte($0) }
                escaping = false
            } else if ch == escape {
                escaping = true
            } else if ch == "%" {
                if tokens.last != .any { tokens.append(.any) }
            } else if ch == "_" {
                tokens.append(.one)
            } else {
                tokens += ch.utf8.map { .byte($0) }
            }
        }
        if escaping {
            throw ExecutionError(.invalidInput, "Like pattern must not end with escape character! (\(pattern))")
        }
        shape = LikePattern.shape(of: tokens)
    }

    private static func shape(of tokens: [Token]) -> Shape {
        func literal(_ slice: ArraySlice<Token>) -> [UInt8]? {
            var bytes: [UInt8] = []
            for t in slice {
                guard case .byte(let b) = t else { return nil }
                bytes.append(b)
            }
            return bytes
        }
        let starts = tokens.first == .any, ends = tokens.last == .any && tokens.count > 1
        let core = tokens[(starts ? 1 : 0)..<(tokens.count - (ends ? 1 : 0))]
        if let bytes = literal(core) {
            switch (starts, ends) {
            case (false, false): return .exact(bytes)
            case (false, true): return .prefix(bytes)
            case (true, false): return .suffix(bytes)
            case (true, true): return .contains(bytes)
            }
        }
        return .general(tokens)
    }

    func matches(_ text: UnsafeRawBufferPointer) -> Bool {
        if caseInsensitive {
            if text.allSatisfy({ $0 < 0x80 }) {
                let lowered = text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                return lowered.withUnsafeBytes { matchesExact($0) }
            }
            let lowered = Array(String(decoding: text, as: UTF8.self).lowercased().utf8)
            return lowered.withUnsafeBytes { matchesExact($0) }
        }
        return matchesExact(text)
    }

    private func matchesExact(_ s: UnsafeRawBufferPointer) -> Bool {
        switch shape {
        case .exact(let p): return s.elementsEqual(p)
        case .prefix(let p): return s.count >= p.count && s.prefix(p.count).elementsEqual(p)
        case .suffix(let p): return s.count >= p.count && s.suffix(p.count).elementsEqual(p)
        case .contains(let p): return Self.find(p, in: s)
        case .general(let tokens): return Self.wildcard(tokens, s)
        }
    }

    static func find(_ needle: [UInt8], in s: UnsafeRawBufferPointer) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > s.count { return false }
        let first = needle[0]
        var i = 0
        while i + needle.count <= s.count {
            if s[i] == first {
                var k = 1
                while k < needle.count && s[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Bytes in the UTF-8 character starting with `lead`.
    @inline(__always)
    static func characterLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    private static func wildcard(_ p: [Token], _ s: UnsafeRawBufferPointer) -> Bool {
        var pi = 0, si = 0, starP = -1, starS = 0
        while si < s.count {
            if pi < p.count, case .byte(let b) = p[pi], b == s[si] {
                pi += 1
                si += 1
            } else if pi < p.count, p[pi] == .one {
                pi += 1
                si += characterLength(s[si])
            } else if pi < p.count, p[pi] == .any {
                starP = pi
                starS = si
                pi += 1
            } else if starP >= 0 {
                starS += characterLength(s[starS])
                pi = starP + 1
                si = starS
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == .any { pi += 1 }
        return pi == p.count && si == s.count
    }
}

final class LikeNode: ExpressionNode {
    let child: ExpressionNode
    let pattern: LikePattern
    let negated: Bool
    let type = DataType.boolean

    init(child: ExpressionNode, pattern: LikePattern, negated: Bool) {
        self.child = child
        self.pattern = pattern
        self.negated = negated
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let v = try child.evaluate(batch)
        return v.withBytes { reader in
            Vector.makeFixed(.boolean, count: batch.count, validity: v.validity, as: UInt8.self) { out in
                batch.forEachRow { i in out[i] = pattern.matches(reader.row(i)) != negated ? 1 : 0 }
            }
        }
    }
}
