import Columnar

/// Casts to and from VARCHAR: printing each live row, or parsing it with the rules DuckDB uses for literals.
extension CastKernel {
    func toText(_ v: Vector, in batch: Batch) throws -> Vector {
        var builder = ByteVectorBuilder(.string, capacity: batch.count)
        var next = 0
        try batch.forEachRow { i in
            while next < i { builder.appendEmpty(); next += 1 }
            if v.isNull(i) { builder.appendNull() } else { try builder.append(Self.text(v, i)) }
            next = i + 1
        }
        while next < batch.count { builder.appendEmpty(); next += 1 }
        return builder.finish()
    }

    /// The text of row `i` (not null), as CAST(x AS VARCHAR) prints it.
    static func text(_ v: Vector, _ i: Int) -> String {
        switch v.type {
        case .boolean: return v.buffer.load(i, as: UInt8.self) != 0 ? "true" : "false"
        case .float32: return "\(v.buffer.load(i, as: Float.self))"
        case .float64: return "\(v.buffer.load(i, as: Double.self))"
        case .decimal(let p, let s):
            let raw = p <= 18 ? Int128(v.buffer.load(i, as: Int64.self)) : v.buffer.load(i, as: Int128.self)
            return ValueFormatter.decimal(raw, scale: s)
        case .date: return CivilCalendar.formatDate(days: Int(v.buffer.load(i, as: Int32.self)))
        case .timestamp(let unit, _):
            return CivilCalendar.formatTimestamp(micros: TemporalScale.toMicros(v.buffer.load(i, as: Int64.self), unit))
        case .time(let unit):
            return CivilCalendar.formatTime(micros: TemporalScale.toMicros(v.buffer.load(i, as: Int64.self), unit))
        case .string, .binary: return String(decoding: v.bytes(at: i), as: UTF8.self)
        default: return boxedText(v.value(at: i), v.type)
        }
    }

    /// Nested values and the rest: DuckDB's `[1, 2]`, `{'a': 1}` and `{k=v}` forms.
    static func boxedText(_ value: Value, _ type: DataType) -> String {
        switch (value, type) {
        case (.null, _): return "NULL"
        case (.list(let items), .list(let f)): return "[" + items.map { boxedText($0, f.type) }.joined(separator: ", ") + "]"
        case (.structure(let items), .structure(let fs)):
            return "{" + zip(items, fs).map { "'\($1.name)': \(boxedText($0, $1.type))" }.joined(separator: ", ") + "}"
        case (.map(let entries), .map(let k, let val)):
            return "{" + entries.map { "\(boxedText($0.key, k.type))=\(boxedText($0.value, val.type))" }
                .joined(separator: ", ") + "}"
        case (.bool(let b), _): return b ? "true" : "false"
        case (.int(let n), _): return "\(n)"
        case (.uint(let n), _): return "\(n)"
        case (.float(let d), _): return "\(d)"
        case (.decimal(let d), .decimal(_, let s)): return ValueFormatter.decimal(d, scale: s)
        case (.decimal(let d), _): return "\(d)"
        case (.string(let s), _): return s
        case (.bytes(let b), _): return String(decoding: b, as: UTF8.self)
        default: return "\(value)"
        }
    }

    func fromText(_ v: Vector, in batch: Batch) throws -> Vector {
        var validity = Validity.ensure(v.validity, count: batch.count)
        var out = Vector.nulls(to, count: 0)
        if let width = to.fixedWidth, !to.isNested {
            out = Vector(type: to, count: batch.count, buffer: ByteBuffer(bytes: repeatElement(0, count: width * batch.count)))
        }
        var boxed = [Value]()
        try v.withBytes { reader in
            try batch.forEachRow { i in
                if v.isNull(i) { return }
                if try !parse(reader.row(i), into: &out, row: i, boxed: &boxed) {
                    try fail(i, &validity, .conversion(reader.string(i), to: to))
                }
            }
        }
        if to.fixedWidth == nil || to.isNested {
            throw ExecutionError(.conversion, "Unimplemented type for cast (VARCHAR -> \(to.sqlName))")
        }
        return finish(out, validity)
    }

    /// Parses one value into slot `row` of `out`; false when the text is not a value of the type.
    private func parse(_ text: UnsafeRawBufferPointer, into out: inout Vector, row: Int, boxed: inout [Value]) throws
        -> Bool
    {
        switch to {
        case .boolean:
            guard let b = TextParsing.boolean(text) else { return false }
            store(UInt8(b ? 1 : 0), &out, row)
        case .int8: return storeInteger(text, Int8.self, &out, row)
        case .int16: return storeInteger(text, Int16.self, &out, row)
        case .int32: return storeInteger(text, Int32.self, &out, row)
        case .int64: return storeInteger(text, Int64.self, &out, row)
        case .uint8: return storeInteger(text, UInt8.self, &out, row)
        case .uint16: return storeInteger(text, UInt16.self, &out, row)
        case .uint32: return storeInteger(text, UInt32.self, &out, row)
        case .uint64: return storeInteger(text, UInt64.self, &out, row)
        case .float32, .float64, .float16:
            guard let d = TextParsing.double(text) else { return false }
            if to == .float64 { store(d, &out, row) } else if to == .float32 { store(Float(d), &out, row) } else {
                store(Float16Bits.fromFloat(Float(d)), &out, row)
            }
        case .decimal(let p, let s):
            guard let raw = TextParsing.decimal(text, precision: p, scale: s) else { return false }
            if p <= 18 { store(Int64(raw), &out, row) } else { store(raw, &out, row) }
        case .date:
            guard let days = TemporalParser.date(text) else { return false }
            store(days, &out, row)
        case .timestamp(let unit, _):
            guard let micros = TemporalParser.timestamp(text), let v = TemporalScale.fromMicros(micros, unit) else {
                return false
            }
            store(v, &out, row)
        case .time(let unit):
            guard let micros = TemporalParser.time(text), let v = TemporalScale.fromMicros(micros, unit) else {
                return false
            }
            store(v, &out, row)
        default:
            throw ExecutionError(.conversion, "Unimplemented type for cast (VARCHAR -> \(to.sqlName))")
        }
        return true
    }

    private func storeInteger<T: FixedWidthInteger & BitwiseCopyable>(_ text: UnsafeRawBufferPointer, _: T.Type, _ out: inout Vector, _ row: Int) -> Bool {
        guard let wide = TextParsing.integer(text), let v = T(exactly: wide) else { return false }
        store(v, &out, row)
        return true
    }

    private func store<T: BitwiseCopyable>(_ value: T, _ out: inout Vector, _ row: Int) {
        out.buffer.withUnsafeMutableBufferPointer(as: T.self) { $0[row] = value }
    }
}

/// Number and boolean literals in text, with surrounding spaces allowed.
enum TextParsing {
    static func trimmed(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer.SubSequence {
        var lo = 0, hi = text.count
        while lo < hi, text[lo] == 0x20 || text[lo] == 0x09 || text[lo] == 0x0A { lo += 1 }
        while hi > lo, text[hi - 1] == 0x20 || text[hi - 1] == 0x09 || text[hi - 1] == 0x0A { hi -= 1 }
        return text[lo..<hi]
    }

    static func integer(_ text: UnsafeRawBufferPointer) -> Int128? {
        let t = trimmed(text)
        var i = t.startIndex
        var negative = false
        if i < t.endIndex, t[i] == 0x2D || t[i] == 0x2B { negative = t[i] == 0x2D; i += 1 }
        guard i < t.endIndex else { return nil }
        var value: Int128 = 0
        while i < t.endIndex {
            let c = t[i]
            if c == 0x5F, i > t.startIndex, i + 1 < t.endIndex { i += 1; continue }  // 1_000
            guard c >= 0x30 && c <= 0x39 else { return nil }
            value = value * 10 + Int128(c - 0x30)
            if value > Int128(UInt64.max) * 2 { return nil }
            i += 1
        }
        return negative ? -value : value
    }

    static func double(_ text: UnsafeRawBufferPointer) -> Double? {
        let t = trimmed(text)
        guard !t.isEmpty, t.count < 400 else { return nil }
        return Double(String(decoding: t, as: UTF8.self))
    }

    /// Unscaled decimal of `scale` digits, rounded half away from zero; nil beyond `precision` digits.
    static func decimal(_ text: UnsafeRawBufferPointer, precision: Int, scale: Int) -> Int128? {
        let t = trimmed(text)
        var i = t.startIndex
        var negative = false
        if i < t.endIndex, t[i] == 0x2D || t[i] == 0x2B { negative = t[i] == 0x2D; i += 1 }
        var value: Int128 = 0, fraction = 0, digits = 0, seenPoint = false
        var firstDropped: UInt8? = nil
        while i < t.endIndex {
            let c = t[i]
            i += 1
            if c == 0x2E && !seenPoint { seenPoint = true; continue }
            guard c >= 0x30 && c <= 0x39 else { return nil }
            digits += 1
            if seenPoint && fraction == scale {
                if firstDropped == nil { firstDropped = c }
                continue
            }
            if seenPoint { fraction += 1 }
            value = value * 10 + Int128(c - 0x30)
            if value >= DecimalRescale.power(38) { return nil }
        }
        let roundUp = (firstDropped ?? 0x30) >= 0x35
        guard digits > 0 else { return nil }
        for _ in min(fraction, scale)..<scale { value *= 10 }
        if roundUp { value += 1 }
        guard value < DecimalRescale.power(precision) else { return nil }
        return negative ? -value : value
    }

    static func boolean(_ text: UnsafeRawBufferPointer) -> Bool? {
        switch String(decoding: trimmed(text), as: UTF8.self).lowercased() {
        case "true", "t", "1", "yes", "y", "on": true
        case "false", "f", "0", "no", "n", "off": false
        default: nil
        }
    }
}
