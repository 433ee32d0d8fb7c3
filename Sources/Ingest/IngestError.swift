/// Ingest: loads files into Hudi tables. So far, Parquet files in one commit (`ParquetIngest`); CSV and JSON
/// sources, incremental runs with checkpoints and quarantine build on it.

/// The ingest module's one error type: a code and a message naming the source file, column or option.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// An option that cannot apply to this table or these sources (an unknown key column, say).
        case invalidOption
        /// A source whose schema does not fit the table.
        case schemaMismatch
        /// Nothing to ingest.
        case noSources
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
