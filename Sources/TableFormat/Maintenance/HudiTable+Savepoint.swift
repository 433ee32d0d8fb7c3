import Foundation
import Storage

/// Savepoints (Hudi's SavepointActionExecutor): `<t>.savepoint.inflight` then `<t>.savepoint` holding
/// HoodieSavepointMetadata, at the time of the completed commit t itself. The cleaner keeps every file a
/// savepoint lists, so the table stays readable, and restorable, as of t.
extension HudiTable {
    /// Savepoints completed commit `instantTime`: records the base files of the table as of it.
    @discardableResult
    public func savepoint(instantTime: String, user: String = "sluice", comment: String = "") throws -> HoodieSavepointMetadata {
        let time = try self.instantTime(instantTime)
        let current = try currentTimeline()
        guard current.completedCommits.contains(where: { $0.requestedTime == time }) else {
            throw TableFormatError(.invalidArgument, "cannot savepoint \(time) of '\(config.name)': it is not a completed commit on the active timeline")
        }
        guard !savepointedInstants(timeline: current).contains(time) else {
            throw TableFormatError(.invalidArgument, "instant \(time) of '\(config.name)' is already savepointed")
        }
        try requireNotCleaned(time, timeline: current)
        var files: [String: [String]] = [:]
        for slice in try latestFileSlices(asOf: time) { files[slice.partitionPath, default: []].append(slice.baseFile.fileName) }
        let metadata = HoodieSavepointMetadata(savepointedBy: user, savepointedAt: Int64(Date().timeIntervalSince1970 * 1000),
                                               comments: comment, partitionMetadata: files.mapValues { $0.sorted() })
        let writer = try timelineWriter()
        // A savepoint has no requested state: it starts inflight.
        let inflight = HoodieInstant(requestedTime: time, action: .savepoint, state: .inflight, layoutVersion: writer.layoutVersion)
        do {
            try store.putIfAbsent(writer.key(inflight.fileName), [])
        } catch let error as StorageError where error.code == .alreadyExists {
            throw TableFormatError(.conflict, "instant \(inflight): another savepoint of \(time) is in progress")
        } catch {
            throw TableFormatError(.io, "instant \(inflight): writing \(store.uri)/\(writer.key(inflight.fileName)): \(error)")
        }
        _ = try writer.complete(inflight, content: try metadata.serialized())
        return metadata
    }

    /// Deletes the savepoint of `instantTime`; the next clean may then remove the files it kept.
    public func deleteSavepoint(instantTime: String) throws {
        let time = try self.instantTime(instantTime)
        let current = try currentTimeline()
        guard current.instants.contains(where: { $0.action == .savepoint && $0.requestedTime == time }) else {
            throw TableFormatError(.invalidArgument, "no savepoint \(time) on the timeline of '\(config.name)'")
        }
        try deleteSavepointFiles(time, timeline: current)
    }

    /// Restores the table to savepoint `instantTime` (see `restore(to:)`), which works even when the cleaner has
    /// since passed it.
    @discardableResult
    public func restoreToSavepoint(instantTime: String) throws -> HoodieRestoreMetadata {
        let time = try self.instantTime(instantTime)
        guard savepointedInstants(timeline: try currentTimeline()).contains(time) else {
            throw TableFormatError(.invalidArgument, "no completed savepoint \(time) on the timeline of '\(config.name)'")
        }
        return try restore(to: time, savepoint: time)
    }

    /// The completed savepoints' metadata by instant time.
    public func savepoints(timeline: HoodieActiveTimeline? = nil) throws -> [String: HoodieSavepointMetadata] {
        let timeline = timeline ?? self.timeline
        var out: [String: HoodieSavepointMetadata] = [:]
        for instant in timeline.completedInstants where instant.action == .savepoint {
            let bytes: [UInt8]
            do {
                bytes = try store.get(timeline.key(of: instant))
            } catch {
                throw TableFormatError(.io, "instant \(instant): \(store.uri)/\(timeline.key(of: instant)): \(error)")
            }
            out[instant.requestedTime] = try HoodieSavepointMetadata(bytes: bytes, instant: instant.fileName)
        }
        return out
    }

    /// Removes the savepoint's completed file first (it stops protecting files), then its inflight file.
    func deleteSavepointFiles(_ time: String, timeline: HoodieActiveTimeline) throws {
        let files = timeline.instants.filter { $0.action == .savepoint && $0.requestedTime == time }.map { timeline.key(of: $0) }
            + [HudiTable.key(timeline.directory, HoodieInstant(requestedTime: time, action: .savepoint, state: .inflight,
                                                               layoutVersion: timeline.layoutVersion).fileName)]
        for key in files {
            do {
                try store.delete(key)
            } catch {
                throw TableFormatError(.io, "deleting savepoint \(time): \(store.uri)/\(key): \(error)")
            }
        }
    }
}
