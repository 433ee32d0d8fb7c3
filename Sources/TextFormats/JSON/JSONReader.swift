import Columnar

/// Streams JSON Lines or a top-level JSON array of objects as batches of `Batch.capacity` rows.
///
/// Each record is parsed into a `JSONTape` over the window and converted straight into the column builders;
/// a record that is not JSON, not an object, or holds a value that does not convert becomes a `RowError`
/// (its partial rows are truncated away). A syntax error inside a top-level array cannot be resynchronized,
/// so it ends the read under every policy.
public final class JSONReader: TextBatchReader {
    public let schema: Schema
    public let options: JSONOptions
    public internal(set) var counts = RowCounts()

    let buffer: ChunkBuffer
    var tape: JSONTape
    let columns: [JSONColumn]
    var rejected: [RowError] = []
    /// Reading a top-level array (after its `[`).
    var inArray = false
    /// The top-level array has ended; only whitespace may follow.
    var arrayClosed = false
    var finished = false
    /// Line of `lineCursor` (a window position up to which newlines are counted).
    var line = 1
    var lineCursor = 0
    /// Decoded string bytes, reused.
    let scratch = ScratchBytes()
    /// Value positions of the objects being converted: a frame of one slot per field for each nesting level,
    /// so never more slots than the schema has fields in all.
    let slots: UnsafeMutablePointer<Int32>

    public init(input: ByteInput, options: JSONOptions = JSONOptions()) throws {
        try options.validate()
        self.options = options
        let text = try InputPipeline.open(input, name: options.fileName, compression: options.compression, encoding: options.encoding)
        buffer = ChunkBuffer(input: text, capacity: options.bufferBytes, maxCapacity: options.maxRecordBytes)
        tape = JSONTape(maxDepth: options.maxDepth)
        try buffer.fillSample()
        lineCursor = 0
        inArray = try JSONReader.openArray(buffer, format: options.format)
        if let schema = options.schema {
            self.schema = schema
        } else {
            schema = try JSONReader.inferSchema(buffer, options: options, inArray: inArray)
        }
        columns = schema.fields.enumerated().map { JSONColumn($1, path: $1.name, topIndex: $0) }
        slots = .allocate(capacity: JSONReader.fieldCount(schema.fields.map(\.type)) + 1)
    }

    deinit { slots.deallocate() }

    /// Fields of all structs in `types`, the top level included.
    static func fieldCount(_ types: [DataType]) -> Int {
        types.reduce(types.count) { total, type in
            switch type {
            case .structure(let fields): total + fieldCount(fields.map(\.type))
            case .list(let element): total + fieldCount([element.type]) - 1
            case .map(let key, let value): total + fieldCount([key.type, value.type]) - 2
            default: total
            }
        }
    }

    public convenience init(path: String, options: JSONOptions = JSONOptions()) throws {
        var options = options
        if options.fileName.isEmpty { options.fileName = path }
        try self.init(input: FileInput(path: path), options: options)
    }

    public func takeRejected() -> [RowError] {
        defer { rejected.removeAll() }
        return rejected
    }

    public func next() throws -> Batch? {
        var rows = 0
        while !finished && rows < Batch.capacity {
            if try readRecord() { rows += 1 }
        }
        guard rows > 0 else { return nil }
        let vectors = columns.map { $0.builder.finish() }
        return Batch(schema: schema, columns: vectors, count: rows)
    }

    /// Refills the window keeping bytes from `keep` on; returns the shift applied to positions and whether
    /// anything new was read.
    private func refill(keeping keep: Int) throws -> (shift: Int, more: Bool) {
        countLines(to: keep)
        buffer.start = keep
        let more = try buffer.refill()
        let shift = keep - buffer.start
        lineCursor = buffer.start
        return (shift, more)
    }

    /// Skips whitespace and, in a top-level array, the separating commas and the closing bracket. True if a
    /// record (or stray text) starts at `pos`; false at the end of input.
    private func seekRecord(_ pos: inout Int) throws -> Bool {
        while true {
            let p = buffer.base  // moves when a refill grows the window
            let end = buffer.end
            while pos < end, case let b = p[pos],
                b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || (inArray && b == UInt8(ascii: ",")) {
                pos += 1
            }
            if pos < end {
                guard inArray && p[pos] == UInt8(ascii: "]") else { return true }
                pos += 1
                inArray = false
                arrayClosed = true
                continue
            }
            let (shift, more) = try refill(keeping: pos)
            pos -= shift
            guard more else {
                if inArray { throw syntaxError(at: pos, "unterminated top-level array") }
                finished = true
                return false
            }
        }
    }

    /// Reads and converts one record; true if it was accepted.
    private func readRecord() throws -> Bool {
        var pos = buffer.start
        guard try seekRecord(&pos) else { return false }
        if arrayClosed { throw syntaxError(at: pos, "unexpected text after the top-level array") }
        countLines(to: pos)
        var recordStart = pos
        let recordLine = line
        while true {
            do {
                try tape.parse(buffer.base, &pos, end: buffer.end, atEnd: buffer.atEnd)
                break
            } catch .needMore {
                let (shift, _) = try refill(keeping: recordStart)
                recordStart -= shift
                pos = recordStart
            } catch .syntax(let at, let reason) {
                counts.read += 1
                if inArray { throw syntaxError(at: at, reason) }
                let after = lineEnd(from: at)
                try reject(RowError(code: .malformedJSON, file: options.fileName, line: recordLine,
                    record: text(recordStart, after), reason: "\(reason) at byte \(at - recordStart + 1) of the record"))
                buffer.start = after
                return false
            }
        }
        counts.read += 1
        buffer.start = pos
        return try convertRecord(start: recordStart, end: pos, line: recordLine)
    }
}
