import Foundation
import TableFormat

/// What one file contributed to one commit: its identity (the checkpoint) and its counts (the lineage).
public struct IngestedFile: Sendable, Equatable {
    public var location: String
    public var size: Int
    public var version: String
    public var modifiedMillis: Int64
    public var rowsRead = 0
    public var ingested = 0
    public var quarantined = 0
    public var skipped = 0
    public var millis = 0
    /// The instant of the commit that holds it (when read back from the timeline).
    public var instant: String?

    init(file: SourceFile) {
        location = file.location
        size = file.size
        version = file.version
        modifiedMillis = file.modifiedMillis
    }

    init?(json: [String: Any], instant: String) {
        guard let location = json["file"] as? String, let size = json["size"] as? Int, let version = json["version"] as? String else {
            return nil
        }
        (self.location, self.size, self.version, self.instant) = (location, size, version, instant)
        modifiedMillis = (json["mtime"] as? NSNumber)?.int64Value ?? 0
        rowsRead = json["rows"] as? Int ?? 0
        ingested = json["ingested"] as? Int ?? 0
        quarantined = json["quarantined"] as? Int ?? 0
        skipped = json["skipped"] as? Int ?? 0
        millis = json["millis"] as? Int ?? 0
    }

    var json: [String: Any] {
        ["file": location, "size": size, "version": version, "mtime": modifiedMillis, "rows": rowsRead,
         "ingested": ingested, "quarantined": quarantined, "skipped": skipped, "millis": millis]
    }
}

/// The files a table already holds, read from its commits' `extraMetadata`: each ingest commit lists the files
/// whose rows it adds, in the same commit file as the data, so a file is done exactly when its commit
/// completed. The checkpoint is the union over every completed commit, so concurrent runs that each commit
/// different files do not hide each other's. Hudi's streamer key (`deltastreamer.checkpoint.key`, the newest
/// modification time in milliseconds, as its DFS sources use) is written alongside for Hudi tools.
public struct IngestCheckpoint: Sendable {
    public static let filesKey = "sluice.ingest.files"
    public static let summaryKey = "sluice.ingest.summary"
    public static let streamerKey = "deltastreamer.checkpoint.key"

    /// Location → the newest commit's record of it.
    public private(set) var files: [String: IngestedFile] = [:]
    public private(set) var newestModifiedMillis: Int64 = 0

    public init() {}

    /// Reads every completed commit of `table` (a commit without ingest metadata adds nothing).
    public static func load(_ table: HudiTable) throws -> IngestCheckpoint {
        var checkpoint = IngestCheckpoint()
        for instant in table.timeline.completedCommits {
            let metadata = try table.commitMetadata(instant)
            for file in try files(in: metadata, instant: instant.requestedTime) {
                checkpoint.files[file.location] = file
                checkpoint.newestModifiedMillis = max(checkpoint.newestModifiedMillis, file.modifiedMillis)
            }
            if let key = metadata.extraMetadata[streamerKey], let millis = Int64(key) {
                checkpoint.newestModifiedMillis = max(checkpoint.newestModifiedMillis, millis)
            }
        }
        return checkpoint
    }

    /// The ingest files one commit's metadata lists.
    public static func files(in metadata: HoodieCommitMetadata, instant: String) throws -> [IngestedFile] {
        guard let text = metadata.extraMetadata[filesKey] else { return [] }
        guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw IngestError(.invalidCheckpoint, "commit \(instant): '\(filesKey)' is not a JSON array of files")
        }
        return list.compactMap { IngestedFile(json: $0, instant: instant) }
    }

    /// Whether `file` was ingested, changed since, or is new.
    func status(of file: SourceFile) -> FileStatus {
        guard let done = files[file.location] else { return .new }
        return done.size == file.size && done.version == file.version ? .ingested : .changed(done)
    }

    /// The `extraMetadata` entries of a commit that ingests `files`.
    func metadata(for files: [IngestedFile], summary: [String: Any]) throws -> [String: String] {
        let newest = files.reduce(newestModifiedMillis) { max($0, $1.modifiedMillis) }
        let list = try JSONSerialization.data(withJSONObject: files.map(\.json), options: [.sortedKeys])
        let totals = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
        return [Self.filesKey: String(decoding: list, as: UTF8.self), Self.summaryKey: String(decoding: totals, as: UTF8.self),
                Self.streamerKey: String(newest)]
    }

    mutating func record(_ committed: [IngestedFile], instant: String) {
        for var file in committed {
            file.instant = instant
            files[file.location] = file
            newestModifiedMillis = max(newestModifiedMillis, file.modifiedMillis)
        }
    }
}

enum FileStatus {
    case new, ingested
    case changed(IngestedFile)
}
