import Foundation
import Storage

/// Liveness of a writer's instant, as Hudi's HoodieHeartbeatClient keeps it: an empty object
/// `.hoodie/.heartbeat/<instant>` that the writer re-puts every interval while it works and deletes when done.
/// A pending instant whose heartbeat is older than the timeout (or absent) belongs to a writer that died, so
/// it may be rolled back; a fresh one belongs to a live concurrent writer and must be left alone.
/// A writer starts its heartbeat before it creates the requested instant, so no live instant is ever seen
/// without one.
public struct HoodieHeartbeat: Sendable {
    /// Java's default: a 60 s interval (`hoodie.client.heartbeat.interval_in_ms`) times 2 tolerable misses.
    public static let defaultTimeout: TimeInterval = 120

    public let store: any ObjectStore
    public let basePath: String

    public init(store: any ObjectStore, basePath: String) {
        self.store = store
        self.basePath = basePath.split(separator: "/").joined(separator: "/")
    }

    public func key(_ instantTime: String) -> String {
        HudiTable.key(basePath, ".hoodie/.heartbeat/" + instantTime)
    }

    /// Starts or refreshes the heartbeat of `instantTime` (a put moves the object's modification time).
    public func beat(_ instantTime: String) throws {
        do {
            try store.put(key(instantTime), [])
        } catch {
            throw TableFormatError(.io, "heartbeat of instant \(instantTime): writing \(store.uri)/\(key(instantTime)): \(error)")
        }
    }

    /// Ends the heartbeat (the writer completed or gave up).
    public func stop(_ instantTime: String) throws {
        do {
            try store.delete(key(instantTime))
        } catch {
            throw TableFormatError(.io, "heartbeat of instant \(instantTime): deleting \(store.uri)/\(key(instantTime)): \(error)")
        }
    }

    /// The time of the last beat; nil when there is no heartbeat (or the store reports no modification time).
    public func lastBeat(_ instantTime: String) throws -> Date? {
        do {
            return try store.head(key(instantTime)).lastModified
        } catch let error as StorageError where error.code == .notFound {
            return nil
        } catch {
            throw TableFormatError(.io, "heartbeat of instant \(instantTime): \(store.uri)/\(key(instantTime)): \(error)")
        }
    }

    /// Whether the writer of `instantTime` is presumed dead: no heartbeat, or none within `timeout` of `now`.
    public func isExpired(_ instantTime: String, now: Date = Date(), timeout: TimeInterval = defaultTimeout) throws -> Bool {
        guard let last = try lastBeat(instantTime) else { return true }
        return now.timeIntervalSince(last) > timeout
    }
}
