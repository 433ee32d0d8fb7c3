import Columnar

/// How to read JSON: one value per line (JSON Lines) or one top-level array of records.
public struct JSONOptions: Sendable {
    public enum Format: String, Sendable {
        /// A top-level array if the text starts with `[`, otherwise a sequence of values (JSON Lines).
        case auto
        /// Values one after another, separated by whitespace (normally one per line).
        case lines
        /// One top-level array whose elements are the records.
        case array
    }

    /// What to do with an object key the schema has no field for.
    public enum UnknownKeys: String, Sendable {
        case ignore
        /// The record is rejected (a `schemaMismatch` RowError).
        case error
    }

    public var format: Format = .auto
    /// Columns and types; overrides inference. Keys not in it follow `unknownKeys`.
    public var schema: Schema?
    public var unknownKeys: UnknownKeys = .ignore
    /// Records the inference reads.
    public var sampleRows = 20_480
    /// Infer numbers with a fraction (and no exponent) as `decimal(p, s)` instead of `float64`.
    public var inferDecimal = false
    /// Infer strings that are all dates or timestamps as those types (DuckDB's default).
    public var inferTemporal = true
    /// Nesting deeper than this is an error (guards the recursive parser).
    public var maxDepth = 256
    public var compression: Compression = .auto
    public var encoding: TextEncoding = .utf8
    public var onError: ErrorPolicy = .fail
    /// The name used in error messages.
    public var fileName = ""
    public var bufferBytes = 4 << 20
    /// The longest record accepted.
    public var maxRecordBytes = 64 << 20

    public init() {}

    func validate() throws {
        guard sampleRows > 0, maxDepth > 0, bufferBytes >= 16, maxRecordBytes >= bufferBytes, maxRecordBytes <= 1 << 30 else {
            throw TextFormatError.make(.invalidArgument, "JSON sizes must be positive (buffer <= max record <= 1 GiB)")
        }
    }
}
