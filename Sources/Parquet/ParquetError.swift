/// Parquet: reads and writes Apache Parquet files into and out of Columnar vectors.
///
/// It knows no tables, no object stores and no SQL: bytes come in through `ByteSource` and go out through
/// `ByteSink`, so the layers above decide where files live. Sub-folders follow the spec: `Thrift/` (compact
/// protocol), `Metadata/` (parquet.thrift structs), `Schema/`, `Encoding/`, `Compression/`, `Reader/`, `Writer/`.

/// The one error type of the Parquet module: a closed code and a message naming the file, column path,
/// row group and page offset where they are known.
public struct ParquetError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case io, notParquet, corrupt, unsupported, encrypted, checksum, invalidArgument }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// Reading or writing the underlying bytes failed.
        public static let io = Code(.io)
        /// Missing magic, or too short to be Parquet.
        public static let notParquet = Code(.notParquet)
        /// Bytes that contradict the format: bad Thrift, bad lengths, bad levels, bad encodings.
        public static let corrupt = Code(.corrupt)
        /// Valid Parquet using a feature we do not implement (an unlinked codec, an unknown encoding).
        public static let unsupported = Code(.unsupported)
        /// Parquet Modular Encryption.
        public static let encrypted = Code(.encrypted)
        /// A page CRC mismatch (only when verification is on).
        public static let checksum = Code(.checksum)
        /// A caller asked for something impossible (unknown column, bad option).
        public static let invalidArgument = Code(.invalidArgument)
        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The same error with `context` (a file name, a column path) put in front of the message.
    public func prefixed(_ context: String) -> ParquetError {
        ParquetError(code, "\(context): \(message)")
    }
}
