/// The file footer:
/// ```
/// "PAR1" | pages ... | FileMetaData (Thrift compact) | u32 LE footer_len | "PAR1"
/// ```
/// An encrypted footer ends in "PARE" instead and is rejected. Plaintext-footer encryption parses but sets
/// `FileMetaData.hasEncryptionAlgorithm` / `ColumnChunk.isEncrypted`; see `FileMetaData.requireUnencrypted()`.
public enum Footer {
    static let magic: [UInt8] = Array("PAR1".utf8)
    static let encryptedMagic: [UInt8] = Array("PARE".utf8)

    /// Reads and decodes the footer of `source`.
    public static func read(from source: ByteSource) throws -> FileMetaData {
        let size = source.size
        guard size >= 12 else {
            throw ParquetError(.notParquet, "file of \(size) bytes is too short to be Parquet (needs at least 12)")
        }
        let tail = try source.read(offset: size - 8, count: 8)
        let tailMagic = Array(tail[4..<8])
        if tailMagic == encryptedMagic {
            throw ParquetError(.encrypted, "encrypted footer (Parquet Modular Encryption) is not supported")
        }
        guard tailMagic == magic else {
            throw ParquetError(.notParquet, "missing PAR1 magic at the end of the file (found \(describe(tailMagic)))")
        }
        let head = try source.read(offset: 0, count: 4)
        guard head == magic else {
            throw ParquetError(.notParquet, "missing PAR1 magic at the start of the file (found \(describe(head)))")
        }
        let length = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard length <= size - 12 else {
            throw ParquetError(.corrupt, "footer length \(length) exceeds the \(size)-byte file")
        }
        let start = size - 8 - length
        let bytes = try source.read(offset: start, count: length)
        do {
            return try decode(bytes, fileOffset: start)
        } catch let error as ParquetError {
            throw error.prefixed("footer at offset \(start)")
        }
    }

    /// Decodes footer bytes (without the length and magic); `fileOffset` places error offsets in the file.
    public static func decode(_ bytes: [UInt8], fileOffset: Int = 0) throws -> FileMetaData {
        try CompactReader.decode(FileMetaData.self, from: bytes, baseOffset: fileOffset).value
    }

    /// `FileMetaData | u32 LE length | "PAR1"`: what a writer appends after the last page (and page indexes).
    public static func serialize(_ metadata: FileMetaData) -> [UInt8] {
        var writer = CompactWriter(reservingCapacity: 1024)
        metadata.encode(to: &writer)
        var bytes = writer.bytes
        let length = UInt32(truncatingIfNeeded: bytes.count)
        withUnsafeBytes(of: length.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: magic)
        return bytes
    }

    private static func describe(_ bytes: [UInt8]) -> String {
        bytes.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined()
    }
}

extension FileMetaData {
    /// True when the file uses Parquet Modular Encryption in plaintext-footer mode (field 8, or a column
    /// chunk carrying crypto metadata).
    public var isEncrypted: Bool {
        hasEncryptionAlgorithm || rowGroups.contains { $0.columns.contains(where: \.isEncrypted) }
    }

    /// Throws `.encrypted` for plaintext-footer encrypted files, which this reader cannot decrypt.
    public func requireUnencrypted() throws {
        guard !isEncrypted else {
            throw ParquetError(.encrypted, "encrypted columns (Parquet Modular Encryption, plaintext footer) are not supported")
        }
    }
}
