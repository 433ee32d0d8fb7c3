/// TableFormat: reads Apache Hudi tables (table versions 6, 8 and 9; timeline layouts 1 and 2) stored in an
/// `ObjectStore`, into Columnar batches decoded by the Parquet reader.
///
/// Layers inside the module: `Config/` (hoodie.properties), `Timeline/` (instants and their files),
/// `Avro/` (the binary decoder and object container files that layout-2 commit metadata uses),
/// `FileSystem/` (base files, file groups, file slices, partitions), `Reader/` (`HudiTable`, schema
/// conversion and evolution, the batch streams). Vocabulary follows Hudi's Java names.

/// The one error type of TableFormat: a closed code and a message naming the instant, file or property.
public struct TableFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case notATable, invalidConfig, checksumMismatch, invalidInstant, invalidMetadata, invalidAvro
            case invalidFileName, unsupported, schemaMismatch, invalidArgument, io, conflict
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// No `.hoodie/hoodie.properties` under the path.
        public static let notATable = Code(.notATable)
        /// A missing or malformed table property.
        public static let invalidConfig = Code(.invalidConfig)
        /// `hoodie.table.checksum` does not match the table name.
        public static let checksumMismatch = Code(.checksumMismatch)
        /// A timeline file name that is not `<time>.<action>[.<state>]` (or `<requested>_<completed>.<action>`).
        public static let invalidInstant = Code(.invalidInstant)
        /// Commit metadata that is not the JSON or Avro Hudi writes.
        public static let invalidMetadata = Code(.invalidMetadata)
        /// Bytes that are not valid Avro (binary encoding, schema JSON or object container file).
        public static let invalidAvro = Code(.invalidAvro)
        /// A base file whose name is not `<fileId>_<writeToken>_<instantTime>.<extension>`.
        public static let invalidFileName = Code(.invalidFileName)
        /// A valid table using a feature not implemented (log-file merging, Lance base files, table version 5).
        public static let unsupported = Code(.unsupported)
        /// A base file's columns cannot be read under the table schema.
        public static let schemaMismatch = Code(.schemaMismatch)
        /// A caller asked for something impossible (unknown column, bad instant time).
        public static let invalidArgument = Code(.invalidArgument)
        /// Storage or Parquet failed underneath (the message carries their error).
        public static let io = Code(.io)
        /// Another writer got there first: a timeline file already exists, or a concurrent commit touched the
        /// same file groups.
        public static let conflict = Code(.conflict)
        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
