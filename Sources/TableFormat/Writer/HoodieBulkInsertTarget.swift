import Columnar
import Foundation
import Synchronization

/// What a bulk insert stream writes into: the pending instant's table, time and data schema, where opened
/// base files are recorded for abort, its share of the write tokens and the heartbeat. A `Sendable` value, so
/// several streams, each on its own thread, write one instant (`HoodieWriteTransaction.parallelBulkInsert`).
struct HoodieBulkInsertTarget: Sendable {
    let table: HudiTable
    let instantTime: String
    let dataSchema: Schema
    /// Keys of the base files opened, for abort.
    let opened: OpenedBaseFiles
    /// Bytes per record of an earlier commit, if one wrote enough records.
    let recordSizeFromCommits: Int64?
    let heartbeat: HoodieHeartbeatTimer
    /// This stream's task numbers (write tokens, sequence numbers): `firstTask`, `firstTask + taskStride`, ...
    /// so streams of one instant never share one.
    let firstTask: Int
    let taskStride: Int

    func task(_ k: Int) -> Int { firstTask &+ k &* taskStride }
}

/// Refreshes a pending instant's heartbeat every 30 s (Java beats every 60 s; readers presume a writer dead
/// after 120 s), from whichever thread asks.
final class HoodieHeartbeatTimer: Sendable {
    private let heartbeat: HoodieHeartbeat
    private let instantTime: String
    private let lastBeat = Mutex(Date())

    init(heartbeat: HoodieHeartbeat, instantTime: String) {
        self.heartbeat = heartbeat
        self.instantTime = instantTime
    }

    func beatIfDue() throws {
        let due = lastBeat.withLock { last in
            guard Date().timeIntervalSince(last) > 30 else { return false }
            last = Date()
            return true
        }
        if due { try heartbeat.beat(instantTime) }
    }
}
