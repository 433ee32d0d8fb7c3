import Columnar

/// Scalars from JSON: numbers from their text, booleans from `true`/`false`, and any of them from a string
/// holding their text (DuckDB casts JSON strings to the column type).
extension JSONReader {
    func appendScalar(_ node: JSONTape.Node, _ column: JSONColumn) throws(Failure) {
        var p = UnsafePointer(buffer.base) + Int(node.start)
        var n = Int(node.end - node.start)
        switch node.kind {
        case .object, .array: throw mismatch(node, column)
        case .string where node.flags & JSONTape.Node.escaped != 0:
            JSONString.decode(p, n, into: scratch)
            (p, n) = (UnsafePointer(scratch.pointer), scratch.count)
        default: break
        }
        let builder = column.builder
        let stored: Bool
        switch column.field.type {
        case .boolean:
            if node.kind == .true || node.kind == .false { builder.append(UInt8(node.kind == .true ? 1 : 0)); return }
            stored = store(builder, node.kind == .string ? TextParse.boolean(p, n).map { $0 ? UInt8(1) : 0 } : nil)
        case .int8: stored = store(builder, number(node) ? TextParse.int64(p, n).flatMap { Int8(exactly: $0) } : nil)
        case .int16: stored = store(builder, number(node) ? TextParse.int64(p, n).flatMap { Int16(exactly: $0) } : nil)
        case .int32: stored = store(builder, number(node) ? TextParse.int64(p, n).flatMap { Int32(exactly: $0) } : nil)
        case .int64: stored = store(builder, number(node) ? TextParse.int64(p, n) : nil)
        case .uint8: stored = store(builder, number(node) ? TextParse.uint64(p, n).flatMap { UInt8(exactly: $0) } : nil)
        case .uint16: stored = store(builder, number(node) ? TextParse.uint64(p, n).flatMap { UInt16(exactly: $0) } : nil)
        case .uint32: stored = store(builder, number(node) ? TextParse.uint64(p, n).flatMap { UInt32(exactly: $0) } : nil)
        case .uint64: stored = store(builder, number(node) ? TextParse.uint64(p, n) : nil)
        case .float32: stored = store(builder, number(node) ? TextParse.double(p, n).map { Float($0) } : nil)
        case .float64: stored = store(builder, number(node) ? TextParse.double(p, n) : nil)
        case .decimal(let precision, let scale):
            let value = number(node) ? TextParse.decimal(p, n, precision: precision, scale: scale) : nil
            stored = precision <= 18 ? store(builder, value.map { Int64(truncatingIfNeeded: $0) }) : store(builder, value)
        case .date: stored = store(builder, node.kind == .string ? TextParse.date(p, n) : nil)
        case .time(let unit): stored = store(builder, node.kind == .string ? TextParse.time(p, n, unit: unit) : nil)
        case .timestamp(let unit, _): stored = store(builder, node.kind == .string ? TextParse.timestamp(p, n, unit: unit)?.value : nil)
        case .null: builder.appendNull(); return
        default: stored = false
        }
        guard stored else { throw mismatch(node, column) }
    }

    /// Numbers and strings can hold a number; booleans cannot.
    private func number(_ node: JSONTape.Node) -> Bool { node.kind == .number || node.kind == .string }

    private func store<T: BitwiseCopyable>(_ builder: ColumnBuilder, _ value: T?) -> Bool {
        guard let value else { return false }
        builder.append(value)
        return true
    }

    /// "could not convert <value> to <TYPE>".
    func mismatch(_ node: JSONTape.Node, _ column: JSONColumn) -> Failure {
        let raw = text(Int(node.start), Int(node.end))
        let shown = node.kind == .string ? "'\(raw)'" : raw.count > 64 ? String(raw.prefix(64)) + "..." : raw
        return Failure(code: .conversion, column: column, value: raw,
            reason: "could not convert \(shown) to \(TypeName.of(column.field.type))")
    }

    static func describe(_ kind: JSONTape.Kind) -> String {
        switch kind {
        case .null: "null"
        case .true, .false: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
