import Columnar

/// Streams a CSV input as batches of `Batch.capacity` rows.
///
/// The window (`ChunkBuffer`) is tokenized a segment at a time (records up to the batch's free room or the
/// window's end), then each column of the segment is converted in one tight loop over its field spans.
/// Records with a structural problem or a value that does not convert become `RowError`s; under `skip` and
/// `collect` the segment is converted again without them, so a rejected record leaves no trace in a batch.
public final class CSVReader: TextBatchReader {
    public let schema: Schema
    public let options: CSVOptions
    /// The dialect in effect (given or sniffed).
    public let delimiter: UInt8
    /// Whether the first record was a header (given or sniffed).
    public let hasHeader: Bool
    public internal(set) var counts = RowCounts()

    let buffer: ChunkBuffer
    var tokenizer: CSVTokenizer
    let builders: [ColumnBuilder]
    let nullStrings: [[UInt8]]
    /// The only null string is empty: the common case, tested by length alone.
    let nullIsEmpty: Bool
    var rejected: [RowError] = []
    var finished = false
    /// The input ended inside a quoted field: for a byte range of a split file, its end was no record boundary.
    public internal(set) var endsInsideQuotes = false
    /// Unescaped field bytes, reused.
    let scratch = ScratchBytes()

    /// Opens `input` (compressed or not, per `options`), sniffs what `options` leaves open, and reads the
    /// header if there is one.
    public init(input: ByteInput, options: CSVOptions = CSVOptions()) throws {
        try options.validate()
        self.options = options
        let text = options.continuesFile ? (options.encoding == .latin1 ? Latin1Input(input) : input)
            : try InputPipeline.open(input, name: options.fileName, compression: options.compression, encoding: options.encoding)
        buffer = ChunkBuffer(input: text, capacity: options.bufferBytes, maxCapacity: options.maxRecordBytes)
        try buffer.fillSample()
        try CSVReader.skipLines(options.skipRows, in: buffer)
        let dialect = try CSVSniffer(buffer: buffer, options: options).sniff()
        delimiter = dialect.delimiter
        hasHeader = dialect.header
        schema = dialect.schema
        tokenizer = CSVTokenizer(delimiter: delimiter, quote: options.quote, escape: options.escapeByte, comment: options.comment)
        tokenizer.skipEmptyLines = schema.fields.count > 1
        tokenizer.line = options.skipRows + 1
        builders = schema.fields.map { ColumnBuilder($0.type) }
        nullStrings = options.nullStrings.map { Array($0.utf8) }
        nullIsEmpty = nullStrings == [[]]
        if hasHeader { try skipHeader() }
    }

    /// A reader over a local file.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws {
        var options = options
        if options.fileName.isEmpty { options.fileName = path }
        try self.init(input: FileInput(path: path), options: options)
    }

    public func takeRejected() -> [RowError] {
        defer { rejected.removeAll() }
        return rejected
    }

    public func next() throws -> Batch? {
        while !finished && rowsInBatch < Batch.capacity {
            let outcome = try readSegment()
            if outcome == .end { finished = true }
        }
        guard rowsInBatch > 0 else { return nil }
        let columns = builders.map { $0.finish() }
        return Batch(schema: schema, columns: columns, count: columns.first?.count ?? 0)
    }

    var rowsInBatch: Int { builders.first?.count ?? 0 }

    /// Lines read so far (records, their embedded line breaks, header, blank and comment lines).
    public var linesRead: Int { tokenizer.line - 1 }

    /// Tokenizes records until the batch is full or the window is used up, converts them, and refills.
    private func readSegment() throws -> CSVTokenizer.Outcome {
        tokenizer.reset()
        var position = buffer.start
        var outcome = CSVTokenizer.Outcome.record
        let room = Batch.capacity - rowsInBatch
        while tokenizer.records.count < room {
            outcome = tokenizer.next(buffer.base, position: &position, end: buffer.end, atEnd: buffer.atEnd)
            if outcome != .record { break }
        }
        if !tokenizer.records.isEmpty { try convertSegment() }
        buffer.start = position
        if outcome == .needMore { _ = try buffer.refill() }
        return outcome
    }

    /// Reads the header record past (its names were taken by the sniffer).
    private func skipHeader() throws {
        var position = buffer.start
        while true {
            tokenizer.reset()
            let outcome = tokenizer.next(buffer.base, position: &position, end: buffer.end, atEnd: buffer.atEnd)
            if outcome != .needMore { break }
            _ = try buffer.refill()
            position = buffer.start
        }
        buffer.start = position
        tokenizer.reset()
    }

    /// Drops `count` raw lines (quotes are not honoured, as in DuckDB's `skip`).
    static func skipLines(_ count: Int, in buffer: ChunkBuffer) throws {
        var left = count
        while left > 0 {
            let p = buffer.base
            var i = buffer.start
            while left > 0 && i < buffer.end {
                if p[i] == 0x0A { left -= 1 }
                i += 1
            }
            buffer.start = i
            if left > 0, try !buffer.refill() { return }
        }
    }
}
