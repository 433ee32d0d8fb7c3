import Columnar

/// The per-type column loops. Each walks the segment's rows once, reads field `c` of every record as a byte
/// span, decides NULL, parses, and writes the value in place; no String is made for a valid value.
extension CSVReader {
    func convertColumn(_ c: Int, _ s: Segment, _ failures: inout [Failure]) throws {
        switch builders[c].type {
        case .string: try convertBytes(c, s, validate: s.validateUTF8, &failures)
        case .binary: try convertBytes(c, s, validate: false, &failures)
        case .boolean: convertFixed(c, s, &failures) { p, n in TextParse.boolean(p, n).map { $0 ? UInt8(1) : 0 } }
        case .int8: convertFixed(c, s, &failures) { p, n in TextParse.int64(p, n).flatMap { Int8(exactly: $0) } }
        case .int16: convertFixed(c, s, &failures) { p, n in TextParse.int64(p, n).flatMap { Int16(exactly: $0) } }
        case .int32: convertFixed(c, s, &failures) { p, n in TextParse.int64(p, n).flatMap { Int32(exactly: $0) } }
        case .int64: convertFixed(c, s, &failures) { p, n in TextParse.int64(p, n) }
        case .uint8: convertFixed(c, s, &failures) { p, n in TextParse.uint64(p, n).flatMap { UInt8(exactly: $0) } }
        case .uint16: convertFixed(c, s, &failures) { p, n in TextParse.uint64(p, n).flatMap { UInt16(exactly: $0) } }
        case .uint32: convertFixed(c, s, &failures) { p, n in TextParse.uint64(p, n).flatMap { UInt32(exactly: $0) } }
        case .uint64: convertFixed(c, s, &failures) { p, n in TextParse.uint64(p, n) }
        case .float32: convertFixed(c, s, &failures) { p, n in TextParse.double(p, n).map { Float($0) } }
        case .float64: convertFixed(c, s, &failures) { p, n in TextParse.double(p, n) }
        case .decimal(let precision, let scale) where precision <= 18:
            convertFixed(c, s, &failures) { p, n in
                TextParse.decimal(p, n, precision: precision, scale: scale).map { Int64(truncatingIfNeeded: $0) }
            }
        case .decimal(let precision, let scale):
            convertFixed(c, s, &failures) { p, n in TextParse.decimal(p, n, precision: precision, scale: scale) }
        case .date: convertFixed(c, s, &failures) { p, n in TextParse.date(p, n) }
        case .time(let unit): convertFixed(c, s, &failures) { p, n in TextParse.time(p, n, unit: unit) }
        case .timestamp(let unit, _): convertFixed(c, s, &failures) { p, n in TextParse.timestamp(p, n, unit: unit)?.value }
        default:
            throw TextFormatError.make(.invalidArgument, "CSV column '\(schema.fields[c].name)' cannot be \(TypeName.of(builders[c].type))")
        }
    }

    /// Whether a field is NULL for a non-string column: empty, or equal to a null string.
    @inline(__always)
    private func isNull(_ p: UnsafePointer<UInt8>, _ n: Int, flags: UInt8, emptyIsNull: Bool) -> Bool {
        if n == 0 { return emptyIsNull || (nullIsEmpty && (flags == 0 || options.allowQuotedNulls)) }
        if nullIsEmpty { return false }
        if flags & CSVTokenizer.Field.quoted != 0 && !options.allowQuotedNulls { return false }
        for null in nullStrings where null.count == n {
            if null.withUnsafeBufferPointer({ $0.elementsEqual(UnsafeBufferPointer(start: p, count: n)) }) { return true }
        }
        return false
    }

    @inline(__always)
    private func convertFixed<T: BitwiseCopyable>(
        _ c: Int, _ s: Segment, _ failures: inout [Failure], _ parse: (UnsafePointer<UInt8>, Int) -> T?
    ) {
        let builder = builders[c]
        let n = s.rows.count
        let width = MemoryLayout<T>.stride
        let firstRow = builder.count
        var nulls: [Int] = []
        builder.values.appendUninitialized(capacity: n * width) { raw in
            for k in 0..<n {
                let r = Int(s.rows[k])
                let record = s.records[r]
                let slot = raw.baseAddress! + k * width
                guard c < Int(record.fieldCount) else {
                    slot.initializeMemory(as: UInt8.self, repeating: 0, count: width)
                    nulls.append(k)
                    continue
                }
                let field = s.fields[Int(record.firstField) &+ c]
                var p = s.base + Int(field.start)
                var length = Int(field.end &- field.start)
                if isNull(p, length, flags: field.flags, emptyIsNull: true) {
                    slot.initializeMemory(as: UInt8.self, repeating: 0, count: width)
                    nulls.append(k)
                    continue
                }
                if field.flags & CSVTokenizer.Field.escaped != 0 { (p, length) = unescaped(p, length) }
                if let value = parse(p, length) {
                    slot.storeBytes(of: value, as: T.self)
                } else {
                    slot.initializeMemory(as: UInt8.self, repeating: 0, count: width)
                    failures.append(conversionFailure(r, c, p, length))
                }
            }
            return n * width
        }
        builder.commitRows(n)
        for k in nulls { builder.setNull(firstRow + k) }
    }

    private func convertBytes(_ c: Int, _ s: Segment, validate: Bool, _ failures: inout [Failure]) throws {
        let builder = builders[c]
        let n = s.rows.count
        var total = 0
        for k in 0..<n {
            let record = s.records[Int(s.rows[k])]
            if c < Int(record.fieldCount) {
                let field = s.fields[Int(record.firstField) &+ c]
                total &+= Int(field.end &- field.start)
            }
        }
        let startBytes = builder.values.count
        guard startBytes + total <= Int(Int32.max) else {
            throw TextFormatError.make(.tooLarge, "column '\(schema.fields[c].name)' holds more than 2 GiB in one batch")
        }
        let firstRow = builder.count
        var nulls: [Int] = []
        let firstOffset = builder.offsets.count
        builder.offsets.append(contentsOf: repeatElement(0, count: n))
        builder.offsets.withUnsafeMutableBufferPointer { allOffsets in
            let offsets = UnsafeMutableBufferPointer(rebasing: allOffsets[firstOffset...])
            builder.values.appendUninitialized(capacity: total) { raw in
                let out = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                var written = 0
                for k in 0..<n {
                    let r = Int(s.rows[k])
                    let record = s.records[r]
                    if c < Int(record.fieldCount), case let field = s.fields[Int(record.firstField) &+ c],
                        !isNull(s.base + Int(field.start), Int(field.end &- field.start), flags: field.flags, emptyIsNull: false) {
                        let before = written
                        written &+= copy(field, from: s.base, to: out + written)
                        if validate, let bad = UTF8Validation.firstInvalid(out + before, written &- before) {
                            failures.append(encodingFailure(r, c, field: field, offset: bad, byte: out[before + bad]))
                        }
                    } else {
                        nulls.append(k)
                    }
                    offsets[k] = Int32(truncatingIfNeeded: startBytes &+ written)
                }
                return written
            }
        }
        builder.commitRows(n)
        for k in nulls { builder.setNull(firstRow + k) }
    }

    /// Copies a field's bytes (unescaped if it must be); returns the bytes written.
    @inline(__always)
    private func copy(_ field: CSVTokenizer.Field, from base: UnsafePointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let p = base + Int(field.start)
        let length = Int(field.end &- field.start)
        if field.flags & CSVTokenizer.Field.escaped != 0 { return unescape(p, length, into: out) }
        out.update(from: p, count: length)
        return length
    }

    /// Copies a quoted field's content without its doubled quotes or escapes; returns the bytes written.
    private func unescape(_ p: UnsafePointer<UInt8>, _ n: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let quote = options.quote
        let escape = options.escapeByte
        var i = 0
        var written = 0
        while i < n {
            if p[i] == escape && i + 1 < n && (p[i + 1] == quote || p[i + 1] == escape) { i += 1 }
            out[written] = p[i]
            written += 1
            i += 1
        }
        return written
    }

    /// A field's unescaped bytes in `scratch` (valid until the next call).
    private func unescaped(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
        scratch.reserve(n)
        scratch.count = unescape(p, n, into: scratch.pointer)
        return (UnsafePointer(scratch.pointer), scratch.count)
    }

    private func conversionFailure(_ record: Int, _ c: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Failure {
        let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        return Failure(record: record, column: c, code: .conversion,
            reason: "could not convert '\(text)' to \(TypeName.of(schema.fields[c].type))")
    }

    private func encodingFailure(_ record: Int, _ c: Int, field: CSVTokenizer.Field, offset: Int, byte: UInt8) -> Failure {
        let start = tokenizer.records[record].start
        let position = Int(field.start - start) + offset + 1
        let hex = String(byte, radix: 16, uppercase: true)
        return Failure(record: record, column: c, code: .invalidEncoding,
            reason: "invalid UTF-8 byte 0x\(hex) at byte \(position) of the record")
    }
}
