import Columnar

/// How to read a CSV file. Options left nil are sniffed from a sample, as DuckDB's `read_csv` does.
public struct CSVOptions: Sendable {
    /// Field separator (one ASCII byte); nil sniffs among `,` `|` `;` and tab.
    public var delimiter: UInt8?
    /// Quote character; fields in quotes may hold delimiters, newlines and doubled quotes (RFC 4180).
    public var quote: UInt8 = UInt8(ascii: "\"")
    /// Escape character inside quoted fields; nil means the quote itself (a doubled quote).
    public var escape: UInt8?
    /// Whether the first record names the columns; nil sniffs it.
    public var header: Bool?
    /// Unquoted fields equal to one of these are NULL.
    public var nullStrings: [String] = [""]
    /// Quoted fields equal to a null string are NULL too (DuckDB's `allow_quoted_nulls`).
    public var allowQuotedNulls = true
    /// Lines skipped before anything else (before the header).
    public var skipRows = 0
    /// Lines that start with this byte are skipped.
    public var comment: UInt8?
    /// Column names and types; overrides inference. With `header` true, the header row is skipped.
    public var schema: Schema?
    /// Records the sniffer reads to infer the dialect and types.
    public var sampleRows = 20_480
    /// Infer fixed-point columns as `decimal(p, s)` instead of `float64`.
    public var inferDecimal = false
    /// Records with fewer fields than columns are padded with NULLs instead of being rejected.
    public var nullPadding = false
    public var compression: Compression = .auto
    public var encoding: TextEncoding = .utf8
    public var onError: ErrorPolicy = .fail
    /// The name used in error messages (a path or object key).
    public var fileName = ""
    /// Bytes read at a time; also the sniffer's sample window.
    public var bufferBytes = 4 << 20
    /// The longest record accepted.
    public var maxRecordBytes = 64 << 20
    /// The input continues a file from a record boundary (a byte range of a split file, see `CSVByteRanges`):
    /// it is read as it is, with no compression, byte-order mark or header looked for, and needs `schema` and
    /// `delimiter`. Line numbers count from the range's start.
    public var continuesFile = false

    public init() {}

    /// The escape in effect.
    var escapeByte: UInt8 { escape ?? quote }

    func validate() throws {
        for (name, byte) in [("delimiter", delimiter), ("quote", quote), ("escape", escape), ("comment", comment)] {
            if let byte, byte >= 0x80 || byte == 0x0A || byte == 0x0D {
                throw TextFormatError.make(.invalidArgument, "CSV \(name) must be one ASCII character other than CR or LF")
            }
        }
        if let delimiter, delimiter == quote {
            throw TextFormatError.make(.invalidArgument, "CSV delimiter and quote must differ")
        }
        if continuesFile, schema == nil || delimiter == nil || header != false || skipRows != 0 {
            throw TextFormatError.make(.invalidArgument, "a CSV byte range needs the file's schema and delimiter, and has no header or skipped rows")
        }
        guard skipRows >= 0, sampleRows > 0, bufferBytes >= 16, maxRecordBytes >= bufferBytes,
            maxRecordBytes <= 1 << 30
        else {
            throw TextFormatError.make(.invalidArgument, "CSV sizes must be positive (buffer <= max record <= 1 GiB)")
        }
    }
}
