/// TextFormats: CSV and JSON text into Columnar batches, and batches back into CSV and JSON Lines.
///
/// Shared by the SQL engine (`read_csv`, `read_json`, `COPY`) and `sluice ingest`. Bytes come in through
/// `ByteInput` (a local file, memory, or any chunked stream such as an object-store body) and are decompressed
/// (gzip, zstd) and transcoded (Latin-1, UTF-8 BOM) by `InputPipeline`. `CSVReader` and `JSONReader` stream
/// `Batch`es of `Batch.capacity` rows with bounded memory; malformed rows become `RowError`s routed by
/// `ErrorPolicy`. `CSVWriter` and `JSONLinesWriter` write batches to a `ByteOutput`.
/// It imports Columnar and the zlib/zstd system libraries only: never Storage, Parquet or SQL.

/// The one error type of TextFormats: a closed code and a message naming the file, line, column and value.
/// Messages start with DuckDB's class prefix (`Conversion Error:`, `Invalid Input Error:`, `IO Error:`).
public struct TextFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case io, invalidArgument, malformedCSV, malformedJSON, invalidEncoding, conversion, schemaMismatch
            case compression, tooLarge
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// Reading or writing the underlying bytes failed.
        public static let io = Code(.io)
        /// A caller asked for something impossible (bad option, unsupported column type).
        public static let invalidArgument = Code(.invalidArgument)
        /// A CSV record that breaks the dialect: unterminated quote, wrong number of fields.
        public static let malformedCSV = Code(.malformedCSV)
        /// Text that is not JSON.
        public static let malformedJSON = Code(.malformedJSON)
        /// Bytes that are not valid UTF-8.
        public static let invalidEncoding = Code(.invalidEncoding)
        /// A value that does not convert to its column's type.
        public static let conversion = Code(.conversion)
        /// A JSON key the schema does not have (when extra keys are errors), or a value of the wrong shape.
        public static let schemaMismatch = Code(.schemaMismatch)
        /// A corrupt or truncated gzip / zstd stream.
        public static let compression = Code(.compression)
        /// A record longer than the configured maximum.
        public static let tooLarge = Code(.tooLarge)
        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// DuckDB's error class prefix for `code`.
    static func prefix(_ code: Code) -> String {
        switch code {
        case .io, .compression: "IO Error"
        case .conversion: "Conversion Error"
        case .invalidArgument: "Binder Error"
        default: "Invalid Input Error"
        }
    }

    /// An error whose message is `"<class>: <detail>"`.
    static func make(_ code: Code, _ detail: String) -> TextFormatError {
        TextFormatError(code, "\(prefix(code)): \(detail)")
    }
}
