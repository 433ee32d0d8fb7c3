import Columnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tape to builders. Objects match keys to fields (trying the field at the same position first), arrays
/// become lists, and scalars are parsed from their text; a mismatch throws a `Failure` that rejects the
/// record after its partial rows are truncated away.
extension JSONReader {
    struct Failure: Error {
        var code: TextFormatError.Code
        /// The column at fault; nil for a key no column has.
        var column: JSONColumn?
        var value: String?
        var reason: String
    }

    func convertRecord(start: Int, end: Int, line: Int) throws -> Bool {
        let root = tape.nodes[0]
        guard root.kind == .object else {
            try reject(RowError(code: .schemaMismatch, file: options.fileName, line: line, record: text(start, end),
                reason: "expected a JSON object, found \(Self.describe(root.kind))"))
            return false
        }
        let rowsBefore = columns.first?.builder.count ?? 0
        // A local copy of the tape: reads of a local array need no exclusivity checks.
        let nodes = tape.nodes
        do throws(Failure) {
            try appendFields(0, columns, nodes, frame: 0)
        } catch {
            for column in columns { column.builder.truncate(to: rowsBefore) }
            try reject(RowError(code: error.code, file: options.fileName, line: line, columnIndex: error.column?.topIndex,
                columnName: error.column?.path, value: error.value, record: text(start, end), reason: error.reason))
            return false
        }
        counts.accepted += 1
        return true
    }

    /// Appends the object at tape index `i` as one row of `columns` (missing keys are NULL). Its field slots
    /// are `slots[frame..<frame + columns.count]`; nested objects use the slots after them.
    private func appendFields(_ i: Int, _ columns: [JSONColumn], _ nodes: ContiguousArray<JSONTape.Node>, frame: Int) throws(Failure) {
        let node = nodes[i]
        let frameSlots = slots + frame
        frameSlots.update(repeating: -1, count: columns.count)
        var child = i + 1
        for pair in 0..<Int(node.count) {
            let key = nodes[child]
            if let k = lookup(key, columns, hint: pair) {
                frameSlots[k] = Int32(child + 1)
            } else if options.unknownKeys == .error {
                let name = text(Int(key.start), Int(key.end))
                throw Failure(code: .schemaMismatch, column: nil, value: name, reason: "unknown key '\(name)'")
            }
            child = Int(nodes[child + 1].next)
        }
        for (k, column) in columns.enumerated() {
            let value = Int(frameSlots[k])
            if value < 0 { column.builder.appendNull() } else { try append(value, column, nodes, frame: frame + columns.count) }
        }
    }

    /// The index of the field named by `key` (trying the field at the key's position first), or nil.
    private func lookup(_ key: JSONTape.Node, _ columns: [JSONColumn], hint: Int) -> Int? {
        var p = UnsafePointer(buffer.base) + Int(key.start)
        var n = Int(key.end - key.start)
        if key.flags & JSONTape.Node.escaped != 0 {
            JSONString.decode(p, n, into: scratch)
            (p, n) = (UnsafePointer(scratch.pointer), scratch.count)
        }
        func matches(_ k: Int) -> Bool {
            columns[k].key.withUnsafeBufferPointer { $0.count == n && (n == 0 || memcmp($0.baseAddress!, p, n) == 0) }
        }
        if hint < columns.count && matches(hint) { return hint }
        return columns.indices.first(where: matches)
    }

    /// Appends the value at tape index `i` to `column`.
    private func append(_ i: Int, _ column: JSONColumn, _ nodes: ContiguousArray<JSONTape.Node>, frame: Int) throws(Failure) {
        let node = nodes[i]
        let builder = column.builder
        if node.kind == .null {
            builder.appendNull()
            return
        }
        switch column.field.type {
        case .structure:
            guard node.kind == .object else { throw mismatch(node, column) }
            try appendFields(i, column.children, nodes, frame: frame)
            builder.commitValid()
        case .list:
            guard node.kind == .array else { throw mismatch(node, column) }
            var element = i + 1
            for _ in 0..<node.count {
                try append(element, column.children[0], nodes, frame: frame)
                element = Int(nodes[element].next)
            }
            builder.closeList()
        case .map:
            guard node.kind == .object else { throw mismatch(node, column) }
            var key = i + 1
            for _ in 0..<node.count {
                try append(key, column.children[0], nodes, frame: frame)
                try append(key + 1, column.children[1], nodes, frame: frame)
                key = Int(nodes[key + 1].next)
            }
            builder.closeList()
        case .string, .binary:
            try appendText(node, column)
        default:
            try appendScalar(node, column)
        }
    }

    /// Strings as decoded text; other values as their JSON text (DuckDB's cast of JSON to VARCHAR).
    private func appendText(_ node: JSONTape.Node, _ column: JSONColumn) throws(Failure) {
        let p = UnsafePointer(buffer.base) + Int(node.start)
        let n = Int(node.end - node.start)
        var bytes = UnsafeRawBufferPointer(start: p, count: n)
        if node.kind == .string && node.flags & JSONTape.Node.escaped != 0 {
            JSONString.decode(p, n, into: scratch)
            bytes = UnsafeRawBufferPointer(scratch.bytes)
        }
        if case .string = column.field.type, !UTF8Validation.isASCII(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count),
            let bad = UTF8Validation.firstInvalid(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count) {
            throw Failure(code: .invalidEncoding, column: column, value: nil,
                reason: "invalid UTF-8 byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at byte \(bad + 1) of the value")
        }
        do {
            try column.builder.appendBytes(bytes)
        } catch {
            throw Failure(code: .tooLarge, column: column, value: nil, reason: "\(error)")
        }
    }
}
