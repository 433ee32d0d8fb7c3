import Columnar
import Parquet
import Storage
import TableFormat
import TextFormats

/// How text sources are parsed: the CSV and JSON reader options ingest passes on (schema and error policy are
/// ingest's own).
public struct TextSourceOptions: Sendable {
    public var csv = CSVOptions()
    public var json = JSONOptions()
    public init() {}
}

/// How to read one file: the column types to force, and for CSV the dialect the first look sniffed (so the
/// second open reads the header the same way).
struct ReadPlan: Equatable {
    var schema: Schema?
    var header: Bool?
    var delimiter: UInt8?
}

/// One source file as batches: CSV and JSON through TextFormats' readers (rejected records collected for
/// quarantine), Parquet through the Parquet reader over a ranged-GET byte source.
final class SourceReader {
    let file: SourceFile
    let schema: Schema
    private let text: (any TextBatchReader)?
    private var csv: CSVReader?
    private var parquet: ParquetBatchIterator?
    private var parquetRows = 0

    /// The dialect in effect, and the schema.
    private(set) var plan = ReadPlan()

    /// Opens `file`, or the byte range `piece` names; `plan` forces the text readers' column types (nil:
    /// inferred from a sample).
    init(file: SourceFile, options: TextSourceOptions, plan given: ReadPlan, piece: SourcePiece? = nil) throws {
        self.file = file
        let forced = given.schema
        switch file.format {
        case .csv:
            var csv = options.csv
            csv.schema = forced ?? csv.schema
            csv.header = given.header ?? csv.header
            csv.delimiter = given.delimiter ?? csv.delimiter
            csv.onError = .collect
            csv.fileName = file.location
            if let piece, piece.part > 0 {
                (csv.continuesFile, csv.header, csv.compression) = (true, false, .none)
            }
            let reader = try CSVReader(input: try SourceReader.input(file, range: piece?.range), options: csv)
            (text, schema, self.csv) = (reader, reader.schema, reader)
            plan = ReadPlan(schema: reader.schema, header: reader.hasHeader, delimiter: reader.delimiter)
        case .json:
            var json = options.json
            json.schema = forced ?? json.schema
            json.onError = .collect
            json.fileName = file.location
            let reader = try JSONReader(input: try SourceReader.input(file), options: json)
            (text, schema) = (reader, reader.schema)
            plan = ReadPlan(schema: reader.schema)
        case .parquet:
            let reader = try ParquetFileReader(source: try ObjectByteSource(store: file.store, key: file.key, size: file.size))
            text = nil
            schema = reader.schema
            parquet = reader.makeBatchIterator()
        }
    }

    /// The next batch (rejected text records are kept for `takeRejected`), or nil at the end.
    func next() throws -> Batch? {
        if let text { return try text.next() }
        guard let batch = try parquet?.next() else { return nil }
        parquetRows += batch.rowCount
        return batch
    }

    func takeRejected() -> [RowError] { text?.takeRejected() ?? [] }

    /// Records read so far: accepted and rejected.
    var rowsRead: Int { text?.counts.read ?? parquetRows }

    /// Lines of CSV text read so far (0 for other formats: their rejects count rows, not lines).
    var linesRead: Int { csv?.linesRead ?? 0 }

    /// The CSV text ended inside a quoted field.
    var endsInsideQuotes: Bool { csv?.endsInsideQuotes ?? false }

    /// The object's bytes as ranged reads of `chunk` bytes, so an S3 object streams; a local file is read
    /// straight into the reader's window instead (no chunk copies), up to its listed size either way.
    /// `range` reads those bytes only.
    static func input(_ file: SourceFile, range: Range<Int>? = nil, chunk: Int = 8 << 20) throws -> ByteInput {
        let range = range ?? 0..<file.size
        if let local = file.store as? LocalStore {
            return try FileInput(path: local.root + "/" + file.key, offset: range.lowerBound, limit: range.count)
        }
        var offset = range.lowerBound
        let (store, key, size) = (file.store, file.key, range.upperBound)
        return ChunkedInput {
            guard offset < size else { return nil }
            let end = min(size, offset + chunk)
            let bytes = try store.get(key, range: offset..<end)
            guard !bytes.isEmpty else { return nil }
            offset += bytes.count
            return bytes
        }
    }
}
