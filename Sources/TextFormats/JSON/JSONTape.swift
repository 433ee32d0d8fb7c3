/// One JSON value parsed into a flat tape of nodes that point into the reader's window (no copies, no
/// Strings). An object is its node followed by key, value, key, value...; an array by its elements; every
/// node records where its subtree ends on the tape, so a consumer can skip a value in O(1).
///
/// Grammar: RFC 8259. Strings must not hold raw control characters; escapes are checked here and decoded
/// later by `JSONString`. Running into the end of the window yields `.needMore` unless the input ended.
struct JSONTape {
    enum Kind: UInt8 { case null, `true`, `false`, number, string, array, object }

    struct Node {
        var kind: Kind
        /// Strings: has escapes. Numbers: has a fraction or exponent.
        var flags: UInt8
        /// Strings: content without quotes. Others: the value's text.
        var start: Int32
        var end: Int32
        /// Tape index just past this node's subtree.
        var next: Int32
        /// Elements of an array, key/value pairs of an object.
        var count: Int32
        static let escaped: UInt8 = 1
        static let fractional: UInt8 = 2
    }

    enum Stop: Error {
        case needMore
        case syntax(position: Int, reason: String)
    }

    var nodes: ContiguousArray<Node> = []
    let maxDepth: Int

    init(maxDepth: Int) { self.maxDepth = maxDepth }

    /// Parses the value at `pos` (after whitespace) into a fresh tape; `pos` ends just past it.
    mutating func parse(_ p: UnsafePointer<UInt8>, _ pos: inout Int, end: Int, atEnd: Bool) throws(Stop) {
        nodes.removeAll(keepingCapacity: true)
        var cursor = Cursor(p: p, end: end, atEnd: atEnd, pos: pos)
        try value(&cursor, depth: 0)
        pos = cursor.pos
    }

    struct Cursor {
        let p: UnsafePointer<UInt8>
        let end: Int
        let atEnd: Bool
        var pos: Int

        /// The byte at `pos`, or a stop at the window's end.
        @inline(__always)
        func peek() throws(Stop) -> UInt8 {
            guard pos < end else { throw atEnd ? .syntax(position: pos, reason: "unexpected end of input") : .needMore }
            return p[pos]
        }

        @inline(__always)
        mutating func skipWhitespace() {
            while pos < end, case let b = p[pos], b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos &+= 1 }
        }
    }

    private mutating func value(_ c: inout Cursor, depth: Int) throws(Stop) {
        c.skipWhitespace()
        let b = try c.peek()
        switch b {
        case UInt8(ascii: "{"): try object(&c, depth: depth)
        case UInt8(ascii: "["): try array(&c, depth: depth)
        case UInt8(ascii: "\""): try string(&c)
        case UInt8(ascii: "t"): try literal(&c, "true", .true)
        case UInt8(ascii: "f"): try literal(&c, "false", .false)
        case UInt8(ascii: "n"): try literal(&c, "null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number(&c)
        default: throw .syntax(position: c.pos, reason: "unexpected character '\(Self.show(b))'")
        }
    }

    private mutating func open(_ kind: Kind, at start: Int) -> Int {
        nodes.append(Node(kind: kind, flags: 0, start: Int32(truncatingIfNeeded: start), end: 0, next: 0, count: 0))
        return nodes.count - 1
    }

    private mutating func close(_ index: Int, end: Int, count: Int) {
        nodes[index].end = Int32(truncatingIfNeeded: end)
        nodes[index].count = Int32(truncatingIfNeeded: count)
        nodes[index].next = Int32(truncatingIfNeeded: nodes.count)
    }

    private mutating func object(_ c: inout Cursor, depth: Int) throws(Stop) {
        guard depth < maxDepth else { throw .syntax(position: c.pos, reason: "nesting deeper than \(maxDepth)") }
        let index = open(.object, at: c.pos)
        c.pos &+= 1
        c.skipWhitespace()
        var count = 0
        if try c.peek() == UInt8(ascii: "}") {
            c.pos &+= 1
            close(index, end: c.pos, count: 0)
            return
        }
        while true {
            c.skipWhitespace()
            guard try c.peek() == UInt8(ascii: "\"") else { throw .syntax(position: c.pos, reason: "expected a string key") }
            try string(&c)
            c.skipWhitespace()
            guard try c.peek() == UInt8(ascii: ":") else { throw .syntax(position: c.pos, reason: "expected ':' after a key") }
            c.pos &+= 1
            try value(&c, depth: depth + 1)
            count += 1
            c.skipWhitespace()
            let b = try c.peek()
            c.pos &+= 1
            if b == UInt8(ascii: "}") { break }
            guard b == UInt8(ascii: ",") else { throw .syntax(position: c.pos - 1, reason: "expected ',' or '}' in an object") }
        }
        close(index, end: c.pos, count: count)
    }

    private mutating func array(_ c: inout Cursor, depth: Int) throws(Stop) {
        guard depth < maxDepth else { throw .syntax(position: c.pos, reason: "nesting deeper than \(maxDepth)") }
        let index = open(.array, at: c.pos)
        c.pos &+= 1
        c.skipWhitespace()
        var count = 0
        if try c.peek() == UInt8(ascii: "]") {
            c.pos &+= 1
            close(index, end: c.pos, count: 0)
            return
        }
        while true {
            try value(&c, depth: depth + 1)
            count += 1
            c.skipWhitespace()
            let b = try c.peek()
            c.pos &+= 1
            if b == UInt8(ascii: "]") { break }
            guard b == UInt8(ascii: ",") else { throw .syntax(position: c.pos - 1, reason: "expected ',' or ']' in an array") }
        }
        close(index, end: c.pos, count: count)
    }

    private mutating func string(_ c: inout Cursor) throws(Stop) {
        var i = c.pos &+ 1
        let start = i
        var flags: UInt8 = 0
        let p = c.p
        while true {
            while i < c.end, case let b = p[i], b != UInt8(ascii: "\""), b != UInt8(ascii: "\\"), b >= 0x20 { i &+= 1 }
            guard i < c.end else { throw c.atEnd ? .syntax(position: c.pos, reason: "unterminated string") : .needMore }
            let b = p[i]
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { throw .syntax(position: i, reason: "control character 0x\(String(b, radix: 16)) in a string") }
            flags = Node.escaped
            guard i + 1 < c.end else { throw c.atEnd ? .syntax(position: i, reason: "unterminated string") : .needMore }
            switch p[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i &+= 2
            case UInt8(ascii: "u"):
                guard i + 6 <= c.end else { throw c.atEnd ? .syntax(position: i, reason: "unterminated string") : .needMore }
                for k in 2..<6 where JSONString.hexValue(p[i + k]) == nil {
                    throw .syntax(position: i, reason: "invalid \\u escape")
                }
                i &+= 6
            default:
                throw .syntax(position: i, reason: "invalid escape '\\\(Self.show(p[i + 1]))'")
            }
        }
        nodes.append(Node(kind: .string, flags: flags, start: Int32(truncatingIfNeeded: start),
            end: Int32(truncatingIfNeeded: i), next: Int32(truncatingIfNeeded: nodes.count + 1), count: 0))
        c.pos = i &+ 1
    }

    private mutating func literal(_ c: inout Cursor, _ word: StaticString, _ kind: Kind) throws(Stop) {
        let n = word.utf8CodeUnitCount
        for k in 0..<n {
            guard c.pos + k < c.end else { throw c.atEnd ? .syntax(position: c.pos, reason: "truncated literal") : .needMore }
            guard c.p[c.pos + k] == word.utf8Start[k] else { throw .syntax(position: c.pos, reason: "invalid literal") }
        }
        nodes.append(Node(kind: kind, flags: 0, start: Int32(truncatingIfNeeded: c.pos),
            end: Int32(truncatingIfNeeded: c.pos + n), next: Int32(truncatingIfNeeded: nodes.count + 1), count: 0))
        c.pos += n
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func number(_ c: inout Cursor) throws(Stop) {
        let p = c.p
        let start = c.pos
        var i = start
        var flags: UInt8 = 0
        func digits(_ i: inout Int) -> Int {
            let from = i
            while i < c.end && p[i] &- 0x30 < 10 { i &+= 1 }
            return i - from
        }
        if p[i] == UInt8(ascii: "-") { i &+= 1 }
        let intStart = i
        let intDigits = digits(&i)
        if i < c.end && p[i] == UInt8(ascii: ".") {
            i &+= 1
            flags = Node.fractional
            guard digits(&i) > 0 || (i == c.end && !c.atEnd) else { throw .syntax(position: i, reason: "expected digits after '.'") }
        }
        if i < c.end && p[i] | 0x20 == UInt8(ascii: "e") {
            i &+= 1
            flags = Node.fractional
            if i < c.end && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i &+= 1 }
            guard digits(&i) > 0 || (i == c.end && !c.atEnd) else { throw .syntax(position: i, reason: "expected exponent digits") }
        }
        // A number touching the window's end may go on in the next read.
        if i == c.end && !c.atEnd { throw .needMore }
        guard intDigits > 0 else { throw .syntax(position: start, reason: "invalid number") }
        guard intDigits == 1 || p[intStart] != UInt8(ascii: "0") else { throw .syntax(position: start, reason: "leading zero in a number") }
        nodes.append(Node(kind: .number, flags: flags, start: Int32(truncatingIfNeeded: start),
            end: Int32(truncatingIfNeeded: i), next: Int32(truncatingIfNeeded: nodes.count + 1), count: 0))
        c.pos = i
    }

    static func show(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16, uppercase: true)
    }
}
