import Foundation

extension HoodieTableConfig {
    /// Hudi's `hoodie.table.checksum`: CRC32 of the UTF-8 bytes of `<databaseName>.<tableName>`, the database
    /// name being empty when absent (HoodieTableConfig.generateChecksum).
    public static func checksum(databaseName: String?, tableName: String) -> UInt32 {
        CRC32.checksum(Array("\(databaseName ?? "").\(tableName)".utf8))
    }

    /// Throws when a stored checksum does not parse or does not match; a table without one passes (as in Java).
    public func verifyChecksum() throws {
        guard let stored = properties[Key.checksum] else { return }
        guard let value = UInt64(stored) else {
            throw TableFormatError(.invalidConfig, "'\(Key.checksum)' is '\(stored)', not an integer")
        }
        let expected = HoodieTableConfig.checksum(databaseName: databaseName, tableName: name)
        guard value == UInt64(expected) else {
            throw TableFormatError(.checksumMismatch,
                                   "'\(Key.checksum)' is \(stored) but '\(databaseName ?? "").\(name)' gives \(expected)")
        }
    }

    /// The file as Java's `Properties.store` writes it, with the checksum recomputed and put last.
    public func serialized(savedAt date: Date = Date()) -> String {
        var body = entries.filter { $0.key != Key.checksum }
        body.append((Key.checksum, String(HoodieTableConfig.checksum(databaseName: databaseName, tableName: name))))
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let javaDate = DateFormatter()
        javaDate.locale = Locale(identifier: "en_US_POSIX")
        javaDate.timeZone = TimeZone(identifier: "UTC")
        javaDate.dateFormat = "EEE MMM dd HH:mm:ss zzz yyyy"
        return JavaProperties.serialize(body, comments: ["Properties saved on \(iso.string(from: date))", javaDate.string(from: date)])
    }
}
