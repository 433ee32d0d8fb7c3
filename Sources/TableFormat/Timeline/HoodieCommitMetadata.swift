import Foundation

/// One file written by a commit (HoodieWriteStat). Only the fields readers use are kept typed.
public struct HoodieWriteStat: Sendable, Equatable {
    public var fileId: String
    /// Relative to the table's base path.
    public var path: String?
    /// The instant of the slice this file replaces; nil for a new file group (Hudi writes the string "null").
    public var prevCommit: String?
    public var partitionPath: String
    public var numWrites: Int64
    public var numDeletes: Int64
    public var numInserts: Int64
    public var numUpdateWrites: Int64
    public var totalWriteBytes: Int64
    public var fileSizeInBytes: Int64
    /// v8+: the base file a MOR log write belongs to, or (COW) nil.
    public var baseFile: String?
    public var prevBaseFile: String?
}

/// HoodieCommitMetadata / HoodieReplaceCommitMetadata: JSON in timeline layout 1, an Avro object container
/// file with one record in layout 2.
public struct HoodieCommitMetadata: Sendable, Equatable {
    public var partitionToWriteStats: [String: [HoodieWriteStat]]
    /// replacecommit only: the file groups this instant logically deletes.
    public var partitionToReplaceFileIds: [String: [String]]
    public var extraMetadata: [String: String]
    public var operationType: String?
    public var compacted: Bool

    /// The table schema this commit recorded (Avro JSON without meta fields), if any.
    public var schema: String? { extraMetadata["schema"].flatMap { $0.isEmpty ? nil : $0 } }

    public var writeStats: [HoodieWriteStat] {
        partitionToWriteStats.keys.sorted().flatMap { partitionToWriteStats[$0]! }
    }

    /// Decodes a completed instant's file: Avro when it starts with the container magic (layout 2), else JSON
    /// (layout 1, and layout-2 instants written before an upgrade, which Java also reads as JSON).
    public init(bytes: [UInt8], instant: String) throws {
        let object: Any
        if bytes.starts(with: AvroObjectContainerFile.magic) {
            let file = try AvroObjectContainerFile(bytes: bytes, name: instant)
            guard let record = file.values.first else {
                throw TableFormatError(.invalidMetadata, "commit metadata of \(instant) holds no Avro record")
            }
            object = record.jsonObject
        } else {
            guard !bytes.isEmpty else {
                throw TableFormatError(.invalidMetadata, "commit metadata of \(instant) is empty")
            }
            do {
                object = try JSONSerialization.jsonObject(with: Data(bytes))
            } catch {
                throw TableFormatError(.invalidMetadata, "commit metadata of \(instant) is neither Avro nor JSON: \(error.localizedDescription)")
            }
        }
        guard let dict = object as? [String: Any] else {
            throw TableFormatError(.invalidMetadata, "commit metadata of \(instant) is not an object")
        }
        try self.init(dictionary: dict, instant: instant)
    }

    init(dictionary: [String: Any], instant: String) throws {
        partitionToWriteStats = [:]
        for (partition, value) in dictionary["partitionToWriteStats"] as? [String: Any] ?? [:] {
            guard let stats = value as? [Any] else {
                throw TableFormatError(.invalidMetadata, "\(instant): write stats of partition '\(partition)' are not a list")
            }
            partitionToWriteStats[partition] = try stats.map { try HoodieWriteStat(object: $0, partition: partition, instant: instant) }
        }
        partitionToReplaceFileIds = [:]
        for (partition, value) in dictionary["partitionToReplaceFileIds"] as? [String: Any] ?? [:] {
            partitionToReplaceFileIds[partition] = (value as? [Any] ?? []).compactMap { $0 as? String }
        }
        extraMetadata = [:]
        for (key, value) in dictionary["extraMetadata"] as? [String: Any] ?? [:] {
            if let text = value as? String { extraMetadata[key] = text }
        }
        operationType = dictionary["operationType"] as? String
        compacted = dictionary["compacted"] as? Bool ?? false
    }
}

extension HoodieWriteStat {
    init(object: Any, partition: String, instant: String) throws {
        guard let d = object as? [String: Any] else {
            throw TableFormatError(.invalidMetadata, "\(instant): a write stat in partition '\(partition)' is not an object")
        }
        func string(_ key: String) -> String? {
            guard let s = d[key] as? String, s != "null" else { return nil }
            return s
        }
        func int(_ key: String) -> Int64 { (d[key] as? NSNumber)?.int64Value ?? 0 }
        guard let fileId = d["fileId"] as? String else {
            throw TableFormatError(.invalidMetadata, "\(instant): a write stat in partition '\(partition)' has no fileId")
        }
        self.init(fileId: fileId, path: string("path"), prevCommit: string("prevCommit"),
                  partitionPath: string("partitionPath") ?? partition, numWrites: int("numWrites"),
                  numDeletes: int("numDeletes"), numInserts: int("numInserts"), numUpdateWrites: int("numUpdateWrites"),
                  totalWriteBytes: int("totalWriteBytes"), fileSizeInBytes: int("fileSizeInBytes"),
                  baseFile: string("baseFile"), prevBaseFile: string("prevBaseFile"))
    }
}
