import Columnar

/// Schema inference: the first `sampleRows` records of the window are parsed (without consuming them) and
/// their shapes merged; the top-level object's fields become the columns.
extension JSONReader {
    static func inferSchema(_ buffer: ChunkBuffer, options: JSONOptions, inArray: Bool) throws -> Schema {
        var tape = JSONTape(maxDepth: options.maxDepth)
        var shape = JSONShape.unknown
        var pos = buffer.start
        var records = 0
        let p = buffer.base
        while records < options.sampleRows {
            while pos < buffer.end, case let b = p[pos], b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || (inArray && b == UInt8(ascii: ",")) {
                pos += 1
            }
            if pos >= buffer.end || (inArray && p[pos] == UInt8(ascii: "]")) { break }
            do {
                try tape.parse(p, &pos, end: buffer.end, atEnd: buffer.atEnd)
            } catch .needMore {
                break
            } catch .syntax(let at, _) {
                if inArray { break }
                pos = at + 1
                while pos < buffer.end && p[pos - 1] != 0x0A { pos += 1 }
                continue
            }
            records += 1
            if tape.nodes[0].kind == .object { shape = shape.merged(with: Self.shape(tape, 0, p)) }
        }
        guard case .object(let fields) = shape else { return Schema([]) }
        return Schema(fields.map { Field($0.name, $0.shape.resolved(options)) })
    }

    /// The shape of the value at tape index `i`.
    static func shape(_ tape: JSONTape, _ i: Int, _ p: UnsafePointer<UInt8>) -> JSONShape {
        let node = tape.nodes[i]
        let start = p + Int(node.start)
        let length = Int(node.end - node.start)
        switch node.kind {
        case .null: return .unknown
        case .true, .false: return .boolean
        case .number:
            if node.flags & JSONTape.Node.fractional == 0, TextParse.int64(start, length) != nil {
                return .bigint(digits: length - (start[0] == UInt8(ascii: "-") ? 1 : 0))
            }
            if let decimal = TextParse.decimalShape(start, length), !(0..<length).contains(where: { start[$0] | 0x20 == UInt8(ascii: "e") }) {
                return .number(integer: decimal.integer, fraction: decimal.fraction, exact: true)
            }
            return .number(integer: 0, fraction: 0, exact: false)
        case .string:
            var inference = TextTypeInference()
            if node.flags & JSONTape.Node.escaped == 0 {
                inference.observe(start, length)
            } else {
                inference.observe(JSONString.decode(start, length))
            }
            return .string(inference)
        case .array:
            var element = JSONShape.unknown
            var child = i + 1
            for _ in 0..<node.count {
                element = element.merged(with: shape(tape, child, p))
                child = Int(tape.nodes[child].next)
            }
            return .list(element)
        case .object:
            var fields: [(name: String, shape: JSONShape)] = []
            var child = i + 1
            for _ in 0..<node.count {
                let key = tape.nodes[child]
                let name = JSONString.decode(p + Int(key.start), Int(key.end - key.start))
                let value = shape(tape, child + 1, p)
                let text = String(decoding: name, as: UTF8.self)
                if let k = fields.firstIndex(where: { $0.name == text }) { fields[k].shape = value } else { fields.append((text, value)) }
                child = Int(tape.nodes[child + 1].next)
            }
            return .object(fields)
        }
    }
}
