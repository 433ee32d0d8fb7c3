/// Ingest: loads files from folders, globs and object prefixes into Hudi tables, incrementally and exactly
/// once. `IncrementalIngest` lists a `SourceLocation`, skips the files the table's commits already list
/// (`IngestCheckpoint`), reads the rest (`SourceReader`: CSV, JSON, Parquet), validates rows
/// (`RecordValidator`), sends rejects to a quarantine table (`QuarantineTable`) and commits the rest with the
/// checkpoint in the same commit. `ParquetIngest` is the one-commit Parquet load it grew from.

/// The ingest module's one error type: a code and a message naming the source file, column or option.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// An option that cannot apply to this table or these sources (an unknown key column, say).
        case invalidOption
        /// A source whose schema does not fit the table.
        case schemaMismatch
        /// Nothing to ingest.
        case noSources
        /// A commit's ingest metadata that cannot be read.
        case invalidCheckpoint
        /// A record rejected under `--on-error fail`.
        case rejectedRecord
        /// A CSV file cut into byte ranges at an LF inside a quoted field: read whole instead.
        case unsafeSplit
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
