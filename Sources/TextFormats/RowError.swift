import Columnar

/// One rejected record: where it is, which column failed, its raw text and why. Readers hand these to the
/// caller under `ErrorPolicy.collect`, so ingest can quarantine them.
public struct RowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: TextFormatError.Code
    /// The input's name as the caller gave it (a path or object key).
    public var file: String
    /// 1-based line where the record starts.
    public var line: Int
    /// 0-based column index, when one column is at fault.
    public var columnIndex: Int?
    public var columnName: String?
    /// The offending field text, when one field is at fault.
    public var value: String?
    /// The whole record as read (invalid UTF-8 replaced by U+FFFD).
    public var record: String
    /// What went wrong, without the place (the place is in the fields above).
    public var reason: String

    public init(
        code: TextFormatError.Code, file: String, line: Int, columnIndex: Int? = nil, columnName: String? = nil,
        value: String? = nil, record: String, reason: String
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.columnIndex = columnIndex
        self.columnName = columnName
        self.value = value
        self.record = record
        self.reason = reason
    }

    /// `"<class>: file 'f', line 17, column 'amount': <reason>"`.
    public var message: String {
        var place = file.isEmpty ? "line \(line)" : "file '\(file)', line \(line)"
        if let columnName { place += ", column '\(columnName)'" } else if let columnIndex { place += ", column \(columnIndex + 1)" }
        return "\(TextFormatError.prefix(code)): \(place): \(reason)"
    }

    public var description: String { message }

    /// The error thrown when the policy is `fail`.
    public var error: TextFormatError { TextFormatError(code, message) }
}

/// What a reader does with a malformed record.
public enum ErrorPolicy: Sendable, Hashable {
    /// Throw the first `RowError` as a `TextFormatError`.
    case fail
    /// Drop it; only the counts remember it.
    case skip
    /// Drop it from the batches and keep it for `takeRejected()`.
    case collect
}

/// Records read so far. `read == accepted + rejected` always holds: no record is lost silently.
public struct RowCounts: Sendable, Hashable {
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    public init() {}
}

/// The surface both text readers share, so SQL scans and ingest treat CSV and JSON alike.
public protocol TextBatchReader: AnyObject {
    /// The columns of every batch.
    var schema: Schema { get }
    /// The next batch of at most `Batch.capacity` rows, or nil at the end.
    func next() throws -> Batch?
    var counts: RowCounts { get }
    /// Rejected records collected since the last call (only under `ErrorPolicy.collect`).
    func takeRejected() -> [RowError]
}
