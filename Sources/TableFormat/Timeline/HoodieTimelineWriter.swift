import Foundation
import Storage

/// Moves instants through requested → inflight → completed by creating their timeline files, each with
/// put-if-absent. The completed file is written last and alone, so an instant completes atomically on local
/// disk and on S3, and of two writers racing for one file exactly one wins; the other gets `.conflict`.
public struct HoodieTimelineWriter: Sendable {
    public let store: any ObjectStore
    /// The table's key prefix in `store` ("" for the store's root).
    public let basePath: String
    public let config: HoodieTableConfig
    public let layoutVersion: Int
    /// The timeline folder's key (`<base>/.hoodie` or `<base>/.hoodie/timeline`).
    public let directory: String
    /// The clock instants are taken from; tests may pin it.
    public var now: @Sendable () -> Date = { Date() }

    public init(store: any ObjectStore, basePath: String, config: HoodieTableConfig) throws {
        self.store = store
        self.basePath = basePath.split(separator: "/").joined(separator: "/")
        self.config = config
        layoutVersion = try config.timelineLayoutVersion
        guard layoutVersion == 1 || layoutVersion == 2 else {
            throw TableFormatError(.unsupported, "timeline layout version \(layoutVersion) cannot be written (1 and 2 can)")
        }
        directory = self.basePath.isEmpty ? config.timelineDirectory : self.basePath + "/" + config.timelineDirectory
    }

    /// A new instant time, `yyyyMMddHHmmssSSS` in the table's timeline zone (UTC unless it says LOCAL): the clock,
    /// or one millisecond past the greatest requested or completion time on `timeline` if the clock is not past it.
    public func newInstantTime(after timeline: HoodieActiveTimeline) -> String {
        let latest = timeline.instants.flatMap { [$0.requestedTime, $0.completionTime].compactMap { $0 } }
            .compactMap(HoodieInstantTime.wallClockMillis).max()
        return time(after: latest)
    }

    /// The clock's time, or `floor + 1 ms` when the clock is at or before `floor` (wall-clock milliseconds).
    func time(after floor: Int64?) -> String {
        let zone = HoodieInstantTime.timeZone(config.timelineTimezone)
        var millis = HoodieInstantTime.wallClockMillis(now(), zone: zone)
        if let floor, millis <= floor { millis = floor + 1 }
        return HoodieInstantTime.format(wallClockMillis: millis)
    }

    /// Creates `<time>.<action>.requested`; throws `.conflict` if another writer already requested this instant.
    public func createRequested(action: HoodieInstant.Action, time: String, content: [UInt8]) throws -> HoodieInstant {
        guard HoodieInstant.isInstantTime(time) else {
            throw TableFormatError(.invalidArgument, "'\(time)' is not an instant time (yyyyMMddHHmmss[SSS])")
        }
        let instant = HoodieInstant(requestedTime: time, action: action, state: .requested, layoutVersion: layoutVersion)
        try create(instant, content)
        return instant
    }

    /// Creates the inflight file of a requested instant.
    public func transitionToInflight(_ instant: HoodieInstant, content: [UInt8]) throws -> HoodieInstant {
        guard instant.state == .requested else {
            throw TableFormatError(.invalidArgument, "instant \(instant) is \(instant.state), not requested: it cannot become inflight")
        }
        let inflight = HoodieInstant(requestedTime: instant.requestedTime, action: instant.action, state: .inflight,
                                     layoutVersion: layoutVersion)
        try create(inflight, content)
        return inflight
    }

    /// Completes an inflight instant by creating its completed file, the commit point. Layout 2 names it with a
    /// completion time after the requested time, and requires Avro content for the actions readers decode.
    public func complete(_ instant: HoodieInstant, content: [UInt8]) throws -> HoodieInstant {
        guard instant.state == .inflight else {
            throw TableFormatError(.invalidArgument, "instant \(instant) is \(instant.state), not inflight: it cannot complete")
        }
        guard !content.isEmpty else {
            throw TableFormatError(.invalidArgument, "instant \(instant): a completed instant needs content (readers reject an empty file)")
        }
        if layoutVersion == 2, !content.starts(with: AvroObjectContainerFile.magic) {
            throw TableFormatError(.invalidArgument, "instant \(instant): timeline layout 2 stores completed instants as Avro object container files")
        }
        let completion = layoutVersion == 2 ? time(after: HoodieInstantTime.wallClockMillis(instant.requestedTime)) : nil
        let completed = HoodieInstant(requestedTime: instant.requestedTime, completionTime: completion, action: instant.action,
                                      state: .completed, layoutVersion: layoutVersion)
        try create(completed, content)
        return completed
    }

    /// Removes the requested and inflight files of a pending instant (rollback of a write that never completed).
    public func deletePending(_ instant: HoodieInstant) throws {
        for state in [HoodieInstant.State.inflight, .requested] {
            let name = HoodieInstant.fileName(requestedTime: instant.requestedTime, completionTime: nil, action: instant.action,
                                              state: state, layoutVersion: layoutVersion)
            do {
                try store.delete(key(name))
            } catch {
                throw TableFormatError(.io, "instant \(instant): deleting \(store.uri)/\(key(name)): \(error)")
            }
        }
    }

    public func key(_ fileName: String) -> String { directory + "/" + fileName }

    private func create(_ instant: HoodieInstant, _ content: [UInt8]) throws {
        let key = key(instant.fileName)
        do {
            try store.putIfAbsent(key, content)
        } catch let error as StorageError where error.code == .alreadyExists {
            throw TableFormatError(.conflict, "instant \(instant): \(store.uri)/\(key) already exists (another writer took this instant)")
        } catch {
            throw TableFormatError(.io, "instant \(instant): writing \(store.uri)/\(key): \(error)")
        }
    }
}
