/// A base file, named `<fileId>_<writeToken>_<instantTime>.<extension>` (FSUtils).
public struct HoodieBaseFile: Sendable, Hashable {
    public var fileId: String
    public var writeToken: String
    /// The instant that wrote this slice (its requested time).
    public var instantTime: String
    public var fileExtension: String
    public var fileName: String
    /// Partition path relative to the base path ("" when non-partitioned).
    public var partitionPath: String
    /// The object key in the store.
    public var key: String
    /// Size in bytes, when known from a listing.
    public var size: Int?

    public init(fileName: String, partitionPath: String, key: String, size: Int? = nil) throws {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else {
            throw TableFormatError(.invalidFileName, "base file '\(key)' has no extension")
        }
        let stem = fileName[..<dot]
        let parts = stem.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw TableFormatError(.invalidFileName, "base file '\(key)' is not named <fileId>_<writeToken>_<instantTime>.<extension>")
        }
        guard HoodieInstant.isInstantTime(String(parts[2])) else {
            throw TableFormatError(.invalidFileName, "base file '\(key)' has instant time '\(parts[2])', not yyyyMMddHHmmss[SSS]")
        }
        self.fileId = String(parts[0])
        self.writeToken = String(parts[1])
        self.instantTime = String(parts[2])
        self.fileExtension = String(fileName[fileName.index(after: dot)...])
        self.fileName = fileName
        self.partitionPath = partitionPath
        self.key = key
        self.size = size
    }
}

/// One version of a file group: for copy-on-write exactly one base file.
public struct FileSlice: Sendable, Hashable {
    public var partitionPath: String
    public var fileId: String
    /// The base instant: the instant of the base file.
    public var baseInstantTime: String
    public var baseFile: HoodieBaseFile
}

/// All versions of one set of records in one partition, identified by (partitionPath, fileId).
public struct HoodieFileGroup: Sendable {
    public struct ID: Sendable, Hashable, CustomStringConvertible {
        public var partitionPath: String
        public var fileId: String
        public var description: String { partitionPath.isEmpty ? fileId : "\(partitionPath)/\(fileId)" }
    }

    public var id: ID
    /// Slices sorted by base instant, oldest first.
    public var slices: [FileSlice]

    /// The greatest slice whose base instant is ≤ `instant` and `isCommitted`.
    public func latestSlice(atOrBefore instant: String, isCommitted: (String) -> Bool) -> FileSlice? {
        slices.last { $0.baseInstantTime <= instant && isCommitted($0.baseInstantTime) }
    }
}
