import Columnar

/// Where `COPY ... TO 'file'` writes, supplied by the layer that knows formats (as `TableFunctionProvider` is
/// for reads). Options arrive as constants with lower-case names (`format`, `header`, `delimiter`, ...).
public protocol FileWriterProvider: AnyObject {
    /// A writer of `schema`'s rows into `path` in `format`; nothing is visible at `path` until `finish()`.
    func writer(path: String, format: CopyFormat, schema: Schema, options: TableFunctionArguments) throws
        -> any BatchWriter
}

/// A file being written a batch at a time.
public protocol BatchWriter: AnyObject {
    func write(_ batch: Batch) throws
    /// Completes the file and makes it visible.
    func finish() throws
    /// Leaves nothing behind.
    func abort()
}

/// The file formats COPY reads and writes.
public enum CopyFormat: String, Sendable, CaseIterable {
    case parquet, csv, json

    /// The format a path's extension names (`.csv.gz` is CSV), if any.
    public init?(path: String) {
        var name = path.lowercased()
        for suffix in [".gz", ".gzip", ".zst", ".zstd"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "parquet": self = .parquet
        case "csv", "tsv": self = .csv
        case "json", "jsonl", "ndjson": self = .json
        default: return nil
        }
    }

    /// The table function reading this format (COPY FROM).
    var readFunction: String {
        switch self {
        case .parquet: "read_parquet"
        case .csv: "read_csv"
        case .json: "read_json"
        }
    }
}
